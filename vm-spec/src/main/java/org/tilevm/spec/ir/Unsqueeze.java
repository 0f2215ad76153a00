package org.tilevm.spec.ir;

import java.util.List;

/** Inserts size-1 dimensions at {@code dims}; out layout = src.layout.unsqueeze(dims). */
public record Unsqueeze(TensorVar out, TensorVar src, List<Integer> dims) implements Instruction {
    public Unsqueeze { dims = List.copyOf(dims); }
    public String opName() { return "unsqueeze"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
