package org.tilevm.cli;

/**
 * A result the command computed failed its check (e.g. the demo's error is over the tolerance):
 * not bad input but a defect, so {@link Main} exits with {@link Main#EXIT_INTERNAL}.
 */
final class CheckFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckFailed(String message) {
        super(message);
    }
}
