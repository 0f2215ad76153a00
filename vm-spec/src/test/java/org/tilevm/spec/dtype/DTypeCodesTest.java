package org.tilevm.spec.dtype;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every code of every type decodes and re-encodes to itself; hand-checked decode tables. */
class DTypeCodesTest {

    @Test
    void allLowBitListsEveryTypeOfAtMost8Bits() {
        List<DType> all = DTypes.allLowBit();
        assertEquals(16 + 28, all.size());
        assertEquals(all.size(), new HashSet<>(all).size());
        for (DType t : all) assertTrue(t.bits() <= 8, t.name());
        assertTrue(all.contains(DTypes.F8E4M3));
        assertTrue(all.contains(DTypes.F8E5M2));
        assertTrue(all.contains(FloatType.of(1, 0)));
        assertTrue(all.contains(FloatType.of(7, 0)));
        assertTrue(all.contains(FloatType.of(1, 6)));
        assertEquals(FloatType.Special.FINITE, FloatType.of(3, 4).special());
        assertEquals(FloatType.Special.NAN_ONLY_ALL_ONES, FloatType.of(4, 3).special());
        assertEquals(FloatType.Special.IEEE, FloatType.of(5, 2).special());
        assertEquals(all.size() + 8, DTypes.all().size());
    }

