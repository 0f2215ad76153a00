package org.tilevm.frontend.dsl;

import org.tilevm.layout.GlobalLayout;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/** A tensor in global memory: a view of a pointer parameter or a global workspace. */
public final class GlobalTensor extends Tensor {
    private final int rank;

    GlobalTensor(Kernel kernel, TensorVar var, Frame scope, int rank) {
        super(kernel, var, scope);
        this.rank = rank;
    }

    public GlobalLayout layout() { return ((TensorType.Global) var.type()).layout(); }

    public int rank() { return rank; }
}
