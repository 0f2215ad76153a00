package org.tilevm.layout;

/**
 * Thrown for every invalid use of the layout algebra: malformed layouts, out-of-range indices, operands that
 * cannot be composed or divided, unparseable layout text, unbound symbolic variables. The message always names
 * the layout (or text) involved and the problem.
 */
public final class LayoutException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LayoutException(String message) {
        super(message);
    }

    public LayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
