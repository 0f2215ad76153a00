package org.tilevm.codegen.ptx.cuda;

import java.util.List;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.Rounding;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;

/**
 * Generates the per-dtype helpers of the prelude: {@code tv_dec_T} (code to value),
 * {@code tv_enc_T_MODE_SRC} (float value to code, {@code MODE} arith or cast, {@code SRC} f32, f64
 * or i64) and {@code tv_cast_A_B} ({@code DType.convert}). Each returns the helper's name after
 * defining it in the prelude. The float helpers call the generic {@code tv_fdec} /
 * {@code tv_fenc_*} with the type's constants, which inline to straight-line integer code; f16 and
 * bf16 use hardware conversions where those give the same bits.
 */
final class DtypeHelpers {
    private DtypeHelpers() {}

    private static final String F = "static __device__ __forceinline__ ";

    /** C type of a code of {@code t}: {@code unsigned} or, for 64-bit dtypes, {@code unsigned long long}. */
    static String codeC(DType t) { return t.bits() <= 32 ? "unsigned" : "unsigned long long"; }

    /** C type of the decoded value ({@code TExpr.Decode}'s value type). */
    static String valueC(DType t) { return TExpr.valueType(t).cName(); }

    static String mask(DType t) { return CudaTypes.hex(t.mask(), t.bits()); }

    /** {@code tv_dec_T}: the value of a code (only its low bits are read). */
    static String decode(DType t, Prelude p) {
        String name = "tv_dec_" + t.name();
        if (p.has(name)) return name;
        String head = F + valueC(t) + " " + name + "(" + codeC(t) + " c) { ";
        switch (t) {
            case IntType i -> {
                String body;
                if (i.bits() == 64) body = "return (long long)c;";
                else if (i.bits() == 32) body = i.signed() ? "return (int)c;" : "return c;";
                else if (i.signed()) body = "return (int)(c << " + (32 - i.bits()) + ") >> " + (32 - i.bits()) + ";";
                else body = "return (int)(c & " + mask(i) + ");";
                p.define(name, head + body + " }", List.of());
            }
            case FloatType f when f.bits() == 32 -> p.define(name, head + "return __uint_as_float(c); }", List.of());
            case FloatType f when f.exponentBits() == 8 && f.mantissaBits() == 7 -> p.define(name, "// bf16: the top half of an f32"
                    + " (NaN made canonical, as the reference decodes it)\n" + F + "float " + name + "(unsigned c) {\n"
                    + "  const float x = __uint_as_float((c & 0xffffu) << 16);\n"
                    + "  return x != x ? __uint_as_float(0x7fc00000u) : x;\n}", List.of());
            case FloatType f when f.bits() == 16 && !p.portable() -> p.define(name, F + "float " + name + "(unsigned c) {\n"
                    + "  float x;\n"
                    + "  asm(\"cvt.f32.f16 %0, %1;\" : \"=f\"(x) : \"h\"((unsigned short)c));\n"
                    + "  return x != x ? __uint_as_float(0x7fc00000u) : x;\n}", List.of());
            case FloatType f -> p.define(name, "// " + describe(f) + "\n" + head + "return tv_fdec(c & " + mask(f) + ", "
                    + f.exponentBits() + ", " + f.mantissaBits() + ", " + kind(f) + "); }", List.of("tv_fdec"));
        }
        return name;
    }

    /**
     * {@code tv_enc_T_MODE_SRC}: the code of a float (SRC f32 or f64) or of an exact integer (i64,
     * always cast mode) in float type {@code t}.
     */
    static String encodeFloat(FloatType t, Rounding r, String src, Prelude p) {
        String mode = r == Rounding.ARITH ? "arith" : "cast";
        String name = "tv_enc_" + t.name() + "_" + mode + "_" + src;
        if (p.has(name)) return name;
        String srcC = switch (src) {
            case "f32" -> "float";
            case "f64" -> "double";
            default -> "long long";
        };
        long over = r == Rounding.ARITH ? t.infinityCode() : t.maxCode();
        String head = F + "unsigned " + name + "(" + srcC + " x) { ";
        String fast = fastEncode(t, r, src, p.portable());
        if (fast != null) {
            p.define(name, fast.startsWith("return") ? head + fast + " }" : F + "unsigned " + name + "(float x) {\n" + fast + "\n}",
                    List.of());
            return name;
        }
        String body = src.equals("i64")
                ? "return tv_fenc_i64(x, " + t.exponentBits() + ", " + t.mantissaBits() + ", " + hex(t.maxCode()) + ", "
                        + hex(over) + "); }"
                : "return tv_fenc_" + src + "(x, " + t.exponentBits() + ", " + t.mantissaBits() + ", " + hex(t.maxCode())
                        + ", " + hex(t.nanCode()) + ", " + hex(t.infinityCode()) + ", " + hex(over) + "); }";
        p.define(name, "// " + describe(t) + "; " + (r == Rounding.ARITH
                        ? "overflow gives " + (t.hasInfinity() ? "inf" : "max")
                        : "saturating") + "\n" + head + body, List.of("tv_fenc_" + src));
        return name;
    }

