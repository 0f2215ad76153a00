package org.tilevm.spec.ir;

import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DType;

/**
 * The type of a tensor: its element dtype and where it lives. The layout fixes the shape:
 * a register tensor's layout also says which thread holds which element; a shared tensor's
 * layout maps elements to offsets in the block's shared memory; a global tensor's layout has
 * shape and strides that are symbolic in the program's parameters.
 */
public sealed interface TensorType permits TensorType.Register, TensorType.Shared, TensorType.Global {

    DType dtype();

    /** Register tile distributed over the threads of the block by {@code layout}. */
    record Register(DType dtype, RegisterLayout layout) implements TensorType {
        public int[] shape() { return layout.shape(); }
    }

    /** Tile in the block's shared memory. */
    record Shared(DType dtype, SharedLayout layout) implements TensorType {
        public int[] shape() { return layout.shape(); }
    }

    /** Tensor in global memory (a view of a pointer parameter, or a global workspace). */
    record Global(DType dtype, GlobalLayout layout) implements TensorType {}
}
