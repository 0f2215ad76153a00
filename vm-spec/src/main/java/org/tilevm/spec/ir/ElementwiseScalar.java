package org.tilevm.spec.ir;

import java.util.List;

/** {@code out[i] = a[i] op scalar}, the scalar converted to a's dtype first. */
public record ElementwiseScalar(TensorVar out, BinaryOp op, TensorVar a, Expr scalar) implements Instruction {
    public String opName() { return "binary_scalar"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(a); }
    public List<Expr> exprs() { return List.of(scalar); }
}
