package org.tilevm.spec.ir;

import org.tilevm.layout.RegisterLayout;

/**
 * A named tensor of a program. An instruction whose output names a tensor that is not yet
 * defined defines it (in the innermost enclosing scope); naming a defined tensor of the same
 * type overwrites its contents.
 */
public record TensorVar(String name, TensorType type) {
    public TensorVar {
        Names.check(name, "tensor");
    }

    public boolean isRegister() { return type instanceof TensorType.Register; }
    public boolean isShared() { return type instanceof TensorType.Shared; }
    public boolean isGlobal() { return type instanceof TensorType.Global; }

    /** The layout of a register tensor; an error for other tensors. */
    public RegisterLayout registerLayout() {
        if (type instanceof TensorType.Register r) return r.layout();
        throw new IllegalStateException("tensor '" + name + "' is not a register tensor");
    }
}
