package org.tilevm.codegen.ptx.tir;

import java.util.List;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * A lowered program: what each thread of a block executes, with explicit registers, shared-memory
 * addresses and hardware operations.
 *
 * @param name        kernel name
 * @param params      the launch parameters (those of the source program, in order)
 * @param grid        the grid, as block-level expressions over scalar parameters (1 to 3 axes)
 * @param numThreads  threads per block (a multiple of 32)
 * @param sharedBytes bytes of dynamic shared memory the block needs
 * @param body        the per-thread statements
 * @param source      the block-level program this was lowered from (for comments and errors)
 */
public record ThreadProgram(String name, List<Param> params, List<Expr> grid, int numThreads, int sharedBytes,
                            TStmt body, Program source) {
    public ThreadProgram {
        params = List.copyOf(params);
        grid = List.copyOf(grid);
        if (numThreads < 32 || numThreads % 32 != 0) throw new IllegalArgumentException("numThreads " + numThreads);
        if (sharedBytes < 0) throw new IllegalArgumentException("sharedBytes " + sharedBytes);
    }

    public int numWarps() { return numThreads / 32; }
}
