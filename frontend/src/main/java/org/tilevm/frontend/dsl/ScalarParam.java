package org.tilevm.frontend.dsl;

import org.tilevm.spec.ir.Param;

/** A scalar kernel parameter, usable as a {@link Scalar} (its value at launch). */
public final class ScalarParam extends Scalar {
    private final Param param;

    ScalarParam(Param param, Kernel owner) {
        super(param.var(), owner);
        this.param = param;
    }

    /** The IR parameter. */
    public Param param() { return param; }

    /** The parameter name (the launch argument key). */
    public String name() { return param.name(); }
}
