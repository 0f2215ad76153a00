package org.tilevm.spec.verify;

import java.util.List;
import java.util.Objects;
import org.tilevm.spec.ir.Program;

/**
 * Checks that a program is well formed (the rules of {@code vm-spec/SPEC.md (Part P)}): names and
 * scopes, scalar expression types, control flow, and every instruction's operand kinds, dtypes,
 * shapes and layouts. Never throws for a malformed program from {@link #verify}; layout-algebra
 * failures become errors at the instruction that caused them.
 */
public final class Verifier {
    private Verifier() {}

    /** Every problem of the program, in program order; empty when it is well formed. */
    public static List<VerifyError> verify(Program program) {
        Objects.requireNonNull(program, "program");
        return new Walker(program).run();
    }

    /**
     * Returns normally when the program is well formed.
     *
     * @throws VerificationException listing every error, one per line
     */
    public static void check(Program program) {
        List<VerifyError> errors = verify(program);
        if (!errors.isEmpty()) throw new VerificationException(program.name(), errors);
    }
}
