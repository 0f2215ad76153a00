package org.tilevm.codegen.ptx.tir;

import java.util.Map;

/**
 * The block-uniformity (taint) analysis of the verifier. An expression is <em>varying</em> (may
 * differ between the threads of a block) when it reads {@code threadIdx.x}, a register array (loaded,
 * shuffled or otherwise per-thread data), a {@link TStmt.Shfl} result, or a variable that is
 * varying; constants, {@code blockIdx}, scalar parameters and loop variables are uniform. A
 * variable is varying when its declared value or <em>any</em> value assigned to it anywhere is
 * varying (flow-insensitive, so the answer holds at every use, including uses in a loop before the
 * assignment); the verifier repeats its walk until that set stops growing. Since every branch and
 * loop is uniform, assignments under them never make a variable varying by themselves.
 */
final class Uniformity {
    private Uniformity() {}

    /**
     * Why {@code e} is varying, as a chain such as {@code 'row' <- 'lane' <- threadIdx.x}, or null
     * when it is uniform. {@code varying} maps declaration keys to the cause recorded for them.
     */
    static String cause(TExpr e, TirScope scope, Map<String, String> varying) {
        return switch (e) {
            case null -> null;
            case TExpr.ThreadIdx t -> "threadIdx.x";
            case TExpr.GetBits g -> "register array '" + g.array() + "'";
            case TExpr.Var v -> {
                TirScope.Decl d = v.name() == null ? null : scope.lookup(v.name());
                if (d == null) yield null;
                if (d.kind() == TirScope.Kind.SHFL) yield "'" + v.name() + "' <- shfl.sync result";
                String c = varying.get(d.key());
                yield c == null ? null : "'" + v.name() + "' <- " + c;
            }
            default -> {
                for (ExprRules.Child child : ExprRules.children(e)) {
                    String c = cause(child.expr(), scope, varying);
                    if (c != null) yield c;
                }
                yield null;
            }
        };
    }
}
