package org.tilevm.codegen.jvm.runtime;

import org.tilevm.spec.dtype.FloatType;

/**
 * Arithmetic rounding of a {@code double} result to one float type, exactly as the reference
 * interpreter rounds (SPEC S3): round to nearest even; a magnitude that rounds beyond the largest
 * finite value becomes ±inf for types with infinity and ±max otherwise; NaN becomes the type's
 * canonical NaN (or +max). Also the type's code-to-value table when it has at most 8 bits. Used by
 * generated code for the types that have no faster path (every type but f32, f16, bf16).
 */
public final class FloatRounding {
    private final FloatType type;
    private final double overflow;
    private final long nanCode;

    public FloatRounding(FloatType type) {
        this.type = type;
        if (type.hasInfinity()) {
            double max = type.maxValue();
            int emax = Math.getExponent(max);
            overflow = max + Math.scalb(1.0, emax - type.mantissaBits() - 1);
        } else {
            overflow = Double.POSITIVE_INFINITY;
        }
        nanCode = type.nanCode();
    }

    public FloatType type() { return type; }

    /** The code of {@code x} rounded to the type. */
    public long code(double x) {
        if (x != x) return nanCode;
        if (Math.abs(x) >= overflow) return type.encode(Math.copySign(Double.POSITIVE_INFINITY, x));
        return type.encode(x);
    }

    /** The code of {@code x} rounded to the type, as an int (types of at most 32 bits). */
    public int intCode(double x) { return (int) code(x); }

    /** {@code x} rounded to the type, as a value. */
    public double round(double x) { return type.decode(code(x)); }

    /** The value of every code of a type of at most 16 bits, indexed by code. */
    public static double[] decodeTable(FloatType t) {
        if (t.bits() > 16) throw new IllegalArgumentException("no decode table for " + t.name());
        double[] out = new double[1 << t.bits()];
        for (int c = 0; c < out.length; c++) out[c] = t.decode(c);
        return out;
    }
}
