package org.tilevm.codegen.ptx.tir;

import java.util.List;

/**
 * Thrown by {@link TirVerifier#check} for a thread-level program that is not well formed (a bug
 * in the lowering or in a hand-written program); the message lists every error, one per line.
 */
public final class TirVerificationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<TirError> errors;

    public TirVerificationException(String programName, List<TirError> errors) {
        super(format(programName, errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors, in program order. */
    public List<TirError> errors() { return errors; }

    private static String format(String programName, List<TirError> errors) {
        StringBuilder sb = new StringBuilder("thread-level program '").append(programName)
                .append("' is not well formed (").append(errors.size())
                .append(errors.size() == 1 ? " error):" : " errors):");
        for (TirError e : errors) sb.append("\n  ").append(e.message());
        return sb.toString();
    }
}
