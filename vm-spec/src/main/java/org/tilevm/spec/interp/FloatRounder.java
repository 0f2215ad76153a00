package org.tilevm.spec.interp;

import java.util.concurrent.ConcurrentHashMap;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;

/**
 * Rounding of an arithmetic result (a {@code double}) to a float type, as IEEE arithmetic in
 * that type does: round to nearest, ties to even; a result whose magnitude rounds above the
 * largest finite value becomes ±infinity for types with infinity ({@code f16, bf16, f32,
 * f8e5m2}), and saturates to ±max for types without ({@code f8e4m3}, every sub-8-bit float).
 * NaN becomes the type's canonical NaN (or +max where it has none). {@code f32} uses the JVM's
 * {@code (float)} conversion, which is exactly this rule.
 */
final class FloatRounder {
    private static final ConcurrentHashMap<FloatType, FloatRounder> CACHE = new ConcurrentHashMap<>();

    final FloatType type;
    final boolean f32;
    /** Magnitudes at or above this round to infinity (types with infinity); +inf otherwise. */
    private final double overflow;

    private FloatRounder(FloatType type) {
        this.type = type;
        this.f32 = type.equals(DTypes.F32);
        if (type.hasInfinity()) {
            // max = (2 - 2^-M) * 2^emax; halfway to the next binade step is max + 2^(emax-M-1).
            double max = type.maxValue();
            int emax = Math.getExponent(max);
            overflow = max + Math.scalb(1.0, emax - type.mantissaBits() - 1);
        } else {
            overflow = Double.POSITIVE_INFINITY;
        }
    }

    static FloatRounder of(FloatType t) { return CACHE.computeIfAbsent(t, FloatRounder::new); }

    /** The code of {@code x} rounded to the type. */
    long code(double x) {
        if (f32) {
            if (x != x) return type.nanCode();
            return Float.floatToRawIntBits((float) x) & 0xFFFF_FFFFL;
        }
        if (Math.abs(x) >= overflow) return type.encode(Math.copySign(Double.POSITIVE_INFINITY, x));
        return type.encode(x);
    }

    /** The value of a code. */
    double decode(long code) {
        return f32 ? Float.intBitsToFloat((int) code) : type.decode(code);
    }

    /** {@code x} rounded to the type, as a double. */
    double round(double x) {
        if (f32) return (float) x;
        return type.decode(code(x));
    }
}
