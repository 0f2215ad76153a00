package org.tilevm.spec.ir;

import java.util.List;

/** Swaps the two dimensions of a rank-2 register tensor; out layout = src.layout.permute(1, 0). */
public record Transpose(TensorVar out, TensorVar src) implements Instruction {
    public String opName() { return "transpose"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