    @Test
    void everyLowBitCodeRoundTrips() {
        for (DType t : DTypes.allLowBit()) {
            for (long c = 0; c <= t.mask(); c++) {
                double v = t.decode(c);
                long back = t.encode(v);
                if (Double.isNaN(v)) {
                    FloatType f = (FloatType) t;
                    assertTrue(f.isNaN(c), t + " code " + c);
                    assertEquals(f.nanCode(), back, t + " NaN code " + c + " re-encodes to the canonical NaN");
                } else {
                    assertEquals(c, back, t + " code " + c + " value " + v);
                }
                // garbage above the low bits is ignored
                long dirty = c | (0x5A5A5A5A5A5A5A5AL << t.bits());
                assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(t.decode(dirty)), t + " dirty " + c);
            }
        }
    }

    @Test
    void negativeZeroIsTheSignCode() {
        for (DType t : DTypes.allLowBit()) {
            if (!(t instanceof FloatType f)) continue;
            long negZero = 1L << (f.bits() - 1);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(f.decode(negZero)), f.name());
            assertEquals(negZero, f.encode(-0.0), f.name());
            assertEquals(0L, f.encode(0.0), f.name());
            assertEquals(negZero, f.encode(-Double.MIN_VALUE), f.name() + ": negative underflow keeps the sign");
        }
        assertEquals(0x8000L, DTypes.F16.encode(-0.0));
        assertEquals(0x80000000L, DTypes.F32.encode(-0.0));
    }

    @Test
    void positiveCodesIncreaseWithValue() {
        for (DType t : DTypes.allLowBit()) {
            if (!(t instanceof FloatType f)) continue;
            double prev = -1;
            for (long c = 0; c <= f.maxCode(); c++) {
                double v = f.decode(c);
                assertTrue(v > prev, f + " code " + c);
                prev = v;
            }
            assertEquals(f.maxValue(), prev, f.name());
            assertEquals(-f.maxValue(), f.minValue(), f.name());
        }
    }

    @Test
    void everyF16CodeMatchesTheJdkAndRoundTrips() {
        FloatType t = DTypes.F16;
        for (long c = 0; c < 65536; c++) {
            float jdk = Float.float16ToFloat((short) c);
            double v = t.decode(c);
            if (Float.isNaN(jdk)) {
                assertTrue(Double.isNaN(v));
                assertTrue(t.isNaN(c));
                assertEquals(0x7E00L, t.encode(v));
            } else {
                assertEquals(Double.doubleToRawLongBits(jdk), Double.doubleToRawLongBits(v), "f16 code " + c);
                assertEquals(c, t.encode(v), "f16 code " + c);
            }
        }
    }

    @Test
    void everyBf16CodeMatchesFloatBitsAndRoundTrips() {
        FloatType t = DTypes.BF16;
        for (long c = 0; c < 65536; c++) {
            float f = Float.intBitsToFloat((int) (c << 16));
            double v = t.decode(c);
            if (Float.isNaN(f)) {
                assertTrue(Double.isNaN(v));
                assertEquals(0x7FC0L, t.encode(v));
            } else {
                assertEquals(Double.doubleToRawLongBits(f), Double.doubleToRawLongBits(v), "bf16 code " + c);
                assertEquals(c, t.encode(v), "bf16 code " + c);
            }
        }
    }

    @Test
    void randomF32CodesMatchFloatBitsAndRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(0xF32);
        FloatType t = DTypes.F32;
        for (int i = 0; i < 200_000; i++) {
            long c = rnd.nextInt() & 0xFFFFFFFFL;
            float f = Float.intBitsToFloat((int) c);
            double v = t.decode(c);
            if (Float.isNaN(f)) {
                assertTrue(t.isNaN(c));
                assertEquals(0x7FC00000L, t.encode(v));
            } else {
                assertEquals(Double.doubleToRawLongBits(f), Double.doubleToRawLongBits(v));
                assertEquals(c, t.encode(v));
            }
        }
    }

    @Test
    void wideIntegersRoundTripRandomCodes() {
        SplittableRandom rnd = new SplittableRandom(77);
        for (IntType t : List.of(DTypes.U16, DTypes.U32, DTypes.I16, DTypes.I32, DTypes.I64)) {
            for (int i = 0; i < 20_000; i++) {
                long c = rnd.nextLong() & t.mask();
                long v = t.decodeLong(c);
                assertEquals(c, t.encodeLong(v));
                assertEquals(c, t.encode(v));
                assertEquals(c, t.toCode(v));
                if (t.bits() <= 32) assertEquals(c, t.encode(t.decode(c)));
            }
        }
    }

    @Test
    void f4e2m1DecodeTable() {
        FloatType t = DTypes.F4E2M1;
        double[] pos = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
        for (int c = 0; c < 8; c++) {
            assertEquals(pos[c], t.decode(c), "code " + c);
            assertEquals(-pos[c], t.decode(c | 8), "code " + (c | 8));
        }
        assertEquals(6.0, t.maxValue());
        assertEquals(-6.0, t.minValue());
        assertEquals(0.5, t.minPositive());
        assertEquals(1, t.bias());
        assertFalse(t.hasNaN());
        assertFalse(t.hasInfinity());
        assertEquals(7L, t.nanCode(), "no NaN: NaN encodes to +max");
    }

    @Test
    void f6Maxima() {
        assertEquals(28.0, DTypes.F6E3M2.maxValue());
        assertEquals(0x1FL, DTypes.F6E3M2.maxCode());
        assertEquals(0.0625, DTypes.F6E3M2.minPositive()); // 2^-2 * 1/4
        assertEquals(7.5, DTypes.F6E2M3.maxValue());
        assertEquals(0.125, DTypes.F6E2M3.minPositive()); // 2^0 * 1/8
    }

    @Test
    void f8e4m3IsOcp() {
        FloatType t = DTypes.F8E4M3;
        assertEquals(448.0, t.maxValue());
        assertEquals(0x7EL, t.maxCode());
        assertEquals(Math.scalb(1.0, -9), t.minPositive());
        assertEquals(Math.scalb(1.0, -9), t.decode(0x01));
        assertEquals(Math.scalb(1.0, -6), t.decode(0x08)); // min normal
        assertTrue(Double.isNaN(t.decode(0x7F)));
        assertTrue(Double.isNaN(t.decode(0xFF)));
        assertEquals(256.0, t.decode(0x78)); // S.1111.000 is a number, not inf
        assertEquals(-448.0, t.decode(0xFE));
        assertFalse(t.hasInfinity());
        assertTrue(t.hasNaN());
        assertEquals(0x7FL, t.nanCode());
        assertEquals(0x7EL, t.encode(Double.POSITIVE_INFINITY));
        assertEquals(0xFEL, t.encode(Double.NEGATIVE_INFINITY));
        assertEquals(0x7FL, t.encode(Double.NaN));
        assertEquals(1.0, t.decode(0x38));
    }

    @Test
    void f8e5m2IsIeeeLike() {
        FloatType t = DTypes.F8E5M2;
        assertEquals(57344.0, t.maxValue());
        assertEquals(0x7BL, t.maxCode());
        assertEquals(Double.POSITIVE_INFINITY, t.decode(0x7C));
        assertEquals(Double.NEGATIVE_INFINITY, t.decode(0xFC));
        assertTrue(t.isInfinite(0x7C) && t.isInfinite(0xFC));
        for (int c : new int[] {0x7D, 0x7E, 0x7F, 0xFD, 0xFE, 0xFF}) assertTrue(Double.isNaN(t.decode(c)));
        assertEquals(0x7CL, t.encode(Double.POSITIVE_INFINITY));
        assertEquals(0xFCL, t.encode(Double.NEGATIVE_INFINITY));
        assertEquals(0x7EL, t.encode(Double.NaN));
        assertEquals(Math.scalb(1.0, -16), t.minPositive());
        assertEquals(1.0, t.decode(0x3C));
    }

    @Test
    void mantissaFreeTypes() {
        FloatType f2 = FloatType.of(1, 0); // values 0, 2
        assertEquals("f2e1m0", f2.name());
        assertEquals(0.0, f2.decode(0));
        assertEquals(2.0, f2.decode(1));
        assertEquals(-2.0, f2.decode(3));
        assertEquals(2.0, f2.minPositive());
        FloatType f3 = FloatType.of(2, 0); // 0, 1, 2, 4
        assertArrayEquals(new double[] {0, 1, 2, 4}, new double[] {f3.decode(0), f3.decode(1), f3.decode(2), f3.decode(3)});
        FloatType f8 = FloatType.of(7, 0); // 0, 2^-62 .. 2^64
        assertEquals(Math.scalb(1.0, -62), f8.minPositive());
        assertEquals(Math.scalb(1.0, 64), f8.maxValue());
        FloatType f3e1m1 = FloatType.of(1, 1); // 0, 1, 2, 3
        assertArrayEquals(new double[] {0, 1, 2, 3},
                new double[] {f3e1m1.decode(0), f3e1m1.decode(1), f3e1m1.decode(2), f3e1m1.decode(3)});
    }

    @Test
    void integerRanges() {
        IntType u3 = DTypes.U3;
        for (int c = 0; c < 8; c++) assertEquals(c, u3.decode(c));
        assertEquals(0.0, u3.minValue());
        assertEquals(7.0, u3.maxValue());
        IntType i5 = DTypes.I5;
        assertEquals(-16L, i5.minLong());
        assertEquals(15L, i5.maxLong());
        assertEquals(-16.0, i5.minValue());
        assertEquals(15.0, i5.maxValue());
        assertEquals(-1L, i5.decodeLong(0b11111));
        assertEquals(-16L, i5.decodeLong(0b10000));
        assertEquals(15L, i5.decodeLong(0b01111));
        assertEquals(Long.MIN_VALUE, DTypes.I64.minLong());
        assertEquals(Long.MAX_VALUE, DTypes.I64.maxLong());
        assertEquals(0xFFFFFFFFL, DTypes.U32.maxLong());
        assertEquals(-1L, DTypes.I32.decodeLong(0xFFFFFFFFL));
        assertEquals(0xFFFFFFFFL, DTypes.I32.encodeLong(-1));
        assertEquals(1.0, DTypes.BOOL.maxValue());
        assertEquals(DTypes.U1, DTypes.BOOL);
        assertEquals(-1L, DTypes.I1.decodeLong(1));
    }

    @Test
    void invalidTypesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new IntType(9, false));
        assertThrows(IllegalArgumentException.class, () -> new IntType(0, true));
        assertThrows(IllegalArgumentException.class, () -> new IntType(64, false));
        assertThrows(IllegalArgumentException.class, () -> new FloatType(4, 3, FloatType.Special.FINITE));
        assertThrows(IllegalArgumentException.class, () -> new FloatType(2, 1, FloatType.Special.IEEE));
        assertThrows(IllegalArgumentException.class, () -> new FloatType(0, 3, FloatType.Special.FINITE));
        assertThrows(IllegalArgumentException.class, () -> new FloatType(4, 4, FloatType.Special.FINITE));
        assertThrows(IllegalArgumentException.class, () -> FloatType.of(11, 52));
        assertThrows(NullPointerException.class, () -> new FloatType(2, 1, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FloatType(4, 3, FloatType.Special.FINITE));
        assertTrue(e.getMessage().contains("NAN_ONLY_ALL_ONES"), e.getMessage());
    }

    @Test
    void toStringIsTheName() {
        for (DType t : DTypes.all()) assertEquals(t.name(), t.toString());
    }
}
