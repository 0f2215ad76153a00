package org.tilevm.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilevm.spec.dtype.DType;
import org.tilevm.stdlib.quant.QuantizedWeights;

class VectorQmatmulTest {

    /**
     * Ragged N (whole units, several tasks and a scalar right edge) and ragged K (a short last group),
     * the GEMV path (M = 1) and the GEMM path (M = 5: one block of four rows and a single row).
     */
    @ParameterizedTest(name = "{0} G={1} M={2} N={3} K={4}")
    @CsvSource({
            "u4, 32, 1, 1000, 300", "u4, 128, 1, 1000, 300", "u4, 32, 5, 1000, 300", "u4, 128, 5, 333, 300",
            "i4, 32, 1, 1000, 300", "i4, 128, 5, 1000, 300", "i4, 128, 1, 333, 129",
            "u3, 32, 1, 1000, 300", "u3, 128, 5, 777, 300", "i3, 32, 1, 777, 200", "i3, 128, 5, 1000, 300",
            "u2, 32, 1, 1000, 300", "u2, 128, 5, 700, 300", "i2, 32, 5, 1000, 260", "i2, 128, 1, 700, 300",
            "u4, 20, 5, 256, 100", "u4, 1000, 1, 512, 700", "i3, 300, 5, 512, 300"})
    void matchesTheReference(String type, int group, int m, int n, int k) {
        Random rnd = new Random(31L * n + k + m);
        QuantizedWeights w = Problems.weights(rnd, k, n, DType.parse(type), group);
        float[] a = Problems.activations(rnd, m, k);
        float[] c = new float[m * n];
        Arrays.fill(c, Float.NaN);
        VectorQmatmul.multiply(a, m, w, c);
        Problems.assertClose(type, a, m, w, c);
    }

    /** Every code value, with zero points and with none, agrees with the scalar loop column by column. */
    @Test
    void agreesWithTheScalarLoopOnEveryCode() {
        for (String type : new String[] {"u4", "i4", "u3", "i3", "u2", "i2"}) {
            DType t = DType.parse(type);
            int k = 64, n = 8 * 8 * VectorQmatmul.lanes();
            Random rnd = new Random(type.hashCode());
            long[] codes = new long[k * n];
            for (int i = 0; i < codes.length; i++) codes[i] = i % (1 << t.bits()) ^ (i / n & 1);
            float[] scales = new float[2 * n], zeros = new float[2 * n];
            for (int i = 0; i < scales.length; i++) {
                scales[i] = 0.5f + rnd.nextFloat();
                zeros[i] = rnd.nextInt(1 << t.bits());
            }
            for (float[] z : new float[][] {zeros, null}) {
                QuantizedWeights w = QuantizedWeights.fromCodes(codes, k, n, t, 32, scales, z);
                for (int m : new int[] {1, 4}) {
                    float[] a = Problems.activations(rnd, m, k);
                    float[] expect = new float[m * n], got = new float[m * n];
                    ScalarQmatmul.multiply(a, m, w, expect);
                    VectorQmatmul.multiply(a, m, w, got);
                    for (int i = 0; i < expect.length; i++) {
                        assertEquals(expect[i], got[i], 1e-4f * (1 + Math.abs(expect[i])),
                                type + (z == null ? "" : " with zeros") + " M=" + m + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void unitsHoldEightCodesPerLane() {
        int l = VectorQmatmul.lanes();
        Unpacker nib = Unpacker.of(DType.parse("u4"));
        assertEquals(8 * l, nib.unitColumns());
        assertEquals(4 * l, nib.unitBytes());
        assertEquals(0, nib.signMask());
        assertEquals(0x88888888, Unpacker.of(DType.parse("i4")).signMask());
        Unpacker tri = Unpacker.of(DType.parse("i3"));
        assertEquals(3 * l, tri.unitBytes());
        assertEquals(0x924924, tri.signMask());
        assertEquals(4f, tri.valueOffset());
        assertEquals(0xAAAA, Unpacker.of(DType.parse("i2")).signMask());
        assertEquals(8 * 2 + 5, VectorQmatmul.columnOf(5, 2));
    }

    @Test
    void blocksNeverStraddleAGroup() {
        KBlocks b = KBlocks.of(300, 128, 64);
        assertEquals(Arrays.toString(new int[] {0, 64, 128, 192, 256, 300}), Arrays.toString(b.start()));
        assertEquals(Arrays.toString(new int[] {0, 0, 1, 1, 2}), Arrays.toString(b.group()));
        KBlocks odd = KBlocks.of(10, 3, 64);
        assertEquals(Arrays.toString(new int[] {0, 3, 6, 9, 10}), Arrays.toString(odd.start()));
        assertEquals(3, odd.maxRows());
    }

    @Test
    void rejectsOtherTypes() {
        assertFalse(VectorQmatmul.supports(DType.parse("u5")));
        assertTrue(VectorQmatmul.supports(DType.parse("i3")));
        QuantizedWeights w = Problems.weights(new Random(3), 16, 16, DType.parse("f4e2m1"), 16);
        var e = assertThrows(IllegalArgumentException.class,
                () -> VectorQmatmul.multiply(new float[16], 1, w, new float[16]));
        assertEquals("vector qmatmul baseline: weight type f4e2m1 is not supported: expected u2, i2, u3, i3, u4 or i4",
                e.getMessage());
    }
}
