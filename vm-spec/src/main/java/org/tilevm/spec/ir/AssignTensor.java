package org.tilevm.spec.ir;

import java.util.List;

/** {@code dst[i] = src[i]}: copies a register tensor into another of the same type. */
public record AssignTensor(TensorVar dst, TensorVar src) implements Instruction {
    public String opName() { return "assign"; }
    public TensorVar output() { return dst; }
    public List<TensorVar> inputs() { return List.of(src); }
}
