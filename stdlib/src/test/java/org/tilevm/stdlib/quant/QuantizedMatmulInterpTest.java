package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * End-to-end: the kernel run by the reference interpreter matches the float64 reference within
 * the stated tolerance, for every 1..8-bit weight type, ragged M, N, K and several group sizes.
 */
class QuantizedMatmulInterpTest {

    static Backend interp() { return Backends.named("interp"); }

    /** Runs one case and returns the relative error, after checking it against the tolerance. */
    static double check(DType aType, DType wType, int m, int n, int k, int g, long seed) {
        Random rnd = new Random(seed);
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) (2 * rnd.nextDouble() - 1);
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
        QuantizedWeights q = Quantizer.quantize(w, k, n, wType, g);
        float[] c = QuantizedMatmul.run(interp(), a, aType, m, q);
        double[] ref = QuantizedMatmul.reference(a, aType, m, q);
        double err = QuantizedMatmul.relativeError(c, ref);
        double tol = QuantizedMatmul.tolerance(aType, k);
        String what = wType.name() + " x " + aType.name() + " M=" + m + " N=" + n + " K=" + k + " G=" + g;
        assertTrue(err <= tol, () -> what + ": relative error " + err + " > tolerance " + tol);
        double maxRef = 0;
        for (double r : ref) maxRef = Math.max(maxRef, Math.abs(r));
        assertTrue(maxRef > 0, what + ": degenerate (all-zero) reference");
        return err;
    }

    /** Every <= 8-bit type with A in f32; the group size alternates 32 / 64. */
    static Stream<Arguments> everyTypeF32() {
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (DType t : DTypes.allLowBit()) out.add(Arguments.of(t, i++ % 2 == 0 ? 32 : 64));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x f32, G={1}")
    @MethodSource("everyTypeF32")
    void everyWeightTypeWithF32Activations(DType wType, int g) {
        check(DTypes.F32, wType, 19, 70, 200, g, 1000 + wType.hashCode());
    }

    /** Every <= 8-bit type with A in f16; the group sizes swapped with respect to the f32 run. */
    static Stream<Arguments> everyTypeF16() {
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (DType t : DTypes.allLowBit()) out.add(Arguments.of(t, i++ % 2 == 0 ? 64 : 32));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x f16, G={1}")
    @MethodSource("everyTypeF16")
    void everyWeightTypeWithF16Activations(DType wType, int g) {
        check(DTypes.F16, wType, 19, 70, 200, g, 2000 + wType.hashCode());
    }

    /** Zero points are allowed for every type (Quantizer makes them only for unsigned ones). */
    @Test
    void zeroPointsWithSignedAndFloatCodes() {
        Random rnd = new Random(101);
        int m = 7, n = 13, k = 40, g = 16;
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) (2 * rnd.nextDouble() - 1);
        for (DType t : List.of(DTypes.I4, DTypes.F4E2M1)) {
            long[] codes = QuantizedWeightsTest.randomCodes(rnd, k * n, t);
            int groups = QuantizedWeights.groups(k, g);
            float[] zeros = new float[groups * n];
            for (int i = 0; i < zeros.length; i++) zeros[i] = (float) rnd.nextGaussian();
            QuantizedWeights q = QuantizedWeights.fromCodes(codes, k, n, t, g, QuantizedWeightsTest.randomScales(rnd, groups * n), zeros);
            for (DType aType : List.of(DTypes.F32, DTypes.F16)) {
                double err = QuantizedMatmul.relativeError(QuantizedMatmul.run(interp(), a, aType, m, q),
                        QuantizedMatmul.reference(a, aType, m, q));
                assertTrue(err <= QuantizedMatmul.tolerance(aType, k), t.name() + " x " + aType.name() + ": " + err);
            }
        }
    }

    @Test
    void groupSize128() {
        check(DTypes.F32, DTypes.U4, 19, 70, 300, 128, 31);
        check(DTypes.F16, DTypes.I4, 17, 65, 256, 128, 32);
        check(DTypes.F16, DTypes.F4E2M1, 9, 130, 384, 128, 33);
    }

    /** G a multiple of 8 but not of 16 (k-tile 8, a replicated weight layout) and of 16 only (k-tile 16). */
    @Test
    void smallKTiles() {
        check(DTypes.F32, DTypes.U3, 19, 70, 100, 8, 41);
        check(DTypes.F16, DTypes.I5, 19, 70, 100, 24, 42);
        check(DTypes.F32, DTypes.F6E3M2, 19, 70, 100, 48, 43);
    }

    /** G not a multiple of 8: the general path (per-row scale groups assembled in shared memory). */
    @Test
    void groupSizesThatAreNotMultiplesOf8() {
        check(DTypes.F32, DTypes.U4, 19, 70, 100, 20, 51);
        check(DTypes.F16, DTypes.I3, 19, 70, 50, 7, 52);
        check(DTypes.F32, DTypes.F8E4M3, 5, 9, 37, 1, 53);
        check(DTypes.F32, DTypes.U2, 19, 70, 45, 45, 54); // one ragged group
    }

    @Test
    void tinyAndSingleTileShapes() {
        check(DTypes.F32, DTypes.U8, 1, 1, 1, 32, 61);
        check(DTypes.F16, DTypes.I2, 1, 3, 5, 8, 62);
        check(DTypes.F32, DTypes.U1, 16, 64, 32, 32, 63); // exactly one tile
        check(DTypes.F32, DType.parse("f5e2m2"), 33, 129, 65, 64, 64);
    }

    /** The program does not depend on M, N, K: one cached program runs every shape of its configuration. */
    @Test
    void oneProgramServesEveryShape() {
        Random rnd = new Random(71);
        QuantizedWeights w1 = Quantizer.quantize(gauss(rnd, 40 * 10), 40, 10, DTypes.U5, 32);
        QuantizedWeights w2 = Quantizer.quantize(gauss(rnd, 96 * 75), 96, 75, DTypes.U5, 32);
        assertSame(QuantizedMatmul.program(DTypes.F32, w1), QuantizedMatmul.program(DTypes.F32, w2));
        check(DTypes.F32, DTypes.U5, 3, 10, 40, 32, 72);
        check(DTypes.F32, DTypes.U5, 21, 75, 96, 32, 73);
    }

    /** The check is sensitive: a result of slightly different weights is rejected. */
    @Test
    void aWrongResultIsRejected() {
        Random rnd = new Random(81);
        int m = 19, n = 70, k = 200;
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) (2 * rnd.nextDouble() - 1);
        float[] w = gauss(rnd, k * n);
        QuantizedWeights q = Quantizer.quantize(w, k, n, DTypes.U4, 32);
        float[] c = QuantizedMatmul.run(interp(), a, DTypes.F16, m, q);
        // Change one code by one step: the reference moves by about a*scale, far beyond the tolerance.
        long[] codes = q.codes();
        codes[5 * n + 3] = codes[5 * n + 3] == 0 ? 1 : codes[5 * n + 3] - 1;
        QuantizedWeights q2 = QuantizedWeights.fromCodes(codes, k, n, DTypes.U4, 32, q.scales(), q.zeros());
        double err = QuantizedMatmul.relativeError(c, QuantizedMatmul.reference(a, DTypes.F16, m, q2));
        assertTrue(err > QuantizedMatmul.tolerance(DTypes.F16, k), "error " + err + " should exceed the tolerance");
    }

    @Test
    void programHasTheDocumentedParameters() {
        QuantizedWeights q = Quantizer.quantize(gauss(new Random(91), 64), 8, 8, DTypes.U4, 8);
        var p = QuantizedMatmul.program(DTypes.F16, q);
        List<String> names = p.params().stream().map(x -> x.name()).toList();
        assertTrue(names.equals(List.of("m", "n", "k", "n8", "kg", "a", "w", "scales", "zeros", "c")), names.toString());
        assertNotNull(p.param("zeros").orElse(null));
        QuantizedWeights s = Quantizer.quantize(gauss(new Random(92), 64), 8, 8, DTypes.I4, 8);
        assertTrue(QuantizedMatmul.program(DTypes.F32, s).param("zeros").isEmpty());
        assertTrue(p.numWarps() == 4);
    }

    static float[] gauss(Random rnd, int count) {
        float[] w = new float[count];
        for (int i = 0; i < count; i++) w[i] = (float) rnd.nextGaussian();
        return w;
    }
}
