package org.tilevm.cli;

/** A {@code .npy} file that cannot be read: bad magic, malformed header, unsupported dtype or order, wrong size. */
public final class NpyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }
}
