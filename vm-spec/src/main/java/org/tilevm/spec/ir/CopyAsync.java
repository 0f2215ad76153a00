package org.tilevm.spec.ir;

import java.util.List;

/**
 * Asynchronously {@code dst[i] = src[offsets + i]} for every index i of the shared tensor dst;
 * elements outside src are filled with 0. The copy is issued into the current (uncommitted)
 * group and completes no later than the matching {@link CopyAsyncWaitGroup}/{@link CopyAsyncWaitAll}.
 */
public record CopyAsync(TensorVar dst, TensorVar src, List<Expr> offsets) implements Instruction {
    public CopyAsync { offsets = List.copyOf(offsets); }
    public String opName() { return "copy_async"; }
    public List<TensorVar> inputs() { return List.of(dst, src); }
    public List<Expr> exprs() { return offsets; }
}
