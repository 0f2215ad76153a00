package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DTypes;

class ReferenceTest {

    @Test
    void referenceIsTheExactProductWithDequantizedWeights() {
        // A [2,3], W u2 [3,2] with G = 2 and zero points.
        float[] a = {1f, 2f, 3f, -1f, 0.5f, 4f};
        long[] codes = {0, 1, 2, 3, 1, 1};
        float[] scales = {0.5f, 2f, 1f, 4f};
        float[] zeros = {1f, 0f, 2f, 1f};
        QuantizedWeights w = QuantizedWeights.fromCodes(codes, 3, 2, DTypes.U2, 2, scales, zeros);
        // dequantized: row0 = (-0.5, 2), row1 = (0.5, 6), row2 = (-1, 0)
        double[] ref = QuantizedMatmul.reference(a, DTypes.F32, 2, w);
        assertArrayEquals(new double[] {-0.5 + 1 - 3, 2 + 12 + 0, 0.5 + 0.25 - 4, -2 + 3 + 0}, ref);
    }

    @Test
    void f16ActivationsAreRoundedFirst() {
        float a = 1f + 0x1p-13f; // not an f16 value: rounds to 1
        QuantizedWeights w = QuantizedWeights.fromCodes(new long[] {1}, 1, 1, DTypes.U1, 1, new float[] {1f}, null);
        assertEquals(1.0, QuantizedMatmul.reference(new float[] {a}, DTypes.F16, 1, w)[0]);
        assertEquals((double) a, QuantizedMatmul.reference(new float[] {a}, DTypes.F32, 1, w)[0]);
    }

    @Test
    void toleranceFollowsTheStatedFormula() {
        assertEquals(4 * 202 * 0x1p-24, QuantizedMatmul.tolerance(DTypes.F32, 200));
        assertEquals(4 * (0x1p-11 + 202 * 0x1p-24), QuantizedMatmul.tolerance(DTypes.F16, 200));
        assertTrue(QuantizedMatmul.tolerance(DTypes.F16, 64) > QuantizedMatmul.tolerance(DTypes.F32, 64));
        QuantizedWeightsTest.assertMessage("activation type bf16 is not supported",
                () -> QuantizedMatmul.tolerance(DTypes.BF16, 8));
    }

    @Test
    void relativeErrorIsMaxErrorOverMaxReference() {
        assertEquals(0.125, QuantizedMatmul.relativeError(new float[] {1f, 3.5f}, new double[] {1.5, -2 + 6})); // errors 0.5, 0.5; max|ref| 4
        assertEquals(Double.POSITIVE_INFINITY, QuantizedMatmul.relativeError(new float[] {Float.NaN}, new double[] {1}));
        assertEquals(0.0, QuantizedMatmul.relativeError(new float[] {0f}, new double[] {0}));
    }

    @Test
    void runAndReferenceRejectMisshapenActivations() {
        QuantizedWeights w = QuantizedWeights.fromCodes(new long[] {1, 1}, 2, 1, DTypes.U1, 1, new float[] {1f, 1f}, null);
        QuantizedWeightsTest.assertMessage("a has 3 elements, expected M*K = 2*2 = 4",
                () -> QuantizedMatmul.reference(new float[3], DTypes.F32, 2, w));
        QuantizedWeightsTest.assertMessage("M = 0 must be positive",
                () -> QuantizedMatmul.reference(new float[0], DTypes.F32, 0, w));
    }

    @Test
    void argumentsCarryTheDerivedSizesAndCheckZeroPoints() {
        QuantizedWeights w = Quantizer.quantize(new float[] {1f, -2f, 3f, 0.5f, 2f, -1f}, 3, 2, DTypes.U3, 2);
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(new byte[64]);
        var args = QuantizedMatmul.arguments(5, w, s, s, s, s, s);
        assertEquals(java.util.List.of("m", "n", "k", "n8", "kg", "a", "w", "scales", "zeros", "c"), java.util.List.copyOf(args.keySet()));
        assertEquals(5, args.get("m"));
        assertEquals(1, args.get("n8")); // ceil(2/8)
        assertEquals(2, args.get("kg")); // ceil(3/2)
        QuantizedWeightsTest.assertMessage("the weights have zero points, but a zeros segment was not given",
                () -> QuantizedMatmul.arguments(5, w, s, s, s, null, s));
    }
}
