package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;

/** Runs the quantized matmul on a backend and on the interpreter with the same seeded data and asserts bit-identical C. */
final class BackendComparison {
    private BackendComparison() {}

    /** The inputs and both results of one comparison. */
    record Outcome(float[] a, QuantizedWeights weights, float[] got, float[] ref) {}

    static Outcome assertBitIdentical(String backend, long seed, DType wType, DType aType, int g, int m, int n, int k) {
        return assertBitIdentical(backend, Tiling.GPU, seed, wType, aType, g, m, n, k);
    }

    /** The same with the program of {@code tiling} on both backends. */
    static Outcome assertBitIdentical(String backend, Tiling tiling, long seed, DType wType, DType aType, int g, int m, int n, int k) {
        Random rnd = new Random(seed);
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) (2 * rnd.nextDouble() - 1);
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
        QuantizedWeights q = Quantizer.quantize(w, k, n, wType, g);
        float[] got = QuantizedMatmul.run(Backends.named(backend), tiling, a, aType, m, q);
        float[] ref = QuantizedMatmul.run(Backends.named("interp"), tiling, a, aType, m, q);
        boolean nonZero = false;
        for (int i = 0; i < ref.length; i++) {
            int row = i / n, col = i % n;
            assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(got[i]),
                    "C[" + row + "," + col + "]: " + backend + " " + got[i] + ", interp " + ref[i]);
            nonZero |= ref[i] != 0;
        }
        assertTrue(nonZero, "degenerate all-zero result");
        return new Outcome(a, q, got, ref);
    }
}
