package org.tilevm.codegen.ptx.sim;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import org.tilevm.codegen.ptx.tir.ThreadProgram;

/**
 * The SIMT simulator: runs a {@link ThreadProgram} over its whole grid on host memory, with the
 * exact semantics documented on the TIR records, and reports what a GPU would silently get wrong
 * (shared-memory races, reads of pending {@code cp.async} data, out-of-bounds and misaligned
 * accesses, non-uniform control flow, waits that can never succeed) as a
 * {@link SimulationException} naming the statement, block and thread. See
 * {@code codegen-ptx/SIMULATOR.md}.
 *
 * <p>Blocks run one after another in order of their linear index (x fastest), as in the
 * reference interpreter; within a block each statement runs for all threads in lockstep, thread 0
 * first (TIR control flow is block-uniform, and checked to be). Results are deterministic.
 * Thread-safe: a run keeps its state to itself.
 */
public final class Simulator {
    private final PrintStream out;

    /** A simulator whose {@code printf} writes to {@code System.out}. */
    public Simulator() { this(System.out); }

    /** A simulator whose {@code printf} writes to {@code out}. */
    public Simulator(PrintStream out) { this.out = Objects.requireNonNull(out, "out"); }

    /**
     * Runs {@code program} over its grid.
     *
     * @param args by parameter name: a {@link java.lang.foreign.MemorySegment} (host memory, read
     *             and written in place) per pointer parameter, a {@link Number} per scalar
     *             parameter (integers: {@code Integer}/{@code Long}/{@code Short}/{@code Byte}
     *             that fit the type; floats: any, rounded to the type)
     * @throws SimulationException for a bad argument, a malformed program or a run-time error;
     *                             global memory written before the error stays written
     */
    public void run(ThreadProgram program, Map<String, Object> args) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(args, "args");
        LaunchBinding bound = LaunchBinding.bind(program, args);
        Compiled compiled = Compiler.compile(program);
        SharedMemory shared = new SharedMemory(program.sharedBytes(), compiled.sites());
        Launch launch = new Launch(program.name(), program.numThreads(), compiled, new GlobalMemory(bound.pointers), shared,
                compiled.paramValues(bound), out);
        int[] g = bound.grid;
        for (int z = 0; z < g[2]; z++) {
            for (int y = 0; y < g[1]; y++) {
                for (int x = 0; x < g[0]; x++) {
                    shared.startBlock();
                    BlockState block = new BlockState(launch, new int[] {x, y, z});
                    compiled.body().run(block);
                }
            }
        }
    }
}
