package org.tilevm.codegen.ptx.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one running block: per-thread variables ({@code long[numThreads]} per slot, in the
 * canonical form of {@link Scalars}), register arrays ({@code int[numThreads][words]} per slot),
 * the threads' {@code cp.async} groups, and the loops being run (for error messages).
 */
final class BlockState {
    /** A running {@code for} loop: its variable, shown in error messages. */
    record LoopFrame(String name, int slot) {}

    final Launch launch;
    final int[] blockIdx;
    final int numThreads;
    final long[][] vars;
    final int[][][] arrays;
    final AsyncCopies async;
    final List<LoopFrame> loops = new ArrayList<>();

    BlockState(Launch launch, int[] blockIdx) {
        this.launch = launch;
        this.blockIdx = blockIdx;
        this.numThreads = launch.numThreads();
        this.vars = new long[launch.program().varSlots()][];
        this.arrays = new int[launch.program().arraySlots()][][];
        this.async = new AsyncCopies(numThreads);
    }

    SharedMemory shared() { return launch.shared(); }

    GlobalMemory global() { return launch.global(); }

    /** The value of {@code e}, which must be the same in every thread; a Fault naming {@code what} otherwise. */
    long uniform(Ev e, String what) {
        long v0 = e.eval(this, 0);
        for (int t = 1; t < numThreads; t++) {
            long v = e.eval(this, t);
            if (v != v0) {
                throw new Fault(t, what + " is not uniform across the block: thread 0 has " + v0 + ", thread " + t + " has " + v
                        + " (control flow must be block-uniform)");
            }
        }
        return v0;
    }

    /** The error for a Fault raised by the statement at {@code site}. */
    SimulationException error(Site site, Fault f) {
        StringBuilder sb = new StringBuilder();
        sb.append(launch.kernel()).append(": ").append(site.path()).append(' ').append(site.text()).append(": ")
                .append(f.getMessage()).append(" (block (").append(blockIdx[0]).append(", ").append(blockIdx[1]).append(", ")
                .append(blockIdx[2]).append(')');
        if (f.thread >= 0) {
            sb.append(", thread ").append(f.thread).append(" (warp ").append(f.thread / 32).append(", lane ")
                    .append(f.thread % 32).append(')');
        }
        for (LoopFrame l : loops) {
            long[] v = vars[l.slot()];
            if (v != null) sb.append(", ").append(l.name()).append(" = ").append(v[0]);
        }
        return new SimulationException(sb.append(')').toString(), f);
    }
}
