package org.tilevm.frontend.dsl;

import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/** A tile in the block's shared memory, from {@link Kernel#sharedTensor}; dead after {@link Kernel#freeShared}. */
public final class SharedTensor extends Tensor {
    boolean freed;

    SharedTensor(Kernel kernel, TensorVar var, Frame scope) { super(kernel, var, scope); }

    public SharedLayout layout() { return ((TensorType.Shared) var.type()).layout(); }

    public int[] shape() { return layout().shape(); }

    public int rank() { return layout().rank(); }
}
