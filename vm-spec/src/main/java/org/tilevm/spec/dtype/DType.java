package org.tilevm.spec.dtype;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TileVM data type: an integer ({@link IntType}) or a float ({@link FloatType}) of at most 64
 * bits. A value of a dtype is carried as its <em>code</em>: the raw bit pattern in the low
 * {@link #bits()} bits of a {@code long}; bits above are ignored on input and zero on output.
 * The normative rules (values, rounding, saturation, conversion, packing) are in
 * {@code vm-spec/SPEC.md (Part D)}.
 */
public sealed interface DType permits IntType, FloatType {
    /** Canonical name: {@code u4}, {@code i8}, {@code i32}, {@code f4e2m1}, {@code f8e4m3}, {@code f16}, {@code bf16}, {@code f32}. */
    String name();

    /** Width of a code in bits (1..64). */
    int bits();

    boolean isFloat();

    default boolean isInteger() { return !isFloat(); }

    /** True for signed integers and for every float (floats have a sign bit). */
    boolean isSigned();

    /**
     * Exact value of the code (only the low {@link #bits()} bits of {@code code} are read). Floats
     * decode to their exact value, NaN or ±infinity; integers to their exact value, except i64
     * values beyond 2^53, which the {@code double} rounds (use {@link IntType#decodeLong}).
     */
    double decode(long code);

    /**
     * Code of the value: round to nearest, ties to even; saturate on overflow. NaN encodes to the
     * canonical NaN code where the type has NaN, to +max for floats without NaN, and to 0 for
     * integers. The result has only the low {@link #bits()} bits set.
     */
    long encode(double value);

    /**
     * Code of the exact integer {@code value}, with the same rules as {@link #encode(double)}
     * (round to nearest even for floats, saturate) but with no intermediate rounding to
     * {@code double} (so exact for all of i64).
     */
    long encode(long value);

    /** Largest finite value. */
    double maxValue();

    /** Most negative finite value (0 for unsigned integers, -maxValue() for floats). */
    double minValue();

    /** The mask of the code bits: {@code 2^bits - 1} (all ones for 64 bits). */
    default long mask() { return bits() == 64 ? -1L : (1L << bits()) - 1; }

    /**
     * The type with this canonical name: {@code u1..u8, u16, u32, i1..i8, i16, i32, i64, f16, bf16,
     * f32}, or {@code fNeEmM} with N = 1+E+M &lt;= 8, E &gt;= 1, M &gt;= 0. {@code f8e4m3} is OCP E4M3,
     * {@code f8e5m2} is IEEE-like; every other {@code fNeEmM} is finite-only.
     * {@code parse(t.name()).equals(t)} for every type.
     *
     * @throws IllegalArgumentException naming the input and listing the accepted forms
     */
    static DType parse(String name) {
        Objects.requireNonNull(name, "dtype name");
        DType t = tryParse(name);
        if (t == null || !t.name().equals(name)) {
            throw new IllegalArgumentException("unknown dtype '" + name + "': expected " + ACCEPTED_FORMS);
        }
        return t;
    }

    /** The accepted dtype names, as listed in parse error messages. */
    String ACCEPTED_FORMS = "u1..u8, u16, u32, i1..i8, i16, i32, i64, f16, bf16, f32, or fNeEmM with "
            + "N=1+E+M<=8, E>=1 (e.g. f4e2m1, f6e3m2, f8e4m3)";

    private static DType tryParse(String s) {
        switch (s) {
            case "f16": return DTypes.F16;
            case "bf16": return DTypes.BF16;
            case "f32": return DTypes.F32;
            default: break;
        }
        Matcher mi = Patterns.INT.matcher(s);
        if (mi.matches()) {
            int bits = Integer.parseInt(mi.group(2));
            boolean signed = mi.group(1).equals("i");
            return IntType.isValid(bits, signed) ? new IntType(bits, signed) : null;
        }
        Matcher mf = Patterns.FLOAT.matcher(s);
        if (mf.matches()) {
            int n = Integer.parseInt(mf.group(1));
            int e = Integer.parseInt(mf.group(2));
            int m = Integer.parseInt(mf.group(3));
            if (n != 1 + e + m || n > 8 || e < 1) return null;
            return FloatType.ofOrNull(e, m);
        }
        return null;
    }

    /**
     * Converts a code of {@code from} to a code of {@code to}:
     * <ul>
     * <li>float to float: {@code to.encode(from.decode(code))}: exact value, then round to
     *     nearest even and saturate; NaN to NaN (or +max where {@code to} has no NaN); ±inf to
     *     ±inf (or ±max where {@code to} has no inf); -0 stays -0.</li>
     * <li>float to int: round to nearest even, saturate to [min, max], NaN to 0, ±inf to max/min.</li>
     * <li>int to float: the exact integer, rounded once to nearest even, saturated.</li>
     * <li>int to int: wrap: the value's two's-complement bits truncated (or sign/zero-extended)
     *     to the target width, i.e. the value modulo 2^bits.</li>
     * </ul>
     */
    static long convert(DType from, long code, DType to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return switch (from) {
            case IntType fi -> switch (to) {
                case IntType ti -> ti.encodeLong(fi.decodeLong(code));
                case FloatType tf -> tf.encode(fi.decodeLong(code));
            };
            case FloatType ff -> to.encode(ff.decode(code));
        };
    }
}

/** Holder for the compiled name patterns (interfaces cannot have private static fields). */
final class Patterns {
    private Patterns() {}
    static final Pattern INT = Pattern.compile("([ui])([0-9]{1,3})");
    static final Pattern FLOAT = Pattern.compile("f([0-9]{1,3})e([0-9]{1,3})m([0-9]{1,3})");
}
