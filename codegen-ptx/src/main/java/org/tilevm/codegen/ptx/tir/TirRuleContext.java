package org.tilevm.codegen.ptx.tir;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a statement or expression rule sees: the program, the scope at the statement, the
 * statement's place and text, which operand expressions already failed (so rules do not report
 * them again), the uniformity facts, and the error sink.
 */
final class TirRuleContext {
    private final ThreadProgram program;
    private final TirScope scope;
    private final Map<String, String> varying;
    private final String path;
    private final String kind;
    private final String text;
    private final List<TirError> errors;
    private final Set<TExpr> bad = Collections.newSetFromMap(new IdentityHashMap<>());

    TirRuleContext(ThreadProgram program, TirScope scope, Map<String, String> varying, String path, String kind,
                   String text, List<TirError> errors) {
        this.program = program;
        this.scope = scope;
        this.varying = varying;
        this.path = path;
        this.kind = kind;
        this.text = text;
        this.errors = errors;
    }

    ThreadProgram program() { return program; }

    String path() { return path; }

    /** The visible declaration of {@code name}, or null. */
    TirScope.Decl lookup(String name) { return name == null ? null : scope.lookup(name); }

    /** True unless {@code e} is missing or was already reported as malformed. */
    boolean ok(TExpr e) { return e != null && !bad.contains(e); }

    void markBad(TExpr e) { bad.add(e); }

    /** Why {@code e} may differ between the threads of a block, or null when it is block-uniform. */
    String varyingCause(TExpr e) { return Uniformity.cause(e, scope, varying); }

    /** Records an error at this statement; returns false so checks can {@code return cx.fail(..)}. */
    boolean fail(String reason) {
        errors.add(new TirError(path, kind, text, reason));
        return false;
    }
}
