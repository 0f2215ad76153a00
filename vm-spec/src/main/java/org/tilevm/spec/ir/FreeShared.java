package org.tilevm.spec.ir;

/** Ends the life of a shared tensor; its memory may be reused by later allocations. */
public record FreeShared(TensorVar tensor) implements Instruction {
    public String opName() { return "free_shared"; }
    public java.util.List<TensorVar> inputs() { return java.util.List.of(tensor); }
}
