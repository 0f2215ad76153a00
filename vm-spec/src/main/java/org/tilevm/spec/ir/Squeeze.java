package org.tilevm.spec.ir;

import java.util.List;

/** Removes size-1 dimensions {@code dims} of a register tensor; out layout = src.layout.squeeze(dims). */
public record Squeeze(TensorVar out, TensorVar src, List<Integer> dims) implements Instruction {
    public Squeeze { dims = List.copyOf(dims); }
    public String opName() { return "squeeze"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
