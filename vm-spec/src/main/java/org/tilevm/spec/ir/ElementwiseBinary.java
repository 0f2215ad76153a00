package org.tilevm.spec.ir;

import java.util.List;

/**
 * {@code out[i] = a[i'] op b[i'']} with broadcasting: a and b have out's rank, and a dimension
 * of size 1 is broadcast along out's. Every thread that holds out[i] must hold the operand
 * elements it reads. Comparisons give a {@code u1} tensor.
 */
public record ElementwiseBinary(TensorVar out, BinaryOp op, TensorVar a, TensorVar b) implements Instruction {
    public String opName() { return "binary"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(a, b); }
}
