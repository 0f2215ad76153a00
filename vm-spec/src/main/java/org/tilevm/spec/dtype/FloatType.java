package org.tilevm.spec.dtype;

import java.util.Objects;

/**
 * A binary float with 1 sign bit, {@code E = exponentBits} exponent bits and
 * {@code M = mantissaBits} mantissa bits (most significant first: sign, exponent, mantissa).
 * Bias is {@code 2^(E-1)-1}. Exponent field 0 is subnormal: value {@code (-1)^s * 2^(1-bias) *
 * m/2^M}; otherwise {@code (-1)^s * 2^(e-bias) * (1 + m/2^M)}, except for the special codes of
 * {@link #special()}.
 *
 * <p>The types that exist (the compact constructor rejects every other combination):
 * <ul>
 * <li>{@link Special#FINITE}: every {@code fNeEmM} with N = 1+E+M &lt;= 8, E &gt;= 1, M &gt;= 0,
 *     except E4M3 and E5M2. No inf, no NaN: every code is a finite number (OCP MX FP4/FP6).</li>
 * <li>{@link Special#NAN_ONLY_ALL_ONES}: only {@code f8e4m3} (OCP E4M3): S.1111.111 is NaN,
 *     no inf, max 448.</li>
 * <li>{@link Special#IEEE}: {@code f8e5m2}, {@code f16} (E5M10), {@code bf16} (E8M7),
 *     {@code f32} (E8M23): exponent all ones is inf (m = 0) or NaN (m != 0).</li>
 * </ul>
 * Encoding rounds to nearest even exactly (from the double's bits, no double rounding) and
 * <em>saturates</em> finite overflow to ±max, also for the IEEE types.
 */
public record FloatType(int exponentBits, int mantissaBits, FloatType.Special special) implements DType {

    /** Which codes are special: none (all finite), OCP E4M3 (only S.1111.111 is NaN), IEEE (inf and NaN). */
    public enum Special { FINITE, NAN_ONLY_ALL_ONES, IEEE }

    public FloatType {
        Objects.requireNonNull(special, "special");
        Special expected = canonicalSpecial(exponentBits, mantissaBits);
        if (expected != special) {
            throw new IllegalArgumentException("no float type E" + exponentBits + "M" + mantissaBits + " " + special
                    + (expected != null ? ": E" + exponentBits + "M" + mantissaBits + " is " + expected
                            : ": expected fNeEmM with N=1+E+M<=8, E>=1, M>=0, or f16 (E5M10), bf16 (E8M7), f32 (E8M23)"));
        }
    }

    /** The special-code rule of the type with these widths, or null if there is no such type. */
    private static Special canonicalSpecial(int e, int m) {
        if (e == 4 && m == 3) return Special.NAN_ONLY_ALL_ONES;
        if (e == 5 && m == 2) return Special.IEEE;
        if ((e == 5 && m == 10) || (e == 8 && m == 7) || (e == 8 && m == 23)) return Special.IEEE;
        if (e >= 1 && m >= 0 && 1 + e + m <= 8) return Special.FINITE;
        return null;
    }

    /**
     * The float type with these widths and its canonical special-code rule ({@code of(4,3)} is
     * OCP E4M3, {@code of(5,2)} IEEE-like E5M2, {@code of(5,10)} f16, {@code of(8,7)} bf16,
     * {@code of(8,23)} f32, any other with 1+E+M &lt;= 8 FINITE).
     *
     * @throws IllegalArgumentException if there is no such type
     */
    public static FloatType of(int exponentBits, int mantissaBits) {
        FloatType t = ofOrNull(exponentBits, mantissaBits);
        if (t == null) {
            throw new IllegalArgumentException("no float type E" + exponentBits + "M" + mantissaBits
                    + ": expected fNeEmM with N=1+E+M<=8, E>=1, M>=0, or f16 (E5M10), bf16 (E8M7), f32 (E8M23)");
        }
        return t;
    }

    static FloatType ofOrNull(int exponentBits, int mantissaBits) {
        Special s = canonicalSpecial(exponentBits, mantissaBits);
        return s == null ? null : new FloatType(exponentBits, mantissaBits, s);
    }

    @Override
    public String name() {
        if (special == Special.IEEE) {
            if (exponentBits == 5 && mantissaBits == 10) return "f16";
            if (exponentBits == 8 && mantissaBits == 7) return "bf16";
            if (exponentBits == 8 && mantissaBits == 23) return "f32";
        }
        return "f" + bits() + "e" + exponentBits + "m" + mantissaBits;
    }

    @Override
    public String toString() { return name(); }

    @Override
    public int bits() { return 1 + exponentBits + mantissaBits; }

    @Override
    public boolean isFloat() { return true; }

    @Override
    public boolean isSigned() { return true; }

    /** Exponent bias {@code 2^(E-1)-1}. */
    public int bias() { return (1 << (exponentBits - 1)) - 1; }

    public boolean hasInfinity() { return special == Special.IEEE; }

    public boolean hasNaN() { return special != Special.FINITE; }

    private long mantissaMask() { return (1L << mantissaBits) - 1; }

    private int exponentAllOnes() { return (1 << exponentBits) - 1; }

    private long signBit() { return 1L << (exponentBits + mantissaBits); }

    /** Code of +max (the largest finite value). */
    public long maxCode() {
        long eMax = exponentAllOnes(), mMax = mantissaMask();
        switch (special) {
            case FINITE -> { }
            case NAN_ONLY_ALL_ONES -> mMax -= 1;
            case IEEE -> eMax -= 1;
        }
        return (eMax << mantissaBits) | mMax;
    }