    /**
     * Hardware conversions that give exactly the reference's bits, or null: f32 itself (only NaN
     * changes), and f16/bf16 from f32 by {@code cvt.rn}, which rounds to nearest even and
     * overflows to inf; NaN is made canonical and, for CAST, an inf from a finite input becomes
     * ±max.
     */
    private static String fastEncode(FloatType t, Rounding r, String src, boolean portable) {
        if (!src.equals("f32")) return null;
        if (t.bits() == 32) return "return x != x ? 0x7fc00000u : __float_as_uint(x);"; // never overflows; NaN canonical
        if (portable || t.bits() != 16) return null;
        String ptx = t.exponentBits() == 5 ? "cvt.rn.f16.f32" : "cvt.rn.bf16.f32";
        String sign = "0x8000u";
        String body = "  unsigned short h;\n"
                + "  asm(\"" + ptx + " %0, %1;\" : \"=h\"(h) : \"f\"(x));\n"
                + "  if (x != x) return " + hex(t.nanCode()) + ";\n";
        if (r == Rounding.CAST) {
            body += "  // finite overflow saturates\n"
                    + "  if ((h & 0x7fffu) == " + hex(t.infinityCode()) + " && (__float_as_uint(x) & 0x7fffffffu) != 0x7f800000u) "
                    + "return (h & " + sign + ") | " + hex(t.maxCode()) + ";\n";
        }
        return "  // IEEE round to nearest even, overflow to inf; NaN made canonical\n" + body + "  return h;";
    }

    /** {@code tv_cast_A_B}: {@code DType.convert(from, code, to)}. */
    static String cast(DType from, DType to, Prelude p) {
        String name = "tv_cast_" + from.name() + "_" + to.name();
        if (p.has(name)) return name;
        String dec = decode(from, p);
        String head = F + codeC(to) + " " + name + "(" + codeC(from) + " c) { ";
        String body;
        List<String> deps = List.of();
        if (from instanceof IntType && to instanceof IntType ti) {
            body = ti.bits() == 64 ? "return (unsigned long long)(long long)" + dec + "(c);"
                    : "return (unsigned)" + dec + "(c)" + (ti.bits() < 32 ? " & " + mask(ti) : "") + ";";
        } else if (from instanceof IntType fi && to instanceof FloatType tf) {
            // the exact integer rounded once: float holds every value of up to 24 bits exactly
            body = fi.bits() <= 24
                    ? "return " + encodeFloat(tf, Rounding.CAST, "f32", p) + "((float)" + dec + "(c));"
                    : "return " + encodeFloat(tf, Rounding.CAST, "i64", p) + "((long long)" + dec + "(c));";
        } else if (to instanceof IntType ti) {
            String call = "tv_f2int_sat(" + dec + "(c), " + CudaTypes.literal(ti.minLong(), ScalarType.I64) + ", "
                    + CudaTypes.literal(ti.maxLong(), ScalarType.I64) + ")";
            body = ti.bits() == 64 ? "return (unsigned long long)" + call + ";"
                    : "return (unsigned)" + call + (ti.bits() < 32 ? " & " + mask(ti) : "") + ";";
            deps = List.of("tv_f2int_sat");
        } else {
            body = "return " + encodeFloat((FloatType) to, Rounding.CAST, "f32", p) + "(" + dec + "(c));";
        }
        p.define(name, head + body + " }", deps);
        return name;
    }

    private static String hex(long v) { return CudaTypes.hex(v, 32); }

    private static int kind(FloatType f) {
        return switch (f.special()) {
            case FINITE -> 0;
            case NAN_ONLY_ALL_ONES -> 1;
            case IEEE -> 2;
        };
    }

    private static String describe(FloatType f) {
        return f.name() + ": E" + f.exponentBits() + " M" + f.mantissaBits() + " bias " + f.bias() + ", "
                + switch (f.special()) {
                    case FINITE -> "finite only";
                    case NAN_ONLY_ALL_ONES -> "NaN at S.1111.111, no inf";
                    case IEEE -> "IEEE inf/NaN";
                } + ", max code " + hex(f.maxCode());
    }
}
