package org.tilevm.codegen.jvm.runtime;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;

/**
 * Scalar-expression operations that generated code calls rather than inlines: checked integer
 * division, and the conversions of scalar casts. Scalars follow the interpreter's representation:
 * integers are values in a {@code long}, floats are values (rounded to their type) in a {@code double}.
 */
public final class ScalarOps {
    private ScalarOps() {}

    public static long div(long x, long y, String typeName) {
        if (y == 0) throw Faults.divisionByZero(typeName, x, false);
        return x / y;
    }

    public static long rem(long x, long y, String typeName) {
        if (y == 0) throw Faults.divisionByZero(typeName, x, true);
        return x % y;
    }

    /** A float value (of any float type) to an integer type's value. */
    public static long floatToInt(double v, IntType to) { return to.decodeLong(to.encode(v)); }

    /** An integer value to a float type's value (exact rounding, saturation). */
    public static double intToFloat(long v, FloatType to) { return to.decode(to.encode(v)); }

    /** A float value to another float type's value (exact rounding, saturation). */
    public static double floatToFloat(double v, FloatType to) { return to.decode(to.encode(v)); }

    /** The code of a scalar value of type {@code t} (integer value or float value). */
    public static long intCode(long value, IntType t) { return t.encodeLong(value); }

    public static long floatCode(double value, FloatRounding r) { return r.code(value); }

    /** Converts a code of {@code from} to {@code to} (binary_scalar operands, allocate_register init). */
    public static long convert(long code, DType from, DType to) { return DType.convert(from, code, to); }
}
