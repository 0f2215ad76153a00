package org.tilevm.spec.ir;

import java.util.List;

/** {@code out[i] = op(src[i])}; same dtype and layout. */
public record ElementwiseUnary(TensorVar out, UnaryOp op, TensorVar src) implements Instruction {
    public String opName() { return "unary"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
