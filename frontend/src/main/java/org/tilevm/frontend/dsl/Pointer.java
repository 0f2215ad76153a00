package org.tilevm.frontend.dsl;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Param;

/**
 * A pointer kernel parameter: global memory holding packed elements of {@link #dtype()}. It is
 * not a value; {@link Kernel#globalView} makes a global tensor over it.
 */
public final class Pointer {
    private final Param param;
    private final Kernel owner;

    Pointer(Param param, Kernel owner) {
        this.param = param;
        this.owner = owner;
    }

    public Param param() { return param; }
    public String name() { return param.name(); }
    public DType dtype() { return param.dtype(); }
    Kernel owner() { return owner; }

    @Override
    public String toString() { return "pointer " + name() + ": " + dtype().name() + "*"; }
}
