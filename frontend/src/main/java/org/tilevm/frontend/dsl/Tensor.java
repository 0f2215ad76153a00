package org.tilevm.frontend.dsl;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/**
 * A handle to a named tensor of a kernel. It is valid in the scope (the body of the kernel, of a
 * loop or of a branch) where it was defined and the scopes nested in it, and only in its kernel.
 */
public abstract sealed class Tensor permits RegisterTensor, SharedTensor, GlobalTensor {
    final Kernel kernel;
    final TensorVar var;
    final Frame scope;

    Tensor(Kernel kernel, TensorVar var, Frame scope) {
        this.kernel = kernel;
        this.var = var;
        this.scope = scope;
    }

    /** The IR tensor variable. */
    public TensorVar var() { return var; }

    /** The program-unique name. */
    public String name() { return var.name(); }

    public TensorType type() { return var.type(); }

    public DType dtype() { return var.type().dtype(); }

    /** The kernel that defined this tensor. */
    public Kernel kernel() { return kernel; }

    @Override
    public String toString() { return "tensor '" + name() + "'"; }
}
