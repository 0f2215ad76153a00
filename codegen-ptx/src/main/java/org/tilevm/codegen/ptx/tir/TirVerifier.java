package org.tilevm.codegen.ptx.tir;

import java.util.List;
import java.util.Objects;

/**
 * Checks that a thread-level program is well formed before the simulator runs it or the CUDA
 * printer prints it: scopes and types of variables and register arrays, operand types of every
 * expression, bit and word ranges inside register arrays, memory operation parameters, the
 * {@code mma.sync} forms, and <em>block uniformity</em> (loop extents and branch conditions are the
 * same in every thread, so warp-collective operations and barriers see all lanes). The rules are
 * listed in {@code codegen-ptx/TIR.md}; per-statement rules are the table in {@link StmtRules},
 * per-expression rules the one in {@link ExprRules}. {@link #verify} never throws for a malformed
 * program.
 */
public final class TirVerifier {
    private TirVerifier() {}

    /** Every problem of the program, in program order; empty when it is well formed. */
    public static List<TirError> verify(ThreadProgram program) {
        Objects.requireNonNull(program, "program");
        return TirWalker.verify(program);
    }

    /**
     * Returns normally when the program is well formed.
     *
     * @throws TirVerificationException listing every error, one per line
     */
    public static void check(ThreadProgram program) {
        List<TirError> errors = verify(program);
        if (!errors.isEmpty()) throw new TirVerificationException(program.name(), errors);
    }
}
