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
}
