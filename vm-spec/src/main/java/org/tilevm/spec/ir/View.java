package org.tilevm.spec.ir;

import java.util.List;

/**
 * Reinterprets the bits each thread holds: thread t's registers of src, concatenated LSB-first
 * in local order, are read back as out's elements in out's local order. Both layouts have the
 * same number of threads and the same bits per thread ({@code localSize * dtype.bits}).
 */
public record View(TensorVar out, TensorVar src) implements Instruction {
    public String opName() { return "view"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
