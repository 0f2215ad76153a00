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
 * @param workspaces  global workspaces ({@code allocate_global}): pointer parameters appended to
 *                    {@code params} that the launcher allocates, zero-filled, for each launch
 */
public record ThreadProgram(String name, List<Param> params, List<Expr> grid, int numThreads, int sharedBytes,
                            TStmt body, Program source, List<Workspace> workspaces) {

    /**
     * A global workspace: pointer parameter {@code param} of {@code dtype} elements laid out by
     * {@code layout} (shape and strides over the integer parameters), zero-filled at launch.
     */
    public record Workspace(String param, org.tilevm.spec.dtype.DType dtype, org.tilevm.layout.GlobalLayout layout) {
        /** Bytes to allocate for integer parameters {@code env}: as SPEC S6.1 sizes {@code allocate_global}. */
        public long bytes(java.util.Map<String, Long> env) {
            long[] shape = layout.evalShape(env), strides = layout.evalStrides(env);
            long span = 1;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == 0) return 0;
                span += (shape[d] - 1) * strides[d];
            }
            return org.tilevm.spec.dtype.BitPacking.bytesFor(span, dtype.bits());
        }
    }

    /** A program without workspaces. */
    public ThreadProgram(String name, List<Param> params, List<Expr> grid, int numThreads, int sharedBytes, TStmt body,
                         Program source) {
        this(name, params, grid, numThreads, sharedBytes, body, source, List.of());
    }

    public ThreadProgram {
        params = List.copyOf(params);
        grid = List.copyOf(grid);
        workspaces = List.copyOf(workspaces);
        if (numThreads < 32 || numThreads % 32 != 0) throw new IllegalArgumentException("numThreads " + numThreads);
        if (sharedBytes < 0) throw new IllegalArgumentException("sharedBytes " + sharedBytes);
    }

    public int numWarps() { return numThreads / 32; }

    /** The integer scalar arguments among {@code args}, by name (what workspace sizes are evaluated with). */
    public java.util.Map<String, Long> integerArguments(java.util.Map<String, ?> args) {
        java.util.Map<String, Long> env = new java.util.HashMap<>();
        for (Param p : params) {
            if (!p.pointer() && !p.dtype().isFloat() && args.get(p.name()) instanceof Number n) env.put(p.name(), n.longValue());
        }
        return env;
    }
}
