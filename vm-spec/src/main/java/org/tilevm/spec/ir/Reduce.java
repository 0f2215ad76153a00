package org.tilevm.spec.ir;

import java.util.List;

/**
 * Reduces dimension {@code dim} of src with {@code op} (in ascending index order), into out whose
 * layout is {@code src.layout.reduce(dim, keepDim)}.
 */
public record Reduce(TensorVar out, TensorVar src, int dim, ReduceOp op, boolean keepDim) implements Instruction {
    public String opName() { return "reduce"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
