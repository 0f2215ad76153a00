package org.tilevm.spec.backend;

import java.util.Map;
import org.tilevm.spec.ir.Program;

/**
 * A way to run programs: the reference interpreter, the JVM JIT, the CUDA JIT, the SIMT
 * simulator. Implementations are found with {@link java.util.ServiceLoader} (see {@link Backends}).
 *
 * <p>Launch arguments are keyed by parameter name: a pointer parameter takes a
 * {@link java.lang.foreign.MemorySegment} holding the packed elements (for the CPU backends a
 * host segment; for a GPU backend one of its device tensors), a scalar parameter takes a boxed
 * {@link Number} ({@code Integer}/{@code Long} for integer types, {@code Float}/{@code Double} for
 * floats).
 */
public interface Backend {

    /** Short name used on the command line, e.g. {@code interp}, {@code jvm}, {@code cuda}. */
    String name();

    /** What executes a block: a CPU runs it as loops over whole tiles, a GPU (or its simulator) as threads. */
    enum Processor { CPU, GPU }

    /**
     * The processor this backend runs blocks on (or models): libraries use it to pick a program
     * shaped for it, e.g. the stdlib quantized matmul's CPU or GPU tiling. Both kinds of program
     * run correctly on every backend; the choice is about speed.
     */
    default Processor processor() { return Processor.CPU; }

    /** Preference when several backends are available: higher wins. */
    default int priority() { return 0; }

    /** Whether this backend can run here (libraries present, device found...). */
    default boolean isAvailable() { return true; }

    /** Why {@link #isAvailable()} is false, in one line; empty when available. */
    default String unavailableReason() { return ""; }

    /**
     * Runs {@code program} over its whole grid. The program must pass the verifier.
     *
     * @throws LaunchException when an argument is missing, has the wrong kind or size, or the run fails
     */
    void launch(Program program, Map<String, Object> args);

    /**
     * Times {@code runs} launches of {@code program} after {@code warmup} untimed ones; launch i
     * uses argument set {@code i % argSets.size()}, so that rotating over several copies of the
     * inputs keeps caches from flattering the result. Returns the seconds of each timed launch.
     * The default measures wall-clock time around {@link #launch}; a GPU backend overrides it to
     * keep the inputs on the device and time with device events.
     */
    default double[] time(Program program, java.util.List<Map<String, Object>> argSets, int warmup, int runs) {
        if (argSets.isEmpty()) throw new IllegalArgumentException("time: no argument sets");
        for (int i = 0; i < warmup; i++) launch(program, argSets.get(i % argSets.size()));
        double[] out = new double[runs];
        for (int i = 0; i < runs; i++) {
            Map<String, Object> args = argSets.get((warmup + i) % argSets.size());
            long t0 = System.nanoTime();
            launch(program, args);
            out[i] = (System.nanoTime() - t0) * 1e-9;
        }
        return out;
    }

    /** The backend's peak memory bandwidth in bytes per second, when it knows it (a GPU's DRAM); else empty. */
    default java.util.OptionalDouble peakBandwidth() { return java.util.OptionalDouble.empty(); }
}
