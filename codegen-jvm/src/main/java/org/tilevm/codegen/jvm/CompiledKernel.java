package org.tilevm.codegen.jvm;

import org.tilevm.codegen.jvm.runtime.Launch;

/**
 * What every generated kernel class implements: one block of the program, and the grid. Generated
 * classes are stateless (their constants are static finals), so one instance serves every block
 * of every launch, from any thread.
 */
public interface CompiledKernel {
    /**
     * Runs block {@code (bx, by, bz)} to completion.
     *
     * @throws org.tilevm.codegen.jvm.runtime.KernelFault with the statement path and loop values, on a run-time error
     */
    void runBlock(int bx, int by, int bz, Launch launch);

    /**
     * The number of blocks along grid axis {@code axis} (of the program's grid expressions; 1 beyond
     * them), given the scalar arguments by parameter index (integer values, or float values' bits).
     */
    long grid(int axis, long[] scalars);
}
