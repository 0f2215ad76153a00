package org.tilevm.codegen.ptx.cuda;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Param;

/**
 * The mapping between TileVM types and CUDA C++ types used by {@link CudaPrinter}. It is public
 * because the launcher must marshal kernel arguments with exactly these C types.
 *
 * <p>Scalar kernel parameters are passed in their natural C type (so a host can lay them out as a C
 * compiler would): integers by value in the smallest C integer type that holds the range
 * ({@code u1} as {@code bool}), floats as {@code float} ({@code f32}) or as their <em>code</em>
 * ({@code f16}, {@code bf16}: {@code unsigned short}; every 8-bit-or-smaller float:
 * {@code unsigned char}). Inside the kernel the parameter is a variable of type
 * {@code TExpr.scalarTypeOf(dtype)} ({@code bool} for {@code u1}, {@code int} for other integers of
 * up to 31 bits, {@code float} for floats); where the two differ the printer converts once at the
 * top of the kernel (a float code is decoded exactly).
 */
public final class CudaTypes {
    private CudaTypes() {}

    /** The C type of a scalar of this TIR type. */
    public static String cType(ScalarType t) { return t.cName(); }

    /** The C type of a kernel parameter: a byte pointer for pointers, else {@link #scalarParamCType}. */
    public static String paramCType(Param p) {
        return p.pointer() ? "unsigned char* __restrict__" : scalarParamCType(p.dtype());
    }

    /** The C type in which a scalar argument of {@code dtype} is passed (see the class comment). */
    public static String scalarParamCType(DType dtype) {
        return switch (dtype) {
            case IntType t when t.bits() == 1 && !t.signed() -> "bool";
            case IntType t when t.bits() <= 8 -> t.signed() ? "signed char" : "unsigned char";
            case IntType t when t.bits() <= 16 -> t.signed() ? "short" : "unsigned short";
            case IntType t when t.bits() <= 32 -> t.signed() ? "int" : "unsigned";
            case IntType t -> t.signed() ? "long long" : "unsigned long long";
            case FloatType f when f.bits() == 32 -> "float";
            case FloatType f when f.bits() == 16 -> "unsigned short";
            case FloatType f -> "unsigned char";
        };
    }

    /** Bytes of a scalar argument of {@code dtype} in the launch parameter buffer (also its alignment). */
    public static int scalarParamBytes(DType dtype) {
        return switch (scalarParamCType(dtype)) {
            case "bool", "signed char", "unsigned char" -> 1;
            case "short", "unsigned short" -> 2;
            case "long long", "unsigned long long" -> 8;
            default -> 4;
        };
    }

    /** Whether the argument is passed as a float code (not as a value). */
    static boolean passedAsCode(DType dtype) { return dtype.isFloat() && dtype.bits() < 32; }

    /**
     * A C literal of the constant: decimal integers with {@code u}/{@code ll}/{@code ull} suffixes,
     * floats in their shortest round-tripping decimal form (C parses decimals correctly rounded)
     * and non-finite floats through their bits. Negative literals are parenthesized.
     */
    static String literal(long bits, ScalarType t) {
        return switch (t) {
            case PRED -> bits != 0 ? "true" : "false";
            case I32 -> (int) bits == Integer.MIN_VALUE ? "(-2147483647 - 1)" : paren(Integer.toString((int) bits));
            case U32 -> Long.toString(bits & 0xFFFF_FFFFL) + "u";
            case I64 -> bits == Long.MIN_VALUE ? "(-9223372036854775807ll - 1)" : paren(bits + "ll");
            case U64 -> Long.toUnsignedString(bits) + "ull";
            case F32 -> floatLiteral(Float.intBitsToFloat((int) bits), (int) bits);
            case F64 -> doubleLiteral(Double.longBitsToDouble(bits), bits);
        };
    }

    private static String floatLiteral(float f, int raw) {
        if (Float.isNaN(f) || Float.isInfinite(f)) return String.format("__uint_as_float(0x%08xu)", raw);
        return paren(Float.toString(f) + "f");
    }

    private static String doubleLiteral(double d, long raw) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return String.format("__longlong_as_double(0x%016xll)", raw);
        return paren(Double.toString(d));
    }

    private static String paren(String s) { return s.startsWith("-") ? "(" + s + ")" : s; }

    /** A hexadecimal unsigned literal of the given width (32 or 64 bits). */
    static String hex(long v, int bits) {
        return bits <= 32 ? String.format("0x%xu", v & 0xFFFF_FFFFL) : String.format("0x%xull", v);
    }
}
