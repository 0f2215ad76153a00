package org.tilevm.spec.ir;

import java.util.List;

/** Sets {@code sem[index] = value} after all earlier global stores of the block are visible (release). */
public record ReleaseSemaphore(TensorVar sem, List<Expr> index, Expr value) implements Instruction {
    public ReleaseSemaphore { index = List.copyOf(index); }
    public String opName() { return "release_semaphore"; }
    public List<TensorVar> inputs() { return List.of(sem); }
    public List<Expr> exprs() {
        var l = new java.util.ArrayList<Expr>(index); l.add(value); return List.copyOf(l);
    }
}
