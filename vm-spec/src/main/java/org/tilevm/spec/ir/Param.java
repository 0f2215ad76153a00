package org.tilevm.spec.ir;

import org.tilevm.spec.dtype.DType;

/**
 * A kernel parameter: a scalar of {@code dtype}, or (when {@code pointer}) a pointer to global
 * memory holding packed elements of {@code dtype}.
 */
public record Param(String name, DType dtype, boolean pointer) {
    public Param {
        Names.check(name, "parameter");
    }

    public static Param scalar(String name, DType dtype) { return new Param(name, dtype, false); }
    public static Param pointer(String name, DType dtype) { return new Param(name, dtype, true); }

    /** The scalar variable that refers to this parameter in expressions (scalar parameters only). */
    public Var var() {
        if (pointer) throw new IllegalStateException("pointer parameter '" + name + "' is not a scalar");
        return new Var(name, dtype);
    }
}
