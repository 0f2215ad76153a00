package org.tilevm.spec.dtype;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Round to nearest even, saturation, and agreement with independent references. */
class DTypeRoundingTest {

    private static double enc(FloatType t, double v) { return t.decode(t.encode(v)); }

    @Test
    void f4e2m1TiesToEven() {
        FloatType t = DTypes.F4E2M1;
        assertEquals(2.0, enc(t, 2.5));
        assertEquals(4.0, enc(t, 3.5));
        assertEquals(4.0, enc(t, 5.0));
        assertEquals(0.0, enc(t, 0.25));
        assertEquals(1.0, enc(t, 0.75));
        assertEquals(1.0, enc(t, 1.25));
        assertEquals(2.0, enc(t, 1.75));
        assertEquals(-2.0, enc(t, -2.5));
        assertEquals(-4.0, enc(t, -3.5));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(enc(t, -0.25)));
    }

    @Test
    void justAboveAndBelowTies() {
        FloatType t = DTypes.F4E2M1;
        assertEquals(3.0, enc(t, Math.nextUp(2.5)));
        assertEquals(2.0, enc(t, Math.nextDown(2.5)));
        assertEquals(4.0, enc(t, Math.nextUp(3.5)));
        assertEquals(3.0, enc(t, Math.nextDown(3.5)));
        assertEquals(0.5, enc(t, Math.nextUp(0.25)));
        assertEquals(0.0, enc(t, Math.nextDown(0.25)));
        assertEquals(6.0, enc(t, Math.nextUp(5.0)));
        assertEquals(4.0, enc(t, Math.nextDown(5.0)));
        FloatType e4 = DTypes.F8E4M3; // [1,2): step 1/8
        assertEquals(1.0, enc(e4, 1.0625));
        assertEquals(1.125, enc(e4, Math.nextUp(1.0625)));
        assertEquals(1.25, enc(e4, 1.1875));
        assertEquals(1.125, enc(e4, Math.nextDown(1.1875)));
    }

    @Test
    void subnormalRounding() {
        FloatType t = DTypes.F8E4M3;
        double s = Math.scalb(1.0, -9); // min subnormal
        assertEquals(0L, t.encode(s / 2), "half the min subnormal ties to 0");
        assertEquals(0x80L, t.encode(-s / 2), "to -0");
        assertEquals(0x01L, t.encode(Math.nextUp(s / 2)));
        assertEquals(0x02L, t.encode(1.5 * s), "tie between m=1 and m=2 goes to m=2");
        assertEquals(0x02L, t.encode(2.5 * s), "tie between m=2 and m=3 goes to m=2");
        assertEquals(0x03L, t.encode(Math.nextUp(2.5 * s)));
        assertEquals(0L, t.encode(Double.MIN_VALUE));
        assertEquals(0L, t.encode(1e-300));
        FloatType f16 = DTypes.F16;
        double h = Math.scalb(1.0, -24);
        assertEquals(0L, f16.encode(h / 2));
        assertEquals(1L, f16.encode(h * 0.75));
        assertEquals(2L, f16.encode(h * 1.5));
    }

    @Test
    void carryIntoNextBinade() {
        FloatType t = DTypes.F8E4M3;
        assertEquals(2.0, enc(t, 1.9375), "1 + 15/16 ties between 1.875 (odd) and 2");
        assertEquals(1.875, enc(t, Math.nextDown(1.9375)));
        // largest subnormal 7/8 * 2^-6 to min normal 2^-6
        assertEquals(0x08L, t.encode(Math.scalb(15.0 / 16, -6)));
        assertEquals(0x07L, t.encode(Math.nextDown(Math.scalb(15.0 / 16, -6))));
        assertEquals(4.0, enc(DTypes.F4E2M1, Math.nextUp(3.5)));
        assertEquals(0x3C00L, DTypes.F16.encode(Math.nextDown(1.0)), "f16: just below 1 rounds up to 1");
        assertEquals(0x3C00L, DTypes.F16.encode(1.0 - Math.scalb(1.0, -12)),
                "f16: 1 - 2^-12 ties between 1 - 2^-11 (odd) and 1");
        assertEquals(0x0400L, DTypes.F16.encode(Math.scalb(1023.5, -24)), "largest subnormal + half to min normal");
    }

    @Test
    void mantissaFreeTiesGoToTheEvenCode() {
        FloatType t = FloatType.of(2, 0); // 0, 1, 2, 4
        assertEquals(0.0, enc(t, 0.5));
        assertEquals(2.0, enc(t, 1.5), "codes 1 (odd) and 2 (even)");
        assertEquals(2.0, enc(t, 3.0), "codes 2 (even) and 3 (odd)");
        assertEquals(4.0, enc(t, Math.nextUp(3.0)));
        assertEquals(4.0, enc(t, 100.0));
        FloatType f2 = FloatType.of(1, 0); // 0, 2
        assertEquals(0.0, enc(f2, 1.0));
        assertEquals(2.0, enc(f2, Math.nextUp(1.0)));
        assertEquals(2.0, enc(f2, 3.0));
    }

    @Test
    void overflowSaturates() {
        FloatType t = DTypes.F4E2M1;
        assertEquals(6.0, enc(t, 7.0));
        assertEquals(6.0, enc(t, 1e9));
        assertEquals(-6.0, enc(t, -1e9));
        assertEquals(6.0, enc(t, Double.POSITIVE_INFINITY));
        assertEquals(-6.0, enc(t, Double.NEGATIVE_INFINITY));
        assertEquals(6.0, enc(t, Double.NaN));
        assertEquals(6.0, enc(t, Double.MAX_VALUE));
        assertEquals(0x7BFFL, DTypes.F16.encode(70000.0));
        assertEquals(0xFBFFL, DTypes.F16.encode(-70000.0));
        assertEquals(0x7BFFL, DTypes.F16.encode(65520.0), "tie would round to 65536: saturates");
        assertEquals(0x7BFFL, DTypes.F16.encode(Double.MAX_VALUE));
        assertEquals(0x7C00L, DTypes.F16.encode(Double.POSITIVE_INFINITY));
        assertEquals(0x7E00L, DTypes.F16.encode(Double.NaN));
        assertEquals(0x7F7FL, DTypes.BF16.encode(1e39));
        assertEquals(0x7F7FFFFFL, DTypes.F32.encode(1e39));
        assertEquals(0x7F7FFFFFL, DTypes.F32.encode(Double.MAX_VALUE));
        assertEquals(0x7F800000L, DTypes.F32.encode(Double.POSITIVE_INFINITY));
        assertEquals(57344.0, enc(DTypes.F8E5M2, 1e6));
        assertEquals(448.0, enc(DTypes.F8E4M3, 1000));
        assertEquals(448.0, enc(DTypes.F8E4M3, 464)); // tie between 448 and (NaN code) 480
        assertEquals(448.0, enc(DTypes.F8E4M3, 470)); // nearer 480 = NaN code: saturates
        assertEquals(28.0, enc(DTypes.F6E3M2, 31.9));
        assertEquals(-7.5, enc(DTypes.F6E2M3, -8.0));
    }

    @Test
    void integersRoundToEvenAndSaturate() {
        IntType u4 = DTypes.U4, i4 = DTypes.I4;
        assertEquals(15L, u4.encode(20.0));
        assertEquals(0L, u4.encode(-3.0));
        assertEquals(2L, u4.encode(2.5));
        assertEquals(4L, u4.encode(3.5));
        assertEquals(3L, u4.encode(Math.nextUp(2.5)));
        assertEquals(7L, i4.encode(100.0));
        assertEquals(8L, i4.encode(-100.0)); // -8
        assertEquals(-2L, i4.decodeLong(i4.encode(-2.5)));
        assertEquals(-4L, i4.decodeLong(i4.encode(-3.5)));
        assertEquals(0L, i4.encode(-0.4));
        assertEquals(0L, i4.encode(Double.NaN));
        assertEquals(7L, i4.encode(Double.POSITIVE_INFINITY));
        assertEquals(8L, i4.encode(Double.NEGATIVE_INFINITY));
        assertEquals(Long.MAX_VALUE, DTypes.I64.encode(1e30));
        assertEquals(Long.MAX_VALUE, DTypes.I64.encode(9.223372036854775807E18));
        assertEquals(Long.MIN_VALUE, DTypes.I64.encode(-1e30));
        assertEquals(Long.MIN_VALUE, DTypes.I64.encode(-9.223372036854775808E18));
        assertEquals(1L << 62, DTypes.I64.encode(Math.scalb(1.0, 62)));
        assertEquals(0L, DTypes.U32.encode(-1.0));
        assertEquals(0xFFFFFFFFL, DTypes.U32.encode(5e9));
        assertEquals(0x7FFFFFFFL, DTypes.I32.encode(3e9));
        assertEquals(0x80000000L, DTypes.I32.encode(-3e9));
        // encode(long) saturates
        assertEquals(15L, u4.encode(99L));
        assertEquals(0L, u4.encode(-99L));
        assertEquals(7L, i4.encode(99L));
        assertEquals(8L, i4.encode(-99L));
        assertEquals(0xFFL, DTypes.U8.encode(Long.MAX_VALUE));
        // encodeLong wraps, toCode is exact
        assertEquals(4L, u4.encodeLong(20));
        assertEquals(0xDL, u4.encodeLong(-3));
        assertEquals(4L, i4.wrap(20));
        assertEquals(-3L, i4.wrap(13));
        assertEquals(13L, u4.wrap(-3));
        assertEquals(0xDL, i4.toCode(-3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> i4.toCode(8));
        assertTrue(e.getMessage().contains("i4") && e.getMessage().contains("[-8, 7]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DTypes.U8.toCode(-1));
    }

    /** Values to try for a type: every representable value, midpoints, their neighbours, random. */
    private static List<Double> probes(FloatType t, SplittableRandom rnd, int randomCount) {
        double[] vs = new RefEncoder(t).sortedValues();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < vs.length; i++) {
            out.add(vs[i]);
            if (i + 1 < vs.length) {
                double mid = (vs[i] + vs[i + 1]) / 2;
                out.add(mid);
                out.add(Math.nextUp(mid));
                out.add(Math.nextDown(mid));
                out.add(vs[i] + (vs[i + 1] - vs[i]) * rnd.nextDouble());
            }
        }
        double max = vs[vs.length - 1];
        out.add(max * 1.0000001);
        out.add(Math.nextUp(max));
        out.add(max * 2);
        out.add(Double.MIN_VALUE);
        out.add(Double.MAX_VALUE);
        for (int i = 0; i < randomCount; i++) {
            out.add(rnd.nextDouble() * max * 1.2);
            out.add(Math.scalb(rnd.nextDouble(), rnd.nextInt(-160, 140)));
            out.add(Double.longBitsToDouble(rnd.nextLong()));
        }
        return out;
    }

    @Test
    void everyLowBitFloatAgreesWithTheBigDecimalReference() {
        SplittableRandom rnd = new SplittableRandom(0xD7E);
        for (DType d : DTypes.allLowBit()) {
            if (!(d instanceof FloatType t)) continue;
            RefEncoder ref = new RefEncoder(t);
            for (double v : probes(t, rnd, 2000)) {
                assertEquals(ref.encode(v), t.encode(v), t + " encode(" + v + ")");
                assertEquals(ref.encode(-v), t.encode(-v), t + " encode(" + -v + ")");
            }
        }
    }

    @Test
    void f16AndBf16AgreeWithTheBigDecimalReference() {
        SplittableRandom rnd = new SplittableRandom(1616);
        for (FloatType t : List.of(DTypes.F16, DTypes.BF16)) {
            RefEncoder ref = new RefEncoder(t);
            for (double v : probes(t, rnd, 100_000)) {
                assertEquals(ref.encode(v), t.encode(v), t + " encode(" + v + ")");
                assertEquals(ref.encode(-v), t.encode(-v), t + " encode(" + -v + ")");
            }
        }
    }

    @Test
    void f16AgreesWithTheJdkOnFloats() {
        SplittableRandom rnd = new SplittableRandom(0x16);
        FloatType t = DTypes.F16;
        int checked = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // random float bits, biased towards the f16 exponent range
            int bits = rnd.nextInt();
            if ((i & 1) == 0) bits = (bits & 0x807FFFFF) | ((rnd.nextInt(100, 146)) << 23);
            float f = Float.intBitsToFloat(bits);
            if (Float.isNaN(f)) continue;
            long jdk = Float.floatToFloat16(f) & 0xFFFFL;
            if ((jdk & 0x7FFF) == 0x7C00 && !Float.isInfinite(f)) jdk = (jdk & 0x8000) | 0x7BFF; // saturate
            assertEquals(jdk, t.encode((double) f), "f16 encode(" + f + ")");
            checked++;
        }
        assertTrue(checked > 900_000);
    }

    @Test
    void bf16AgreesWithTheBitTrickOnFloats() {
        SplittableRandom rnd = new SplittableRandom(0xBF);
        FloatType t = DTypes.BF16;
        for (int i = 0; i < 1_000_000; i++) {
            int bits = rnd.nextInt();
            float f = Float.intBitsToFloat(bits);
            if (Float.isNaN(f) || Float.isInfinite(f)) continue;
            long r = ((bits & 0xFFFFFFFFL) + 0x7FFF + ((bits >>> 16) & 1)) >>> 16; // RNE on the float bits
            if ((r & 0x7FFF) == 0x7F80) r = (r & 0x8000) | 0x7F7F; // overflow: saturate
            assertEquals(r, t.encode((double) f), "bf16 encode(" + f + ")");
        }
    }

    @Test
    void f32AgreesWithTheCast() {
        SplittableRandom rnd = new SplittableRandom(0x32);
        FloatType t = DTypes.F32;
        for (int i = 0; i < 1_000_000; i++) {
            double d = (i & 1) == 0 ? Double.longBitsToDouble(rnd.nextLong())
                    : Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(-160, 135));
            if (Double.isNaN(d)) continue;
            float f = (float) d;
            long expect = Float.floatToRawIntBits(f) & 0xFFFFFFFFL;
            if (Float.isInfinite(f) && !Double.isInfinite(d)) expect = (expect & 0x80000000L) | 0x7F7FFFFFL;
            assertEquals(expect, t.encode(d), "f32 encode(" + d + ")");
        }
    }

    @Test
    void encodeLongIsExactForWideIntegers() {
        // 2^60 + 2^36 + 1 to f32 (ulp 2^37): just above half an ulp, rounds up. Via double it would
        // round twice (to 2^60 + 2^36, then tie to even 2^60).
        long v = (1L << 60) + (1L << 36) + 1;
        assertEquals(Math.scalb(1.0, 60) + Math.scalb(1.0, 37), DTypes.F32.decode(DTypes.F32.encode(v)));
        assertEquals(Math.scalb(1.0, 60), DTypes.F32.decode(DTypes.F32.encode((double) v)));
        assertEquals(-Math.scalb(1.0, 63), DTypes.F32.decode(DTypes.F32.encode(Long.MIN_VALUE)));
        assertEquals(Math.scalb(1.0, 63), DTypes.F32.decode(DTypes.F32.encode(Long.MAX_VALUE)));
        assertEquals(0L, DTypes.F16.encode(0L));
        assertEquals(0x7BFFL, DTypes.F16.encode(1L << 40));
        assertEquals(DTypes.F4E2M1.encode(5.0), DTypes.F4E2M1.encode(5L));
        SplittableRandom rnd = new SplittableRandom(64);
        for (int i = 0; i < 100_000; i++) {
            long x = rnd.nextLong() >> rnd.nextInt(64);
            // for |x| < 2^53 the double is exact, so encode(long) == encode(double)
            if (Math.abs(x) < (1L << 53)) {
                for (DType t : List.of(DTypes.F32, DTypes.F16, DTypes.BF16, DTypes.F8E4M3, DTypes.F6E2M3)) {
                    assertEquals(t.encode((double) x), t.encode(x), t + " " + x);
                }
            } else {
                // reference: round x to 24 significant bits with BigDecimal-free integer RNE
                int sh = 64 - Long.numberOfLeadingZeros(Math.abs(x)) - 24;
                long a = Math.abs(x), q = a >>> sh, rem = a & ((1L << sh) - 1), half = 1L << (sh - 1);
                if (rem > half || (rem == half && (q & 1) == 1)) q++;
                double expect = Math.scalb((double) q, sh) * Math.signum(x);
                assertEquals(expect, DTypes.F32.decode(DTypes.F32.encode(x)), "f32 encode(" + x + "L)");
            }
        }
    }
}
