package org.tilevm.codegen.jvm.gen;

import org.tilevm.spec.ir.TensorVar;

/**
 * Where generated code keeps a tensor: a local variable of the block method holding a register
 * array ({@code int[]}/{@code float[]}/{@code long[]} of the tile's elements in row-major order), a
 * {@code SharedTensor} or a {@code GlobalTensor}. The register layout's table stays at hand for
 * {@code view}, the one instruction that depends on which thread holds what.
 */
sealed interface TensorSlot permits TensorSlot.Reg, TensorSlot.Shared, TensorSlot.Global {
    TensorVar var();

    int local();

    record Reg(TensorVar var, int local, Repr repr, RegTable table) implements TensorSlot {}

    record Shared(TensorVar var, int local, Repr repr, ShTable table) implements TensorSlot {}

    record Global(TensorVar var, int local) implements TensorSlot {}
}
