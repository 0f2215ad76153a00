package org.tilevm.frontend.dsl;

import org.tilevm.spec.ir.Var;

/**
 * A mutable scalar variable declared with {@link Kernel#let}; {@link Kernel#assign(Variable, Scalar)}
 * gives it a new value. Used as a {@link Scalar} it reads the current value.
 */
public final class Variable extends Scalar {
    private final Var var;

    Variable(Var var, Kernel owner) {
        super(var, owner);
        this.var = var;
    }

    /** The IR variable. */
    public Var var() { return var; }

    /** The (program-unique) variable name. */
    public String name() { return var.name(); }
}
