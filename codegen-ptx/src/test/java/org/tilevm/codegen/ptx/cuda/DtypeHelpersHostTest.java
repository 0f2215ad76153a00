package org.tilevm.codegen.ptx.cuda;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.TExpr.Rounding;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;

/**
 * Checks the generated dtype helpers (decode, encode in both roundings from float and double, and
 * the cast between every pair of the 52 dtypes) bit for bit against the Java reference, by
 * compiling their portable form as host C++ (g++; skipped when there is none). Inputs are every
 * code of the small types, the ties between neighbouring values and their neighbours (where
 * rounding goes wrong), special values and seeded random codes. The inline-PTX fast paths of the
 * GPU form (f16/bf16 hardware conversions) are not covered here.
 */
class DtypeHelpersHostTest {
    private enum In { CODE, F32, F64 }

    private enum Out { CODE, FLOAT, INT }

    private record Group(String label, String fn, In in, Out out, long[] inputs, long[] expected) {}

    private static final List<FloatType> FLOATS = DTypes.all().stream()
            .filter(t -> t instanceof FloatType).map(t -> (FloatType) t).toList();

    @Test
    void helpersMatchTheJavaReference() throws Exception {
        Path cxx = HostCpp.compiler().orElse(null);
        Assumptions.assumeTrue(cxx != null, "no host C++ compiler on PATH");
        Prelude prelude = new Prelude(true);
        List<Group> groups = new ArrayList<>();
        Random rnd = new Random(20261123);
        for (DType t : DTypes.all()) {
            long[] codes = codes(t, rnd);
            groups.add(new Group("decode " + t, DtypeHelpers.decode(t, prelude), In.CODE, t.isFloat() ? Out.FLOAT : Out.INT,
                    codes, map(codes, c -> decodeBits(t, c))));
        }
        for (FloatType t : FLOATS) {
            double[] xs = floatInputs(t, rnd);
            long[] f32 = new long[xs.length * 3], f64 = new long[xs.length * 3];
            for (int i = 0; i < xs.length; i++) {
                float f = (float) xs[i];
                f32[3 * i] = Float.floatToRawIntBits(f);
                f32[3 * i + 1] = Float.floatToRawIntBits(Math.nextUp(f));
                f32[3 * i + 2] = Float.floatToRawIntBits(Math.nextDown(f));
                f64[3 * i] = Double.doubleToRawLongBits(xs[i]);
                f64[3 * i + 1] = Double.doubleToRawLongBits(Math.nextUp(xs[i]));
                f64[3 * i + 2] = Double.doubleToRawLongBits(Math.nextDown(xs[i]));
            }
            for (Rounding r : Rounding.values()) {
                groups.add(new Group("encode " + t + " " + r + " f32", DtypeHelpers.encodeFloat(t, r, "f32", prelude), In.F32,
                        Out.CODE, f32, map(f32, b -> encode(t, r, Float.intBitsToFloat((int) b)))));
                groups.add(new Group("encode " + t + " " + r + " f64", DtypeHelpers.encodeFloat(t, r, "f64", prelude), In.F64,
                        Out.CODE, f64, map(f64, b -> encode(t, r, Double.longBitsToDouble(b)))));
            }
        }
        for (DType from : DTypes.all()) {
            long[] codes = codes(from, rnd);
            for (DType to : DTypes.all()) {
                groups.add(new Group("cast " + from + " -> " + to, DtypeHelpers.cast(from, to, prelude), In.CODE, Out.CODE,
                        codes, map(codes, c -> DType.convert(from, c, to))));
            }
        }
        String output = HostCpp.run(cxx, program(prelude, groups), inputs(groups));
        String[] lines = output.split("\n");
        int at = 0, checked = 0;
        for (Group g : groups) {
            for (int i = 0; i < g.inputs.length; i++) {
                assertTrue(at < lines.length, "output ends early at " + g.label);
                long got = Long.parseUnsignedLong(lines[at++].trim(), 16);
                long want = g.out == Out.FLOAT ? g.expected[i] & 0xFFFF_FFFFL : g.expected[i];
                if (got != want) {
                    fail(g.label + " of input 0x" + Long.toHexString(g.inputs[i]) + inputText(g, i) + ": C gives 0x"
                            + Long.toHexString(got) + ", Java 0x" + Long.toHexString(want));
                }
                checked++;
            }
        }
        assertEquals(lines.length, at, "extra output lines");
        assertTrue(checked > 300_000, "checked " + checked);
    }

    private static String inputText(Group g, int i) {
        return switch (g.in) {
            case F32 -> " (" + Float.intBitsToFloat((int) g.inputs[i]) + ")";
            case F64 -> " (" + Double.longBitsToDouble(g.inputs[i]) + ")";
            case CODE -> "";
        };
    }

