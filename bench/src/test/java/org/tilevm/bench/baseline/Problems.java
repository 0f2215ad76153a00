package org.tilevm.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;
import org.tilevm.stdlib.quant.Quantizer;

/** Random quantized-matmul problems (Gaussian weights through the Quantizer, A uniform in [-1, 1]) and the accuracy check. */
final class Problems {
    private Problems() {}

    static QuantizedWeights weights(Random rnd, int k, int n, DType type, int group) {
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
        return Quantizer.quantize(w, k, n, type, group);
    }

    static float[] activations(Random rnd, int m, int k) {
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() * 2 - 1;
        return a;
    }

    /** Asserts that c is within the spec's f32 tolerance of the float64 reference. */
    static void assertClose(String what, float[] a, int m, QuantizedWeights w, float[] c) {
        double[] ref = QuantizedMatmul.reference(a, DTypes.F32, m, w);
        double err = QuantizedMatmul.relativeError(c, ref);
        double tol = QuantizedMatmul.tolerance(DTypes.F32, w.k());
        assertTrue(err <= tol, what + ": relative error " + err + " > tolerance " + tol);
    }
}
