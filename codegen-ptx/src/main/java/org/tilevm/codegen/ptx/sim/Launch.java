package org.tilevm.codegen.ptx.sim;

import java.io.PrintStream;

/**
 * What every block of one simulated launch shares: the compiled program, global and shared
 * memory (blocks run one after another, so one shared memory serves them all in turn), the
 * scalar parameter values and the printf stream.
 *
 * @param params the value of each parameter reference of the compiled program ({@link Compiled#paramRefs})
 */
record Launch(String kernel, int numThreads, Compiled program, GlobalMemory global, SharedMemory shared, long[] params,
              PrintStream out) {}