    /**
     * The C program: the helpers, then per group a loop over its inputs (read from standard input as
     * little-endian 64-bit words), one hex line per result.
     */
    private static String program(Prelude prelude, List<Group> groups) {
        StringBuilder sb = new StringBuilder(prelude.render());
        sb.append("""
                #define OUT_CODE(v) std::printf("%llx\\n", (unsigned long long)(v))
                #define OUT_INT(v) std::printf("%llx\\n", (unsigned long long)(long long)(v))
                #define OUT_FLOAT(v) std::printf("%x\\n", __float_as_uint(v))
                #define IN_CODE(x) (x)
                #define IN_F32(x) __uint_as_float((unsigned)(x))
                #define IN_F64(x) __longlong_as_double((long long)(x))
                static unsigned long long next() {
                  unsigned long long v = 0;
                  if (std::fread(&v, 8, 1, stdin) != 1) { std::printf("input ends\\n"); std::exit(1); }
                  return v;
                }
                int main() {
                """);
        for (Group g : groups) {
            sb.append("  for (unsigned i = 0; i < ").append(g.inputs.length).append("u; ++i) OUT_").append(g.out).append('(')
                    .append(g.fn).append("(IN_").append(g.in).append("(next())));\n");
        }
        return sb.append("  return 0;\n}\n").toString();
    }

    private static byte[] inputs(List<Group> groups) {
        int n = groups.stream().mapToInt(g -> g.inputs.length).sum();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (Group g : groups) for (long v : g.inputs) buf.putLong(v);
        return buf.array();
    }

    // ---- the reference

    private static long decodeBits(DType t, long code) {
        return switch (t) {
            case IntType it -> it.decodeLong(code);
            case FloatType ft -> ft.equals(DTypes.F32) ? code & 0xFFFF_FFFFL
                    : Float.floatToRawIntBits((float) ft.decode(code)) & 0xFFFF_FFFFL;
        };
    }

    /** {@code Encode}: CAST is {@code FloatType.encode}; ARITH overflows to inf where the type has one. */
    static long encode(FloatType t, Rounding r, double x) {
        if (r == Rounding.CAST || Double.isNaN(x) || !t.hasInfinity()) return t.encode(x);
        double max = t.maxValue();
        double threshold = max + Math.scalb(1.0, Math.getExponent(max) - t.mantissaBits() - 1);
        return Math.abs(x) >= threshold ? t.encode(Math.copySign(Double.POSITIVE_INFINITY, x)) : t.encode(x);
    }

    // ---- inputs

    /** Every code of a type of up to 8 bits; specials and seeded random codes of wider ones. */
    private static long[] codes(DType t, Random rnd) {
        if (t.bits() <= 8) {
            long[] all = new long[1 << t.bits()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        Set<Long> s = new LinkedHashSet<>();
        long mask = t.mask();
        for (long c : new long[] {0, 1, 2, 3, mask, mask - 1, mask >>> 1, (mask >>> 1) + 1, (mask >>> 1) - 1}) s.add(c & mask);
        if (t instanceof FloatType f) {
            long sign = 1L << (f.bits() - 1);
            for (long c : new long[] {f.maxCode(), f.nanCode(), f.infinityCode(), f.maxCode() - 1, 1L << f.mantissaBits(),
                    (1L << f.mantissaBits()) - 1}) {
                s.add(c);
                s.add(c | sign);
            }
        }
        if (t.bits() == 64) {
            for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, (1L << 60) + (1L << 36) + 1, (1L << 24) + 1, -(1L << 53) - 1,
                    (1L << 62) + (1L << 38) + (1L << 37)}) s.add(v);
        }
        if (t.bits() == 32 && t.isInteger()) {
            for (long v : new long[] {16777217, 16777219, 0x7FFFFFC0L, 0x7FFFFFBFL, 0x80000040L, 0xFFFFFF80L}) s.add(v);
        }
        while (s.size() < 700) {
            long c = rnd.nextLong() & mask;
            if (t.bits() > 16 && rnd.nextBoolean()) c &= mask >>> rnd.nextInt(t.bits()); // small magnitudes too
            s.add(c);
        }
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    /** Values of the type, the ties between neighbours, special values and random magnitudes. */
    private static double[] floatInputs(FloatType t, Random rnd) {
        List<Double> xs = new ArrayList<>();
        long top = t.maxCode();
        boolean sample = t.bits() > 8;
        int n = sample ? 1500 : (int) top;
        for (int i = 0; i <= n; i++) {
            long c = sample ? (i == n ? top - 1 : rnd.nextLong(top)) : Math.min(i, top - 1);
            if (top == 0) break;
            double a = t.decode(c), b = t.decode(c + 1);
            double mid = (a + b) / 2;
            xs.add(a);
            xs.add(mid);
            xs.add(-mid);
        }
        double max = t.maxValue();
        double threshold = max + Math.scalb(1.0, Math.getExponent(max) - t.mantissaBits() - 1);
        for (double v : new double[] {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, max, -max,
                threshold, -threshold, max * 1.5, 1e30, -1e30, 1e-30, 1e-45, 1e300, -1e-300, Double.MIN_VALUE, t.minPositive() / 2,
                -t.minPositive() / 2, t.minPositive() * 0.75}) {
            xs.add(v);
        }
        for (int i = 0; i < 200; i++) xs.add(Math.scalb(rnd.nextDouble() * (rnd.nextBoolean() ? 1 : -1), rnd.nextInt(300) - 150));
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long[] map(long[] in, java.util.function.LongUnaryOperator f) {
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) out[i] = f.applyAsLong(in[i]);
        return out;
    }
}
