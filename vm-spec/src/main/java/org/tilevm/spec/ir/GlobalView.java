package org.tilevm.spec.ir;

/** Defines global tensor {@code out} over the memory of pointer parameter {@code ptr}. */
public record GlobalView(TensorVar out, Param ptr) implements Instruction {
    public String opName() { return "global_view"; }
    public TensorVar output() { return out; }
}
