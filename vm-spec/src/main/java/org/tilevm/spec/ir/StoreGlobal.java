package org.tilevm.spec.ir;

import java.util.List;

/** {@code dst[offsets + i] = src[i]} for every index i of src; elements outside dst are not stored. */
public record StoreGlobal(TensorVar src, TensorVar dst, List<Expr> offsets) implements Instruction {
    public StoreGlobal { offsets = List.copyOf(offsets); }
    public String opName() { return "store_global"; }
    public List<TensorVar> inputs() { return List.of(src, dst); }
    public List<Expr> exprs() { return offsets; }
}
