package org.tilevm.spec.ir;

import java.util.List;

/** Same elements in row-major order, new shape; out layout = src.layout.reshape(out shape). */
public record Reshape(TensorVar out, TensorVar src) implements Instruction {
    public String opName() { return "reshape"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
