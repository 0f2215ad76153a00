package org.tilevm.spec.ir;

/** Allocates shared tensor {@code out} (contents undefined; the reference interpreter zeroes it). */
public record AllocateShared(TensorVar out) implements Instruction {
    public String opName() { return "allocate_shared"; }
    public TensorVar output() { return out; }
}
