package org.tilevm.codegen.ptx.lower;

import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DType;

/** Where the lowering keeps a block-level tensor. */
sealed interface Binding permits Binding.Reg, Binding.Smem, Binding.Gmem {

    DType dtype();

    /**
     * A register tensor: in each thread, register array {@code array} of {@code words} 32-bit
     * words holding the thread's {@code layout.localSize()} elements, packed LSB first.
     */
    record Reg(String array, DType dtype, RegisterLayout layout) implements Binding {
        int words() { return wordsFor(layout.localSize(), dtype); }

        static int wordsFor(int localSize, DType dtype) {
            return Math.max(1, (int) (((long) localSize * dtype.bits() + 31) / 32));
        }
    }

    /** A shared tensor at byte {@code byteOffset} of the block's shared memory. */
    record Smem(int byteOffset, DType dtype, SharedLayout layout) implements Binding {}

    /** A global tensor: a view of pointer parameter {@code ptr}. */
    record Gmem(String ptr, DType dtype, GlobalLayout layout) implements Binding {}
}
