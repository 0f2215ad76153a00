package org.tilevm.spec.ir;

/**
 * Defines a global workspace tensor {@code out}, shared by every block of one launch and filled
 * with zeros before the launch starts (used for split-K semaphores and partial sums).
 */
public record AllocateGlobal(TensorVar out) implements Instruction {
    public String opName() { return "allocate_global"; }
    public TensorVar output() { return out; }
}
