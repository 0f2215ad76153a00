package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;

class QuantizedWeightsTest {

    /** Random valid (finite) codes of the type. */
    static long[] randomCodes(Random rnd, int count, DType type) {
        long[] codes = new long[count];
        for (int i = 0; i < count; i++) {
            long c;
            do {
                c = rnd.nextLong(type.mask() + 1);
            } while (!Double.isFinite(type.decode(c)));
            codes[i] = c;
        }
        return codes;
    }

    static float[] randomScales(Random rnd, int count) {
        float[] s = new float[count];
        for (int i = 0; i < count; i++) s[i] = 0.01f + rnd.nextFloat();
        return s;
    }

    @Test
    void packRoundTripsEveryLowBitType() {
        Random rnd = new Random(11);
        for (DType type : DTypes.allLowBit()) {
            int k = 13, n = 21, g = 5;
            long[] codes = randomCodes(rnd, k * n, type);
            int groups = QuantizedWeights.groups(k, g);
            QuantizedWeights w = QuantizedWeights.fromCodes(codes, k, n, type, g, randomScales(rnd, groups * n), null);
            assertArrayEquals(codes, w.codes(), type.name());
            assertEquals((long) k * 24 * type.bits() / 8, w.packed().byteSize(), type.name());
        }
    }

    /** The documented format: element (r, c) is bit-stream element r*Npad + c; padding columns are 0. */
    @Test
    void packedFormatIsRowMajorPaddedBitStream() {
        Random rnd = new Random(12);
        for (int bits = 1; bits <= 8; bits++) {
            DType type = DType.parse("u" + bits);
            int k = 7, n = 19, npad = 24;
            long[] codes = randomCodes(rnd, k * n, type);
            MemorySegment seg = QuantizedWeights.pack(codes, k, n, bits);
            assertEquals((long) k * npad * bits / 8, seg.byteSize());
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < npad; c++) {
                    long expect = c < n ? codes[r * n + c] : 0;
                    assertEquals(expect, BitPacking.get(seg, (long) r * npad + c, bits), "u" + bits + " at " + r + "," + c);
                }
            }
            // A group of 8 elements starting at column 8j is bytes [r*rowBytes + j*bits, +bits).
            int r = 3, j = 1;
            long word = 0;
            for (int b = 0; b < bits; b++) {
                word |= (seg.get(ValueLayout.JAVA_BYTE, (long) r * QuantizedWeights.rowBytes(n, bits) + j * bits + b) & 0xFFL) << (8 * b);
            }
            for (int e = 0; e < 8; e++) {
                assertEquals(codes[r * n + 8 * j + e], (word >>> (e * bits)) & type.mask(), "u" + bits + " element " + e);
            }
        }
    }

    /** The worked example of QMATMUL.md: u3 codes [[5,3,6],[7,0,1]] pack to 9D 01 00 47 00 00. */
    @Test
    void documentedPackingExample() {
        MemorySegment seg = QuantizedWeights.pack(new long[] {5, 3, 6, 7, 0, 1}, 2, 3, 3);
        assertArrayEquals(new byte[] {(byte) 0x9D, 0x01, 0x00, 0x47, 0x00, 0x00}, seg.toArray(ValueLayout.JAVA_BYTE));
    }

    @Test
    void dequantizedUsesGroupScaleAndZero() {
        DType type = DTypes.U4;
        int k = 5, n = 2, g = 2; // groups: rows {0,1}, {2,3}, {4}
        long[] codes = {1, 2, 3, 4, 5, 6, 7, 8, 15, 0};
        float[] scales = {0.5f, 2f, 0.25f, 1f, 3f, 4f};
        float[] zeros = {1f, 8f, 0f, 2f, 7f, 0f};
        QuantizedWeights w = QuantizedWeights.fromCodes(codes, k, n, type, g, scales, zeros);
        assertEquals((1 - 1) * 0.5, w.dequantized(0, 0));
        assertEquals((2 - 8) * 2.0, w.dequantized(0, 1));
        assertEquals((4 - 8) * 2.0, w.dequantized(1, 1));
        assertEquals((5 - 0) * 0.25, w.dequantized(2, 0));
        assertEquals((8 - 2) * 1.0, w.dequantized(3, 1));
        assertEquals((15 - 7) * 3.0, w.dequantized(4, 0));
        assertEquals(0.0, w.dequantized(4, 1));
        assertEquals(3, w.groups());
    }

    @Test
    void signedAndFloatCodesDecodeInDequantized() {
        QuantizedWeights wi = QuantizedWeights.fromCodes(new long[] {0b1111, 0b0111}, 2, 1, DTypes.I4, 4, new float[] {0.5f}, null);
        assertEquals(-0.5, wi.dequantized(0, 0));
        assertEquals(3.5, wi.dequantized(1, 0));
        // f4e2m1: code 0b0111 = 6, 0b1011 = -1.5
        QuantizedWeights wf = QuantizedWeights.fromCodes(new long[] {0b0111, 0b1011}, 2, 1, DTypes.F4E2M1, 1, new float[] {2f, 3f}, null);
        assertEquals(12.0, wf.dequantized(0, 0));
        assertEquals(-4.5, wf.dequantized(1, 0));
    }

    @Test
    void fromCodesRejectsBadInputWithClearMessages() {
        float[] s1 = {1f};
        assertMessage("code 16 at [0,1] is outside [0, 15] for u4",
                () -> QuantizedWeights.fromCodes(new long[] {0, 16}, 1, 2, DTypes.U4, 1, new float[] {1f, 1f}, null));
        assertMessage("code -1 at [0,0] is outside [0, 7] for i3",
                () -> QuantizedWeights.fromCodes(new long[] {-1}, 1, 1, DTypes.I3, 1, s1, null));
        long nan = ((FloatType) DTypes.F8E4M3).nanCode();
        assertMessage("weights must be finite",
                () -> QuantizedWeights.fromCodes(new long[] {nan}, 1, 1, DTypes.F8E4M3, 1, s1, null));
        long inf = ((FloatType) DTypes.F8E5M2).infinityCode();
        assertMessage("weights must be finite",
                () -> QuantizedWeights.fromCodes(new long[] {inf}, 1, 1, DTypes.F8E5M2, 1, s1, null));
        assertMessage("codes have 3 elements, expected K*N = 2*2 = 4",
                () -> QuantizedWeights.fromCodes(new long[3], 2, 2, DTypes.U4, 1, new float[4], null));
        assertMessage("scales have 2 elements, expected ceil(K/G)*N = 2*2 = 4",
                () -> QuantizedWeights.fromCodes(new long[6], 3, 2, DTypes.U4, 2, new float[2], null));
        assertMessage("zeros have 1 elements, expected ceil(K/G)*N = 1*2 = 2",
                () -> QuantizedWeights.fromCodes(new long[4], 2, 2, DTypes.U4, 2, new float[2], new float[1]));
        assertMessage("group size 0 must be >= 1",
                () -> QuantizedWeights.fromCodes(new long[1], 1, 1, DTypes.U4, 0, s1, null));
        assertMessage("shape [0,1] must be positive",
                () -> QuantizedWeights.fromCodes(new long[0], 0, 1, DTypes.U4, 1, new float[0], null));
        assertMessage("type f16 has 16 bits",
                () -> QuantizedWeights.fromCodes(new long[1], 1, 1, DTypes.F16, 1, s1, null));
        assertMessage("scales[0,1] = NaN is not finite",
                () -> QuantizedWeights.fromCodes(new long[2], 1, 2, DTypes.U4, 1, new float[] {1f, Float.NaN}, null));
        assertMessage("packed segment has 3 bytes, expected 4",
                () -> new QuantizedWeights(DTypes.U4, 1, 1, 1, MemorySegment.ofArray(new byte[3]), s1, null));
    }

    @Test
    void fromCodesCopiesItsArrays() {
        float[] scales = {2f};
        QuantizedWeights w = QuantizedWeights.fromCodes(new long[] {3}, 1, 1, DTypes.U4, 1, scales, null);
        scales[0] = 5f;
        assertEquals(6.0, w.dequantized(0, 0));
    }

    static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), () -> "message '" + ex.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void helpersAgreeWithTheFormat() {
        assertEquals(8, QuantizedWeights.paddedN(1));
        assertEquals(72, QuantizedWeights.paddedN(70));
        assertEquals(72 / 8 * 3, QuantizedWeights.rowBytes(70, 3));
        assertEquals(4, QuantizedWeights.groups(200, 64));
        assertEquals(Arrays.toString(new long[] {1, 2}), Arrays.toString(
                QuantizedWeights.fromCodes(new long[] {1, 2}, 1, 2, DTypes.U2, 1, new float[] {1f, 1f}, null).codes()));
    }
}
