package org.tilevm.spec.ir;

import java.util.List;

/**
 * {@code out[i] = src[offsets + i]} for every index i of out's shape, where src has the same rank;
 * elements outside src's shape read as 0.
 */
public record LoadGlobal(TensorVar out, TensorVar src, List<Expr> offsets) implements Instruction {
    public LoadGlobal { offsets = List.copyOf(offsets); }
    public String opName() { return "load_global"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
    public List<Expr> exprs() { return offsets; }
}
