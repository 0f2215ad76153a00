package org.tilevm.codegen.jvm.runtime;

import org.tilevm.spec.dtype.FloatType;

/**
 * Dtype conversions (Part D, {@code DType.convert}) for the cases generated code does not inline:
 * a float value to an integer code and a value to a float code.
 */
public final class Conv {
    private Conv() {}

    /** float -> int: round to nearest even, saturate to [min, max], NaN to 0; the code (value & mask). */
    public static long floatToIntCode(double v, long min, long max, long mask) {
        if (v != v) return 0;
        double r = Math.rint(v);
        long x;
        if (r <= (double) min) x = min;
        else if (r >= (double) max) x = max;
        else x = (long) r;
        return x & mask;
    }

    /** Any value (exact, as a double) to a float type's code: round once, saturate. */
    public static long encode(double v, FloatType to) { return to.encode(v); }

    /** An exact integer to a float type's code: round once, saturate. */
    public static long encodeLong(long v, FloatType to) { return to.encode(v); }
}
