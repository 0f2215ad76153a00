package org.tilevm.cli;

/**
 * Bad input on the command line: an unknown command or option, a missing or malformed value, a
 * file that is missing or has the wrong shape or dtype. {@link Main} prints the message as one
 * line {@code tilevm: <message>} and exits with {@link Main#EXIT_BAD_INPUT}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
