package org.tilevm.spec.ir;

import java.util.List;

/** {@code out[i] = src[offsets + i]} from a shared tensor; indices must lie inside src. */
public record LoadShared(TensorVar out, TensorVar src, List<Expr> offsets) implements Instruction {
    public LoadShared { offsets = List.copyOf(offsets); }
    public String opName() { return "load_shared"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
    public List<Expr> exprs() { return offsets; }
}
