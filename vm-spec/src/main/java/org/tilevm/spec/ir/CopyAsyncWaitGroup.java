package org.tilevm.spec.ir;

/** Waits until at most {@code n} committed groups of asynchronous copies are still pending. */
public record CopyAsyncWaitGroup(int n) implements Instruction {
    public CopyAsyncWaitGroup {
        if (n < 0) throw new IllegalArgumentException("copy_async_wait_group needs n >= 0, got " + n);
    }
    public String opName() { return "copy_async_wait_group"; }
}
