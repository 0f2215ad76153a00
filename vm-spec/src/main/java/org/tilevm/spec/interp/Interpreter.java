package org.tilevm.spec.interp;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.verify.VerificationException;
import org.tilevm.spec.verify.Verifier;

/**
 * The reference interpreter, the executable definition of TileVM's semantics
 * ({@code vm-spec/SPEC.md (Part S)}). Backend name {@code interp}, priority 0 (every real backend
 * is preferred). A launch verifies the program, checks the arguments, evaluates the grid, then
 * runs the blocks one at a time in order of their linear index (x fastest, then y, then z), each
 * to completion. Global memory is the argument segments themselves; workspaces of
 * {@code allocate_global} live for the launch. Thread-safe: a launch keeps its state to itself.
 */
public final class Interpreter implements Backend {
    private volatile PrintStream out;
    private final boolean verify;

    /** An interpreter that prints to {@code System.out}. */
    public Interpreter() { this(System.out); }

    /** An interpreter whose {@code print} instructions write to {@code out}. */
    public Interpreter(PrintStream out) { this(out, true); }

    /**
     * For tests of the interpreter's own run-time checks: {@code verify = false} skips the
     * verifier, so that programs it would reject reach the checks made while running.
     */
    Interpreter(PrintStream out, boolean verify) {
        this.out = Objects.requireNonNull(out, "out");
        this.verify = verify;
    }

    /** Where {@code print} instructions write. */
    public PrintStream output() { return out; }

    /** Sets where {@code print} instructions write. */
    public void setOutput(PrintStream out) { this.out = Objects.requireNonNull(out, "out"); }

    @Override
    public String name() { return "interp"; }

    @Override
    public int priority() { return 0; }

    /**
     * Runs {@code program} over its grid.
     *
     * @param args pointer parameters: a {@link java.lang.foreign.MemorySegment} of packed elements
     *             (read and written in place); scalar parameters: an {@code Integer}/{@code Long}
     *             (integer types; must fit) or any {@code Number} (float types; rounded to the type)
     * @throws LaunchException when the program is not well formed, an argument is missing, unknown
     *                         or of the wrong kind, or the run fails; the message names the
     *                         parameter, or the block, statement path and instruction
     */
    @Override
    public void launch(Program program, Map<String, Object> args) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(args, "args");
        if (verify) {
            try {
                Verifier.check(program);
            } catch (VerificationException e) {
                throw new LaunchException(e.getMessage(), e);
            }
        }
        LaunchArgs bound = LaunchArgs.bind(program, args);
        int[] grid = grid(program, bound);
        try (Arena arena = Arena.ofConfined()) {
            LaunchState state = new LaunchState(program, bound, arena, out);
            for (int z = 0; z < grid[2]; z++) {
                for (int y = 0; y < grid[1]; y++) {
                    for (int x = 0; x < grid[0]; x++) {
                        runBlock(state, new int[] {x, y, z});
                    }
                }
            }
        }
    }

    private static void runBlock(LaunchState state, int[] blockIdx) {
        BlockState block = new BlockState(state, blockIdx);
        try {
            new StatementRunner(block).runBody(state.program.body());
        } catch (InterpError e) {
            throw new LaunchException(state.program.name() + ": " + e.describe(block.blockText()), e);
        } catch (RuntimeException e) {
            throw new LaunchException(state.program.name() + ": " + block.blockText() + ": internal error of the "
                    + "reference interpreter: " + e, e);
        }
    }

    /** The grid: 1 to 3 integer expressions over the scalar parameters; missing axes are 1. */
    private static int[] grid(Program program, LaunchArgs args) {
        List<Expr> g = program.grid();
        if (g.isEmpty() || g.size() > 3) {
            throw new LaunchException(program.name() + ": the grid has " + g.size() + " dimensions, expected 1 to 3");
        }
        int[] out = {1, 1, 1};
        ScalarEvaluator eval = new ScalarEvaluator(args.rootScope(), new int[3]);
        for (int d = 0; d < g.size(); d++) {
            long v;
            try {
                v = eval.evalInt(g.get(d));
            } catch (InterpError e) {
                throw new LaunchException(program.name() + ": grid[" + d + "]: " + e.getMessage(), e);
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new LaunchException(program.name() + ": grid[" + d + "] evaluates to " + v
                        + ", expected 0 to " + Integer.MAX_VALUE);
            }
            out[d] = (int) v;
        }
        return out;
    }
}
