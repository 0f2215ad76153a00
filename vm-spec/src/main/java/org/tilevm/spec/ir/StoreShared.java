package org.tilevm.spec.ir;

import java.util.List;

/** {@code dst[offsets + i] = src[i]} into a shared tensor; indices must lie inside dst. */
public record StoreShared(TensorVar src, TensorVar dst, List<Expr> offsets) implements Instruction {
    public StoreShared { offsets = List.copyOf(offsets); }
    public String opName() { return "store_shared"; }
    public List<TensorVar> inputs() { return List.of(src, dst); }
    public List<Expr> exprs() { return offsets; }
}
