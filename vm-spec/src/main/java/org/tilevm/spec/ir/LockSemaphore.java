package org.tilevm.spec.ir;

import java.util.List;

/**
 * Waits until the {@code i32} element {@code sem[index]} of a global tensor equals {@code value}
 * (acquire); used to order split-K blocks.
 */
public record LockSemaphore(TensorVar sem, List<Expr> index, Expr value) implements Instruction {
    public LockSemaphore { index = List.copyOf(index); }
    public String opName() { return "lock_semaphore"; }
    public List<TensorVar> inputs() { return List.of(sem); }
    public List<Expr> exprs() {
        var l = new java.util.ArrayList<Expr>(index); l.add(value); return List.copyOf(l);
    }
}
