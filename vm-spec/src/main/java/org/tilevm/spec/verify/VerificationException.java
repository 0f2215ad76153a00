package org.tilevm.spec.verify;

import java.util.List;

/** Thrown by {@link Verifier#check} for a program that is not well formed; lists every error. */
public final class VerificationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<VerifyError> errors;

    public VerificationException(String programName, List<VerifyError> errors) {
        super(format(programName, errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors, in program order. */
    public List<VerifyError> errors() { return errors; }

    private static String format(String programName, List<VerifyError> errors) {
        StringBuilder sb = new StringBuilder("program '").append(programName).append("' is not well formed (")
                .append(errors.size()).append(errors.size() == 1 ? " error):" : " errors):");
        for (VerifyError e : errors) sb.append("\n  ").append(e.message());
        return sb.toString();
    }
}
