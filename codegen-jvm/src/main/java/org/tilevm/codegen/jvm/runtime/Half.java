package org.tilevm.codegen.jvm.runtime;

/**
 * Fast, exact conversions between {@code float}/{@code double} values and {@code f16}/{@code bf16}
 * codes, in the two flavours the spec needs: <em>arithmetic</em> rounding (SPEC S3: round to
 * nearest even, overflow to ±inf, NaN to the canonical NaN) and <em>conversion</em> (Part D,
 * {@code DType.convert}: the same rounding, but finite overflow saturates to ±max).
 *
 * <p>Why computing f16 arithmetic in {@code float} is exact: for {@code + - * /} of operands with
 * p = 11 (f16) or p = 8 (bf16) significant bits, rounding the exact result first to float (24 bits)
 * and then to the narrow type equals rounding once, since 24 >= 2p + 2 (Figueroa); in f16's
 * subnormal range float still has 24 bits. bf16 quotients that fall into float's subnormal range
 * are the exception, so bf16 division goes through {@link #bf16FromDouble} (round to odd).
 */
public final class Half {
    private Half() {}

    public static final int F16_NAN = 0x7E00, BF16_NAN = 0x7FC0;
    private static final int F16_MAX = 0x7BFF, BF16_MAX = 0x7F7F;

    /** f16 arithmetic rounding of a float value (exactly representable results keep their bits). */
    public static int f16Round(float f) {
        if (f != f) return F16_NAN;
        return Float.floatToFloat16(f) & 0xFFFF;
    }

    /** f16 conversion (saturating) of a float value. */
    public static int f16Convert(float f) {
        if (f != f) return F16_NAN;
        int h = Float.floatToFloat16(f) & 0xFFFF;
        if ((h & 0x7FFF) == 0x7C00 && !Float.isInfinite(f)) h = (h & 0x8000) | F16_MAX;
        return h;
    }

    /** The value of an f16 code. */
    public static float f16Value(int code) { return Float.float16ToFloat((short) code); }

    /** bf16 arithmetic rounding of a float value: round to nearest even on the upper 16 bits. */
    public static int bf16Round(float f) {
        if (f != f) return BF16_NAN;
        int b = Float.floatToRawIntBits(f);
        return ((b + 0x7FFF + ((b >>> 16) & 1)) >>> 16) & 0xFFFF;
    }

    /** bf16 conversion (saturating) of a float value. */
    public static int bf16Convert(float f) {
        int h = bf16Round(f);
        if ((h & 0x7FFF) == 0x7F80 && !Float.isInfinite(f)) h = (h & 0x8000) | BF16_MAX;
        return h;
    }

    /** The value of a bf16 code. */
    public static float bf16Value(int code) { return Float.intBitsToFloat(code << 16); }

    /**
     * {@code d} rounded to float toward zero, with the last bit set when inexact ("round to odd"):
     * rounding that float once more to a type with at most 22 significant bits (or a fixed-point
     * grid at least 4 times coarser than float's) gives the correctly rounded result of {@code d}.
     */
    public static float roundToOdd(double d) {
        float f = (float) d;
        if ((double) f == d || d != d) return f;
        int b = Float.floatToRawIntBits(f);
        if (Math.abs((double) f) > Math.abs(d)) b--; // step back toward zero (same sign, one ulp)
        return Float.intBitsToFloat(b | 1);
    }

    /** f16 arithmetic rounding of a double value (exp, log, sqrt results). */
    public static int f16FromDouble(double d) { return f16Round(roundToOdd(d)); }

    /** bf16 arithmetic rounding of a double value. */
    public static int bf16FromDouble(double d) { return bf16Round(roundToOdd(d)); }

    /** A float result with its NaN replaced by the canonical NaN (0x7FC00000). */
    public static float f32Canonical(float f) { return f != f ? Float.NaN : f; }
}
