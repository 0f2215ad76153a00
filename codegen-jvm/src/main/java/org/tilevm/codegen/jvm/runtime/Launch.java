package org.tilevm.codegen.jvm.runtime;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import org.tilevm.spec.dtype.BitPacking;

/**
 * What the blocks of one launch share: the scalar arguments, the global tensors (views evaluated
 * once at the start; workspaces created by the first block that reaches them), the print stream
 * and the blocks' progress (for semaphores). Passed to every {@code runBlock} call of the
 * generated kernel.
 */
public final class Launch implements AutoCloseable {
    /** Scalar arguments by parameter index: integer values, or the bits of float values (as doubles). */
    public final long[] scalars;
    public final PrintStream out;
    public final int gx, gy, gz;
    public final BlockProgress progress = new BlockProgress();
    private final GlobalSpec[] specs;
    private final Object[] globals; // GlobalTensor, or the message of the error its evaluation gave
    private final Map<String, Long> env;
    private final Arena arena = Arena.ofShared();
    /** Serializes stores of sub-byte elements (see {@link GlobalTensor}). */
    private final Object storeLock = new Object();

    public Launch(long[] scalars, MemorySegment[] pointers, Map<String, Long> env, GlobalSpec[] specs, int[] grid,
                  PrintStream out) {
        this.scalars = scalars;
        this.out = out;
        this.gx = grid[0];
        this.gy = grid[1];
        this.gz = grid[2];
        this.specs = specs;
        this.env = env;
        this.globals = new Object[specs.length];
        for (int i = 0; i < specs.length; i++) {
            GlobalSpec s = specs[i];
            if (!s.isWorkspace()) globals[i] = view(s, pointers[s.pointerParam()]);
        }
    }

    private Object view(GlobalSpec s, MemorySegment seg) {
        try {
            long[] shape = s.layout().evalShape(env);
            long[] strides = s.layout().evalStrides(env);
            for (long x : shape) {
                if (x < 0) return "global tensor " + s.name() + " has negative extent " + x;
            }
            return new GlobalTensor(s.name(), seg, shape, strides, s.bits(), s.dtypeName(),
                    "pointer parameter " + s.pointerName(), storeLock);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage(); // as the interpreter reports helper failures
        }
    }

    /** The global tensor of {@code global_view} number {@code i}. */
    public GlobalTensor view(int i) {
        Object g = globals[i];
        if (g instanceof GlobalTensor t) return t;
        throw new KernelFault((String) g);
    }

    /** The workspace of {@code allocate_global} number {@code i}: created zero-filled on first use, then shared. */
    public GlobalTensor workspace(int i) {
        Object g = globals[i];
        if (g instanceof GlobalTensor t) return t;
        synchronized (this) {
            if (globals[i] == null) globals[i] = createWorkspace(specs[i]);
            g = globals[i];
        }
        if (g instanceof GlobalTensor t) return t;
        throw new KernelFault((String) g);
    }

    private Object createWorkspace(GlobalSpec s) {
        try {
            long[] shape = s.layout().evalShape(env);
            long[] strides = s.layout().evalStrides(env);
            long span = 1;
            boolean empty = false;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] < 0) return "global workspace " + s.name() + " has negative extent " + shape[d];
                if (strides[d] < 0) return "global workspace " + s.name() + " has negative stride " + strides[d];
                if (shape[d] == 0) empty = true;
                else span = Math.addExact(span, Math.multiplyExact(shape[d] - 1, strides[d]));
            }
            long bytes = BitPacking.bytesFor(empty ? 0 : span, s.bits());
            MemorySegment seg = arena.allocate(Math.max(bytes, 1), 16).asSlice(0, bytes); // zero-filled
            return new GlobalTensor(s.name(), seg, shape, strides, s.bits(), s.dtypeName(), "global workspace " + s.name(), storeLock);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage(); // as the interpreter reports helper failures
        }
    }

    /** The linear index of a block: x fastest, then y, then z. */
    public int linear(int bx, int by, int bz) { return bx + gx * (by + gy * bz); }

    @Override
    public void close() { arena.close(); }
}
