package org.tilevm.codegen.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tilevm.codegen.jvm.runtime.KernelFault;
import org.tilevm.codegen.jvm.runtime.Launch;
import org.tilevm.spec.backend.LaunchException;

/**
 * Runs the blocks of a launch: in parallel on a fixed pool of daemon threads (as many as the
 * machine has processors, or {@code -Dtilevm.jvm.threads=N}), the calling thread working too.
 * Workers claim blocks in linear order (x fastest, then y, then z) from one counter, so the
 * earliest unfinished block is always running: a block waiting on a semaphore for an earlier block
 * always makes progress (SPEC S6.9). After a failure no further block starts; the launch reports
 * the failure of the lowest block, once every running block has finished. Programs that print run
 * their blocks in order on the calling thread, so that the output is in block order; so do launches
 * whose memory only the calling thread may access (see {@link Segments}).
 */
final class BlockRunner {
    private BlockRunner() {}

    static final int THREADS = Math.max(1, Integer.getInteger("tilevm.jvm.threads",
            Runtime.getRuntime().availableProcessors()));

    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "tilevm-jvm-block");
        t.setDaemon(true);
        return t;
    });

    static void run(CompiledProgram cp, Launch launch, boolean parallel) {
        long total = (long) launch.gx * launch.gy * launch.gz;
        if (total == 0) return;
        if (total > Integer.MAX_VALUE) {
            throw new LaunchException(cp.name() + ": the grid has " + total + " blocks, more than the JVM backend runs ("
                    + Integer.MAX_VALUE + ")");
        }
        int n = (int) total;
        int workers = cp.hasPrint() || !parallel ? 1 : (int) Math.min(n, THREADS);
        State st = new State(cp, launch, n);
        if (workers == 1) {
            st.work();
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 1; i < workers; i++) futures.add(POOL.submit(st::work));
            st.work();
            for (Future<?> f : futures) {
                boolean interrupted = false;
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (java.util.concurrent.ExecutionException e) {
                        st.fail(Integer.MAX_VALUE, e.getCause());
                        break;
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
        st.rethrow();
    }

    /** One launch's shared progress: the next block to claim and the lowest failure. */
    private static final class State {
        final CompiledProgram cp;
        final Launch launch;
        final int total;
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        private int failedBlock = Integer.MAX_VALUE;
        private Throwable failure;

        State(CompiledProgram cp, Launch launch, int total) {
            this.cp = cp;
            this.launch = launch;
            this.total = total;
        }

        void work() {
            CompiledKernel k = cp.kernel();
            int gx = launch.gx, gxy = launch.gx * launch.gy;
            while (!stop.get()) {
                int b = next.getAndIncrement();
                if (b >= total) return;
                try {
                    k.runBlock(b % gx, (b / gx) % launch.gy, b / gxy, launch);
                } catch (Throwable t) {
                    fail(b, t);
                } finally {
                    if (cp.hasSemaphores()) launch.progress.finished(b);
                }
            }
        }

        synchronized void fail(int block, Throwable t) {
            stop.set(true);
            if (block < failedBlock || failure == null) {
                failedBlock = block;
                failure = t;
            }
        }

        synchronized void rethrow() {
            if (failure == null) return;
            int b = failedBlock;
            String blockText = b == Integer.MAX_VALUE ? "a block"
                    : "block (" + b % launch.gx + ", " + (b / launch.gx) % launch.gy + ", " + b / (launch.gx * launch.gy) + ")";
            if (failure instanceof KernelFault f) {
                throw new LaunchException(cp.name() + ": " + f.describe(blockText), f);
            }
            if (failure instanceof Error e) throw e;
            throw new LaunchException(cp.name() + ": " + blockText + ": internal error of the JVM backend: " + failure,
                    failure);
        }
    }
}
