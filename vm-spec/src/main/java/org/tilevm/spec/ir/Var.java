package org.tilevm.spec.ir;

import org.tilevm.spec.dtype.DType;

/** A named scalar: a scalar parameter, a loop variable or a {@code let}-bound variable. */
public record Var(String name, DType type) implements Expr {
    public Var {
        Names.check(name, "scalar variable");
    }
}
