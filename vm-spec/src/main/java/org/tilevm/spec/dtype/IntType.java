package org.tilevm.spec.dtype;

/**
 * An integer type {@code uN} / {@code iN}: N = 1..8, 16, 32 (unsigned) and 1..8, 16, 32, 64
 * (signed). The code is the low N bits; signed types are two's complement ({@code i4} code
 * {@code 0b1111} is -1), unsigned types are plain binary.
 *
 * <p>Helpers for an interpreter that keeps integer values as {@code long}s:
 * {@link #decodeLong} (sign- or zero-extend a code to its value), {@link #encodeLong} (wrap a value
 * to a code, modulo 2^N), {@link #wrap} (a value reduced into the type's range, modulo 2^N),
 * {@link #encode(long)} (saturate), {@link #toCode} (exact, or an error).
 */
public record IntType(int bits, boolean signed) implements DType {

    public IntType {
        if (!isValid(bits, signed)) {
            throw new IllegalArgumentException("no integer type " + (signed ? "i" : "u") + bits
                    + ": expected u1..u8, u16, u32, i1..i8, i16, i32, i64");
        }
    }

    static boolean isValid(int bits, boolean signed) {
        return (bits >= 1 && bits <= 8) || bits == 16 || bits == 32 || (bits == 64 && signed);
    }

    @Override
    public String name() { return (signed ? "i" : "u") + bits; }

    @Override
    public String toString() { return name(); }

    @Override
    public boolean isFloat() { return false; }

    @Override
    public boolean isSigned() { return signed; }

    /** Smallest value: {@code -2^(N-1)} for signed types, 0 for unsigned. */
    public long minLong() { return signed ? -(1L << (bits - 1)) : 0L; }

    /** Largest value: {@code 2^(N-1)-1} for signed types, {@code 2^N-1} for unsigned. */
    public long maxLong() { return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1; }

    /** Whether {@code value} is in [{@link #minLong()}, {@link #maxLong()}]. */
    public boolean fits(long value) { return value >= minLong() && value <= maxLong(); }

    /** The value of the code (its low N bits): sign-extended for signed types, zero-extended for unsigned. */
    public long decodeLong(long code) {
        if (bits == 64) return code;
        return signed ? (code << (64 - bits)) >> (64 - bits) : code & mask();
    }

    /** The code of {@code value} modulo 2^N (two's-complement truncation to N bits): wraps, never fails. */
    public long encodeLong(long value) { return value & mask(); }

    /** {@code value} reduced modulo 2^N into the type's range: {@code decodeLong(encodeLong(value))}. */
    public long wrap(long value) { return decodeLong(value); }

    /**
     * The code of {@code value}, which must be in range.
     *
     * @throws IllegalArgumentException if {@code value} is not representable
     */
    public long toCode(long value) {
        if (!fits(value)) {
            throw new IllegalArgumentException("value " + value + " does not fit in " + name()
                    + " [" + minLong() + ", " + maxLong() + "]");
        }
        return value & mask();
    }

    @Override
    public double decode(long code) { return (double) decodeLong(code); }

    /** Round to nearest, ties to even; saturate to [min, max]; NaN to 0; ±inf to max/min. */
    @Override
    public long encode(double value) {
        if (Double.isNaN(value)) return 0L;
        double r = Math.rint(value);
        long min = minLong(), max = maxLong();
        long v;
        if (r <= (double) min) v = min;
        else if (r >= (double) max) v = max; // for i64, (double) max == 2^63: r >= 2^63 saturates
        else v = (long) r;
        return v & mask();
    }

    /** Saturate {@code value} to [min, max] and return its code. */
    @Override
    public long encode(long value) {
        return Math.clamp(value, minLong(), maxLong()) & mask();
    }

    /** {@link #maxLong()} as a double (for i64 that is 2^63, rounded). */
    @Override
    public double maxValue() { return (double) maxLong(); }

    @Override
    public double minValue() { return (double) minLong(); }
}
