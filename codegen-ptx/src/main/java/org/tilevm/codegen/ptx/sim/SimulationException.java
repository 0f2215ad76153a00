package org.tilevm.codegen.ptx.sim;

/**
 * A thread-level program cannot be simulated: a bad launch argument, a malformed program (an
 * undeclared variable, a type mismatch), or a run-time error the hardware would not report but
 * that makes the result undefined (a shared-memory race, an out-of-bounds or misaligned access,
 * a non-uniform branch, a wait that can never succeed). The message names the kernel, the
 * statement (its path and a short rendering) and, for run-time errors, the block and thread.
 */
public final class SimulationException extends RuntimeException {
    public SimulationException(String message) { super(message); }

    public SimulationException(String message, Throwable cause) { super(message, cause); }
}
