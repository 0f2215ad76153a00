package org.tilevm.codegen.ptx.sim;

/**
 * A run-time error inside one statement, before it is given its context: the statement that was
 * running catches it and turns it into a {@link SimulationException} naming the statement, the
 * block and (when {@link #thread} is not -1) the thread. Internal: it never leaves the simulator.
 */
final class Fault extends RuntimeException {
    /** The thread of the block that failed, or -1 when the error concerns no single thread. */
    final int thread;

    Fault(int thread, String message) {
        super(message, null, false, false);
        this.thread = thread;
    }
}
