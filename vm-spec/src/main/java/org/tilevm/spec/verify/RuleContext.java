package org.tilevm.spec.verify;

import java.util.List;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.TensorVar;

/** What an instruction rule sees: the program, the instruction's place and scope, and the error sink. */
final class RuleContext {
    private final Program program;
    private final Scope scope;
    private final Instruction instruction;
    private final String path;
    private final String text;
    private final List<VerifyError> errors;

    RuleContext(Program program, Scope scope, Instruction instruction, String path, String text,
                List<VerifyError> errors) {
        this.program = program;
        this.scope = scope;
        this.instruction = instruction;
        this.path = path;
        this.text = text;
        this.errors = errors;
    }

    Program program() { return program; }

    int numThreads() { return program.numThreads(); }

    String path() { return path; }

    /** The binding of a tensor operand in scope, or null. */
    Scope.TensorBinding binding(TensorVar t) { return t == null ? null : scope.tensor(t.name()); }

    /** Records an error at this instruction; returns false so checks can {@code return cx.fail(..)}. */
    boolean fail(String reason) {
        errors.add(new VerifyError(path, instruction.opName(), text, reason));
        return false;
    }
}
