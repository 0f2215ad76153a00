package org.tilevm.spec.interp;

import java.util.ArrayList;
import java.util.List;

/**
 * An error raised while a block runs. Statements add their part of the path as the error
 * propagates outwards ({@code body[3].for kb.body[2] load_global}), and loops add the values of
 * their variables; {@link Interpreter} turns it into a {@link org.tilevm.spec.backend.LaunchException}.
 */
final class InterpError extends RuntimeException {
    private final StringBuilder path = new StringBuilder();
    private final List<String> bindings = new ArrayList<>();

    InterpError(String message) { super(message); }

    InterpError(String message, Throwable cause) { super(message, cause); }

    /** Prepends {@code part} to the path (called from the innermost statement outwards). */
    InterpError at(String part) {
        path.insert(0, part);
        return this;
    }

    /** Records the value of an enclosing loop variable, e.g. {@code kb = 2}. */
    InterpError binding(String text) {
        bindings.add(0, text);
        return this;
    }

    String path() { return path.toString(); }

    List<String> bindings() { return bindings; }

    /** The full message: {@code path: cause (block (x, y, z), kb = 2)}. */
    String describe(String blockText) {
        StringBuilder sb = new StringBuilder();
        if (!path.isEmpty()) sb.append(path).append(": ");
        sb.append(getMessage()).append(" (").append(blockText);
        for (String b : bindings) sb.append(", ").append(b);
        return sb.append(')').toString();
    }
}
