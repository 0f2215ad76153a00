package org.tilevm.codegen.jvm.gen;

import org.tilevm.spec.ir.TensorVar;

/**
 * Where generated code keeps a tensor: a local variable of the block method holding a register
 * array ({@code int[]}/{@code float[]}/{@code long[]} over the layout's slots), a
 * {@code SharedTensor} or a {@code GlobalTensor}.
 */
sealed interface TensorSlot permits TensorSlot.Reg, TensorSlot.Shared, TensorSlot.Global {
    TensorVar var();

    int local();

    record Reg(TensorVar var, int local, Repr repr, RegTable table) implements TensorSlot {}

    record Shared(TensorVar var, int local, Repr repr, ShTable table) implements TensorSlot {}

    record Global(TensorVar var, int local) implements TensorSlot {}
}
