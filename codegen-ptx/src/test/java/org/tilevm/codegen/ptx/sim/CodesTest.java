package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tilevm.codegen.ptx.sim.Tir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.Rounding;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;

/** Decode, Encode and CastCode agree with vm-spec's dtype classes for every type of at most 8 bits. */
class CodesTest {

    private static final int THREADS = 256;

    @Test
    void decodeEveryCodeOfEveryLowBitType() {
        for (DType dt : DTypes.allLowBit()) {
            int[] got = map32(1, THREADS, null, x -> new TExpr.Decode(dt, x));
            for (int code = 0; code < THREADS; code++) {
                long c = code & dt.mask(); // only the low bits are read
                int expected = switch (dt) {
                    case IntType it -> (int) it.decodeLong(c);
                    case FloatType ft -> Float.floatToRawIntBits((float) ft.decode(c));
                };
                assertEquals(expected, got[code], dt.name() + " code " + code);
                if (dt instanceof FloatType ft && !ft.isNaN(c)) {
                    assertEquals(ft.decode(c), Float.intBitsToFloat(got[code]), 0.0, "exact: " + dt.name() + " code " + c);
                }
            }
        }
    }

    @Test
    void decodeEveryF16AndBf16Code() {
        for (FloatType ft : List.of(DTypes.F16, DTypes.BF16)) {
            int[] got = map32(64, 1024, null, x -> new TExpr.Decode(ft, x));
            for (int code = 0; code < 65536; code++) {
                assertEquals(Float.floatToRawIntBits((float) ft.decode(code)), got[code], ft.name() + " code " + code);
            }
        }
    }

    /** Interesting values for a float type: specials, every code's value, midpoints (ties), random ones around max. */
    private static float[] probes(FloatType ft, Random rnd) {
        List<Float> v = new ArrayList<>(List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e30f, -1e30f));
        int n = 1 << ft.bits();
        for (int c = 0; c < n; c++) {
            double x = ft.decode(c);
            if (Double.isNaN(x) || Double.isInfinite(x)) continue;
            v.add((float) x);
            double next = ft.decode(c + 1);
            if ((c & (n / 2 - 1)) != n / 2 - 1 && !Double.isNaN(next) && !Double.isInfinite(next)) {
                v.add((float) ((x + next) / 2)); // a tie
                v.add(Math.nextUp((float) ((x + next) / 2)));
            }
        }
        double max = ft.maxValue();
        while (v.size() % THREADS != 0) v.add((float) ((rnd.nextDouble() * 3 - 1.5) * max));
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }

    private static int[] floatBits(float[] f) {
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) out[i] = Float.floatToRawIntBits(f[i]);
        return out;
    }

    @Test
    void encodeCastIsDTypeEncodeForEveryLowBitFloat() {
        Random rnd = new Random(5);
        for (DType dt : DTypes.allLowBit()) {
            if (!(dt instanceof FloatType ft)) continue;
            float[] values = probes(ft, rnd);
            int[] got = map32(values.length / THREADS, THREADS, floatBits(values),
                    x -> new TExpr.Encode(ft, bitcast(ScalarType.F32, x), Rounding.CAST));
            for (int i = 0; i < values.length; i++) {
                assertEquals(ft.encode(values[i]), got[i], ft.name() + " of " + values[i]);
            }
        }
    }

    @Test
    void encodeArithOverflowsToInfinityOnlyWhereTheTypeHasIt() {
        Random rnd = new Random(6);
        for (DType dt : DTypes.allLowBit()) {
            if (!(dt instanceof FloatType ft)) continue;
            float[] values = probes(ft, rnd);
            int[] got = map32(values.length / THREADS, THREADS, floatBits(values),
                    x -> new TExpr.Encode(ft, bitcast(ScalarType.F32, x), Rounding.ARITH));
            double max = ft.maxValue(), ulp = max - ft.decode(ft.maxCode() - 1);
            for (int i = 0; i < values.length; i++) {
                float x = values[i];
                long expected = ft.hasInfinity() && Math.abs(x) >= max + ulp / 2
                        ? ft.encode(Math.copySign(Double.POSITIVE_INFINITY, x))
                        : ft.encode(x);
                assertEquals(expected, got[i], ft.name() + " of " + x);
            }
        }
        // the documented cases: f16 70000 -> inf (arith) vs 65504 (cast); f8e5m2 61440 is the first value rounding to inf
        assertEquals(0x7C00, map32(1, 32, null, x -> new TExpr.Encode(DTypes.F16, f32(70000f), Rounding.ARITH))[0]);
        assertEquals(0x7BFF, map32(1, 32, null, x -> new TExpr.Encode(DTypes.F16, f32(70000f), Rounding.CAST))[0]);
        assertEquals(0x7C, map32(1, 32, null, x -> new TExpr.Encode(DTypes.F8E5M2, f32(61440f), Rounding.ARITH))[0]);
        assertEquals(0x7B, map32(1, 32, null, x -> new TExpr.Encode(DTypes.F8E5M2, f32(61439f), Rounding.ARITH))[0]);
        assertEquals(0x7E, map32(1, 32, null, x -> new TExpr.Encode(DTypes.F8E4M3, f32(1e9f), Rounding.ARITH))[0]);
        assertEquals(0x7E00, map32(1, 32, null, x -> new TExpr.Encode(DTypes.F16, f32(Float.NaN), Rounding.ARITH))[0]);
        // F64 values round once (no double rounding through f32)
        double justAboveTie = 1.0 + 0x1p-11 + 0x1p-40; // between f16 1 and 1+2^-10, just above the tie
        assertEquals(0x3C01, map32(1, 32, null, x -> new TExpr.Encode(DTypes.F16, f64(justAboveTie), Rounding.CAST))[0]);
    }

    @Test
    void encodeIntegersWraps() {
        Random rnd = new Random(7);
        int[] values = new int[THREADS];
        for (int i = 0; i < THREADS; i++) values[i] = rnd.nextInt(2001) - 1000;
        for (DType dt : DTypes.allLowBit()) {
            if (!(dt instanceof IntType it)) continue;
            int[] got = map32(1, THREADS, values, x -> new TExpr.Encode(it, bitcast(ScalarType.I32, x), Rounding.CAST));
            for (int i = 0; i < THREADS; i++) assertEquals(it.encodeLong(values[i]), got[i], it.name() + " of " + values[i]);
        }
    }

    @Test
    void castCodeIsDTypeConvert() {
        List<DType> targets = List.of(DTypes.F16, DTypes.BF16, DTypes.F32, DTypes.I32, DTypes.I8, DTypes.U4, DTypes.F4E2M1,
                DTypes.F8E4M3, DTypes.F8E5M2);
        for (DType from : DTypes.allLowBit()) {
            for (DType to : targets) checkCast(from, to);
        }
        Random rnd = new Random(8);
        List<DType> low = DTypes.allLowBit();
        for (int i = 0; i < 60; i++) checkCast(low.get(rnd.nextInt(low.size())), low.get(rnd.nextInt(low.size())));
    }

    private static void checkCast(DType from, DType to) {
        int[] got = map32(1, THREADS, null, x -> new TExpr.CastCode(from, to, x));
        for (int code = 0; code < THREADS; code++) {
            assertEquals((int) DType.convert(from, code & from.mask(), to), got[code], from.name() + " -> " + to.name() + " code " + code);
        }
    }
}