    /**
     * The code {@code encode(NaN)} gives: the canonical NaN (positive; IEEE types: exponent all
     * ones and the top mantissa bit, i.e. the quiet NaN; f8e4m3: 0x7F), or +max for types without
     * NaN.
     */
    public long nanCode() {
        return switch (special) {
            case FINITE -> maxCode();
            case NAN_ONLY_ALL_ONES -> ((long) exponentAllOnes() << mantissaBits) | mantissaMask();
            case IEEE -> ((long) exponentAllOnes() << mantissaBits) | (1L << (mantissaBits - 1));
        };
    }

    /** Code of +infinity where the type has it, else of +max (what {@code encode(+inf)} gives). */
    public long infinityCode() {
        return hasInfinity() ? (long) exponentAllOnes() << mantissaBits : maxCode();
    }

    /** Whether the code (its low bits) is a NaN. */
    public boolean isNaN(long code) {
        long c = code & mask();
        long e = (c >>> mantissaBits) & exponentAllOnes(), m = c & mantissaMask();
        return switch (special) {
            case FINITE -> false;
            case NAN_ONLY_ALL_ONES -> e == exponentAllOnes() && m == mantissaMask();
            case IEEE -> e == exponentAllOnes() && m != 0;
        };
    }

    /** Whether the code (its low bits) is ±infinity. */
    public boolean isInfinite(long code) {
        long c = code & mask() & ~signBit();
        return hasInfinity() && c == infinityCode();
    }

    @Override
    public double decode(long code) {
        long c = code & mask();
        boolean neg = (c & signBit()) != 0;
        int e = (int) ((c >>> mantissaBits) & exponentAllOnes());
        long m = c & mantissaMask();
        if (e == exponentAllOnes()) {
            if (special == Special.IEEE) {
                if (m != 0) return Double.NaN;
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (special == Special.NAN_ONLY_ALL_ONES && m == mantissaMask()) return Double.NaN;
        }
        double mag = e == 0
                ? Math.scalb((double) m, 1 - bias() - mantissaBits)
                : Math.scalb((double) ((1L << mantissaBits) | m), e - bias() - mantissaBits);
        return neg ? -mag : mag;
    }

    /**
     * Round to nearest, ties to even (exact, from the double's bits), including subnormals and a
     * carry into the next binade. "Even" means the candidate whose code has least significant bit
     * 0: for M &gt;= 1 that is IEEE's even significand; for M = 0 (every normal significand is 1)
     * it is the even exponent field, e.g. f3e2m0 encodes 3 (between 2 and 4) as 2. Then
     * finite overflow saturates to ±max; finite overflow saturates to ±max; ±inf gives ±inf where the
     * type has inf, else ±max; NaN gives {@link #nanCode()}; -0.0 (and negative values that
     * round to zero) give the negative-zero code.
     */
    @Override
    public long encode(double value) {
        if (Double.isNaN(value)) return nanCode();
        long raw = Double.doubleToRawLongBits(value);
        long sign = raw < 0 ? signBit() : 0L;
        if (Double.isInfinite(value)) return sign | infinityCode();
        long abs = raw & Long.MAX_VALUE;
        if (abs == 0) return sign;
        int de = (int) (abs >>> 52);
        long sig = abs & ((1L << 52) - 1);
        int exp;
        if (de == 0) {
            exp = -1074;
        } else {
            sig |= 1L << 52;
            exp = de - 1075;
        }
        return sign | encodeMagnitude(sig, exp);
    }

    /** The exact integer rounded once to nearest even, saturated; 0 gives +0. */
    @Override
    public long encode(long value) {
        if (value == 0) return 0L;
        long sign = value < 0 ? signBit() : 0L;
        if (value == Long.MIN_VALUE) return sign | encodeMagnitude(1L << 62, 1);
        return sign | encodeMagnitude(Math.abs(value), 0);
    }

    /**
     * Code (without sign) of the positive value {@code sig * 2^exp}, 0 &lt; sig &lt; 2^63: truncate
     * to the quantum of the result's binade, then round to nearest with ties to the even code
     * (incrementing a positive code gives the next larger value, also across binades), then
     * saturate to {@link #maxCode()}.
     */
    private long encodeMagnitude(long sig, int exp) {
        int mb = mantissaBits;
        int bias = bias();
        int ea = exp + 63 - Long.numberOfLeadingZeros(sig); // floor(log2(value))
        int et = Math.max(ea, 1 - bias);                    // binade of the result (subnormals: 1-bias)
        int shift = et - mb - exp;                          // value / 2^(et-mb) = sig / 2^shift
        long n;                                             // floor(value / quantum)
        boolean above = false, tie = false;                 // remainder vs half a quantum
        if (shift <= 0) {
            n = sig << -shift;                              // exact; at most mb+1 bits
        } else if (shift >= 64) {
            n = 0;                                          // value < quantum/2: rounds to 0
        } else {
            n = sig >>> shift;
            long rem = sig & ((1L << shift) - 1);
            long half = 1L << (shift - 1);
            above = rem > half;
            tie = rem == half;
        }
        long code = n >= (1L << mb)
                ? ((long) (et + bias) << mb) | (n - (1L << mb)) // normal: n in [2^M, 2^(M+1))
                : n;                                           // subnormal or zero
        if (above || (tie && (code & 1) != 0)) code++;
        long max = maxCode();
        return code > max ? max : code;
    }

    @Override
    public double maxValue() { return decode(maxCode()); }

    /** The most negative finite value, {@code -maxValue()}. */
    @Override
    public double minValue() { return -maxValue(); }

    /** The smallest positive value (the smallest subnormal; for M = 0 the smallest normal, 2^(1-bias)). */
    public double minPositive() { return decode(1L); }
}
