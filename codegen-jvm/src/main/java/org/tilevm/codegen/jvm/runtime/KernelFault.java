package org.tilevm.codegen.jvm.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A run-time error of a compiled block, in the reference interpreter's terms (SPEC S8): the cause,
 * the statement path ({@code body[3].for kb.body[2] load_global}) and the values of the enclosing
 * loop variables. Runtime helpers throw it with the cause only; the generated code's exception
 * handler adds the path and the loop values of the statement that was running
 * ({@link Faults#locate}).
 */
public final class KernelFault extends RuntimeException {
    private String path = "";
    private final List<String> bindings = new ArrayList<>();

    public KernelFault(String cause) { super(cause); }

    public KernelFault(String cause, Throwable inner) { super(cause, inner); }

    /** The statement path, empty until located. */
    public String path() { return path; }

    /** The enclosing loops' values, outermost first, e.g. {@code kb = 2} or {@code iteration 3}. */
    public List<String> bindings() { return List.copyOf(bindings); }

    KernelFault located(String path, List<String> bindings) {
        this.path = path;
        this.bindings.clear();
        this.bindings.addAll(bindings);
        return this;
    }

    /** The interpreter's form: {@code path: cause (block (x, y, z), kb = 2)}. */
    public String describe(String blockText) {
        StringBuilder sb = new StringBuilder();
        if (!path.isEmpty()) sb.append(path).append(": ");
        sb.append(getMessage()).append(" (").append(blockText);
        for (String b : bindings) sb.append(", ").append(b);
        return sb.append(')').toString();
    }
}
