package org.tilevm.spec.dtype;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.dtype.DTypes.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The worked examples of vm-spec/SPEC.md Part D: test {@code exN_M} checks Ex. DN.M. */
class DTypeDocExamplesTest {

    private static FloatType f(String name) { return (FloatType) DType.parse(name); }

    private static long bits(double d) { return Double.doubleToRawLongBits(d); }

    @Test
    void ex1_1_codes() {
        assertEquals(3.0, F4E2M1.decode(0x5));
        assertEquals(3.0, F4E2M1.decode(0xF5));
        assertEquals(0x5L, F4E2M1.encode(3.0));
    }

    @Test
    void ex2_1_parseErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.parse("u9"));
        assertEquals("unknown dtype 'u9': expected u1..u8, u16, u32, i1..i8, i16, i32, i64, f16, bf16, f32, "
                + "or fNeEmM with N=1+E+M<=8, E>=1 (e.g. f4e2m1, f6e3m2, f8e4m3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DType.parse("f4e2m2"));
        assertTrue(e.getMessage().startsWith("unknown dtype 'f4e2m2': expected"));
        for (String s : new String[] {"bool", "fp8", "f8e4m3fn", "F16", "u04", "f16e5m10"}) {
            assertThrows(IllegalArgumentException.class, () -> DType.parse(s), s);
        }
    }

    @Test
    void ex2_2_eightBitFloats() {
        assertEquals(FloatType.Special.NAN_ONLY_ALL_ONES, f("f8e4m3").special());
        assertEquals(FloatType.Special.IEEE, f("f8e5m2").special());
        assertEquals(FloatType.Special.FINITE, f("f8e3m4").special());
    }

    @Test
    void ex3_1_integerValues() {
        for (int c = 0; c < 8; c++) assertEquals(c, U3.decode(c));
        assertEquals(-16L, I5.minLong());
        assertEquals(15L, I5.maxLong());
        assertEquals(-10L, I5.decodeLong(0b10110));
        assertEquals(-1L, I5.decodeLong(0b11111));
        assertEquals(-16L, I5.decodeLong(0b10000));
    }

    @Test
    void ex3_2_integerEncode() {
        assertEquals(0xEL, I4.encode(-2.5));
        assertEquals(0xCL, I4.encode(-3.5));
        assertEquals(0x7L, I4.encode(100.0));
        assertEquals(0x8L, I4.encode(-100.0));
        assertEquals(0x0L, U4.encode(-3.0));
        assertEquals(0x0L, U4.encode(Double.NaN));
    }

    @Test
    void ex3_3_integerHelpers() {
        assertEquals(-3L, I4.decodeLong(0xD));
        assertEquals(0xDL, I4.encodeLong(-3));
        assertEquals(-3L, I4.wrap(13));
        assertEquals(0x4L, U4.encodeLong(20));
        assertEquals(0xFL, U4.encode(20L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> I4.toCode(8));
        assertEquals("value 8 does not fit in i4 [-8, 7]", e.getMessage());
    }

    @Test
    void ex4_1_f4e2m1() {
        double[] v = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
        for (int c = 0; c < 8; c++) {
            assertEquals(v[c], F4E2M1.decode(c));
            assertEquals(-v[c], F4E2M1.decode(c + 8));
        }
        assertEquals(bits(-0.0), bits(F4E2M1.decode(8)));
        assertEquals(Math.scalb(1.0, 3 - 1) * (1 + 1.0 / 2), F4E2M1.decode(0b0111));
    }

    @Test
    void ex4_2_eightAndSixBitMaxima() {
        assertEquals(448.0, F8E4M3.decode(0x7E));
        assertEquals(448.0, F8E4M3.maxValue());
        assertTrue(Double.isNaN(F8E4M3.decode(0x7F)));
        assertEquals(256.0, F8E4M3.decode(0x78));
        assertEquals(Math.scalb(1.0, -9), F8E4M3.decode(0x01));
        assertEquals(57344.0, F8E5M2.decode(0x7B));
        assertEquals(57344.0, F8E5M2.maxValue());
        assertEquals(Double.POSITIVE_INFINITY, F8E5M2.decode(0x7C));
        assertEquals(Double.NEGATIVE_INFINITY, F8E5M2.decode(0xFC));
        for (int c = 0x7D; c <= 0x7F; c++) assertTrue(Double.isNaN(F8E5M2.decode(c)));
        assertEquals(28.0, F6E3M2.maxValue());
        assertEquals(7.5, F6E2M3.maxValue());
    }

    @Test
    void ex4_3_mantissaFree() {
        FloatType a = f("f2e1m0"), b = f("f3e2m0");
        assertArrayEquals(new double[] {0, 2, -0.0, -2}, new double[] {a.decode(0), a.decode(1), a.decode(2), a.decode(3)});
        assertArrayEquals(new double[] {0, 1, 2, 4}, new double[] {b.decode(0), b.decode(1), b.decode(2), b.decode(3)});
    }

    @Test
    void section4_table() {
        // spot checks of the table: name, bias, max, min positive, max code, NaN code
        Object[][] rows = {
            {"f2e1m0", 0, 2.0, 2.0, 0x1L, 0x1L},
            {"f5e4m0", 7, 256.0, Math.scalb(1.0, -6), 0xFL, 0xFL},
            {"f6e4m1", 7, 384.0, Math.scalb(1.0, -7), 0x1FL, 0x1FL},
            {"f7e5m1", 15, 98304.0, Math.scalb(1.0, -15), 0x3FL, 0x3FL},
            {"f8e3m4", 3, 31.0, 0.015625, 0x7FL, 0x7FL},
            {"f8e4m3", 7, 448.0, Math.scalb(1.0, -9), 0x7EL, 0x7FL},
            {"f8e5m2", 15, 57344.0, Math.scalb(1.0, -16), 0x7BL, 0x7EL},
            {"f8e6m1", 31, 1.5 * Math.scalb(1.0, 32), Math.scalb(1.0, -31), 0x7FL, 0x7FL},
            {"f8e7m0", 63, Math.scalb(1.0, 64), Math.scalb(1.0, -62), 0x7FL, 0x7FL},
            {"f16", 15, 65504.0, Math.scalb(1.0, -24), 0x7BFFL, 0x7E00L},
            {"bf16", 127, (2 - Math.scalb(1.0, -7)) * Math.scalb(1.0, 127), Math.scalb(1.0, -133), 0x7F7FL, 0x7FC0L},
            {"f32", 127, (double) Float.MAX_VALUE, (double) Float.MIN_VALUE, 0x7F7FFFFFL, 0x7FC00000L},
        };
        for (Object[] r : rows) {
            FloatType t = f((String) r[0]);
            assertEquals(r[1], t.bias(), t.name());
            assertEquals(r[2], t.maxValue(), t.name());
            assertEquals(-(double) r[2], t.minValue(), t.name());
            assertEquals(r[3], t.minPositive(), t.name());
            assertEquals(r[4], t.maxCode(), t.name());
            assertEquals(r[5], t.nanCode(), t.name());
            assertEquals(r[5], t.encode(Double.NaN), t.name());
        }
    }

    @Test
    void ex5_1_f4e2m1Encode() {
        FloatType t = F4E2M1;
        assertEquals(0x4L, t.encode(2.5));
        assertEquals(4.0, t.decode(t.encode(3.5)));
        assertEquals(4.0, t.decode(t.encode(5.0)));
        assertEquals(0.0, t.decode(t.encode(0.25)));
        assertEquals(1.0, t.decode(t.encode(0.75)));
        assertEquals(1.0, t.decode(t.encode(1.25)));
        assertEquals(2.0, t.decode(t.encode(1.75)));
        assertEquals(3.0, t.decode(t.encode(Math.nextUp(2.5))));
        assertEquals(6.0, t.decode(t.encode(7.0)));
        assertEquals(6.0, t.decode(t.encode(1e9)));
        assertEquals(0xFL, t.encode(-1e9));
        assertEquals(0x8L, t.encode(-0.25));
        assertEquals(0x7L, t.encode(Double.NaN));
        assertEquals(0x7L, t.encode(Double.POSITIVE_INFINITY));
    }

    @Test
    void ex5_2_f8e4m3Encode() {
        FloatType t = F8E4M3;
        assertEquals(0x3FL, t.encode(1.875));
        assertEquals(0x40L, t.encode(2.0));
        assertEquals(0x40L, t.encode(1.9375));
        assertEquals(0x00L, t.encode(Math.scalb(1.0, -10)));
        assertEquals(0x02L, t.encode(1.5 * Math.scalb(1.0, -9)));
        assertEquals(Math.scalb(1.0, -8), t.decode(0x02));
        assertEquals(0x7EL, t.encode(470.0));
        assertEquals(0x7EL, t.encode(Double.POSITIVE_INFINITY));
        assertEquals(0x7FL, t.encode(Double.NaN));
    }

    @Test
    void ex5_3_f16AndBf16Encode() {
        assertEquals(0x7BFFL, F16.encode(70000.0));
        assertEquals(0x7BFFL, F16.encode(65520.0));
        assertEquals(0x7C00L, F16.encode(Double.POSITIVE_INFINITY));
        assertEquals(0x3C00L, F16.encode(1 - Math.scalb(1.0, -12)));
        assertEquals(0x7F7FL, BF16.encode(1e39));
    }

    @Test
    void ex5_4_mantissaFreeTies() {
        FloatType t = f("f3e2m0");
        assertEquals(2L, t.encode(3.0));
        assertEquals(2.0, t.decode(t.encode(3.0)));
        assertEquals(2.0, t.decode(t.encode(1.5)));
    }

    @Test
    void ex6_1_floatToFloat() {
        assertEquals(0x4L, DType.convert(F16, F16.encode(2.5), F4E2M1));
        assertEquals(0x7EL, DType.convert(F8E5M2, 0x7C, F8E4M3));
        assertEquals(0x7L, DType.convert(F16, 0x7E00, F4E2M1));
        assertEquals(0x7E00L, DType.convert(F8E4M3, 0xFF, F16));
    }

    @Test
    void ex6_2_floatToInt() {
        assertEquals(0xFEL, DType.convert(F16, F16.encode(-2.5), I8));
        assertEquals(127L, DType.convert(F16, F16.encode(1000.0), I8));
        assertEquals(0L, DType.convert(F16, 0x7E00, I8));
        assertEquals(0x80L, DType.convert(F16, 0xFC00, I8));
    }

    @Test
    void ex6_3_intToFloat() {
        assertEquals(0x6L, DType.convert(I8, 5, F4E2M1));
        assertEquals(0xFL, DType.convert(I8, 0x80, F4E2M1));
        long v = (1L << 60) + (1L << 36) + 1;
        assertEquals(Math.scalb(1.0, 60) + Math.scalb(1.0, 37), F32.decode(DType.convert(I64, v, F32)));
        assertEquals(Math.scalb(1.0, 60), F32.decode(F32.encode((double) v)));
    }

    @Test
    void ex6_4_intToInt() {
        assertEquals(0xC8L, DType.convert(U8, 200, I8));
        assertEquals(-56L, I8.decodeLong(0xC8));
        assertEquals(0xFL, DType.convert(I8, 0xFF, U4));
        assertEquals(0xFFFFFFFFL, DType.convert(I4, 0xF, I32));
        assertEquals(15L, DType.convert(U4, 15, I32));
        assertEquals(4L, DType.convert(U8, 20, I4));
    }

    @Test
    void ex7_1_u4() {
        assertArrayEquals(new byte[] {0x21, 0x43}, BitPacking.pack(new long[] {1, 2, 3, 4}, 4));
        byte[] b = BitPacking.pack(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 4);
        assertEquals(0x87654321,
                MemorySegment.ofArray(b).get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0));
    }

    @Test
    void ex7_2_u3() {
        assertArrayEquals(new byte[] {(byte) 0xF5, 0x01}, BitPacking.pack(new long[] {5, 6, 7}, 3));
        assertEquals(2L, BitPacking.bytesFor(3, 3));
    }

    @Test
    void ex7_3_u16() {
        assertArrayEquals(new byte[] {0x34, 0x12, 0x78, 0x56}, BitPacking.pack(new long[] {0x1234, 0x5678}, 16));
    }

    @Test
    void ex7_4_setAndBounds() {
        byte[] mem = {(byte) 0xFF, (byte) 0xFF};
        BitPacking.set(MemorySegment.ofArray(mem), 2, 3, 0);
        assertArrayEquals(new byte[] {0x3F, (byte) 0xFE}, mem);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> BitPacking.get(MemorySegment.ofArray(new byte[3]), 6, 4));
        assertEquals("element index 6 of 4-bit elements (bits [24, 28), bytes [3, 4)) is outside the segment of 3 bytes",
                e.getMessage());
    }
}
