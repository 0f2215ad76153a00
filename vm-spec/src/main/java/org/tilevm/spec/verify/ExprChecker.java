package org.tilevm.spec.verify;

import java.util.function.Consumer;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;
import org.tilevm.spec.print.ProgramPrinter;

/**
 * Type-checks a scalar expression against a scope: names refer to visible scalars of the same
 * dtype, operators get operand types they accept, conditions are {@code u1}, integer literals fit
 * their type, {@code blockIdx} is allowed only where the context permits and only for existing grid
 * axes. Reports every problem found (each once, innermost first).
 */
final class ExprChecker {
    private final Scope scope;
    private final int gridRank;           // number of grid axes; blockIdx.axis must be below it
    private final boolean allowBlockIdx;  // false inside the grid expressions
    private final Consumer<String> problems;

    private ExprChecker(Scope scope, int gridRank, boolean allowBlockIdx, Consumer<String> problems) {
        this.scope = scope;
        this.gridRank = gridRank;
        this.allowBlockIdx = allowBlockIdx;
        this.problems = problems;
    }

    /** Checks {@code e}; each problem is reported as {@code in `e`: reason}. Returns true if none. */
    static boolean check(Expr e, Scope scope, int gridRank, boolean allowBlockIdx, Consumer<String> report) {
        if (e == null) {
            report.accept("missing expression (null)");
            return false;
        }
        int[] count = {0};
        String text = safePrint(e);
        new ExprChecker(scope, gridRank, allowBlockIdx, reason -> {
            count[0]++;
            report.accept("in `" + text + "`: " + reason);
        }).visit(e);
        return count[0] == 0;
    }

    private void visit(Expr e) {
        if (e == null) {
            problems.accept("missing operand (null)");
            return;
        }
        if (hasNullChild(e)) {
            children(e).forEach(this::visit);
            return;
        }
        switch (e) {
            case Expr.IntConst c -> {
                if (c.type() instanceof IntType t && !t.fits(c.value())) {
                    problems.accept("literal " + c.value() + " does not fit in " + t.name()
                            + " [" + t.minLong() + ", " + t.maxLong() + "]");
                }
            }
            case Expr.FloatConst c -> { }
            case Var v -> var(v);
            case Expr.BlockIdx b -> {
                if (!allowBlockIdx) {
                    problems.accept("blockIdx is not allowed here (grid expressions use only scalar parameters and constants)");
                } else if (b.axis() >= gridRank) {
                    problems.accept("blockIdx." + "xyz".charAt(b.axis()) + " used but the grid has only "
                            + gridRank + (gridRank == 1 ? " axis" : " axes"));
                }
            }
            case Expr.Binary b -> {
                visit(b.a());
                visit(b.b());
                if (!b.a().type().equals(b.b().type())) {
                    problems.accept("operands of " + b.op().symbol() + " have different types "
                            + b.a().type().name() + " and " + b.b().type().name());
                } else {
                    String p = OpTypes.binary(b.op(), b.a().type());
                    if (p != null) problems.accept(p);
                }
            }
            case Expr.Unary u -> {
                visit(u.a());
                String p = OpTypes.unary(u.op(), u.a().type());
                if (p != null) problems.accept(p);
            }
            case Expr.Select s -> {
                visit(s.cond());
                visit(s.a());
                visit(s.b());
                if (!s.cond().type().equals(DTypes.BOOL)) {
                    problems.accept("select condition must be u1 (bool), not " + s.cond().type().name());
                }
                if (!s.a().type().equals(s.b().type())) {
                    problems.accept("select branches have different types " + s.a().type().name()
                            + " and " + s.b().type().name());
                }
            }
            case Expr.Cast c -> visit(c.a());
        }
    }

    private static java.util.List<Expr> children(Expr e) {
        return switch (e) {
            case Expr.Binary b -> java.util.Arrays.asList(b.a(), b.b());
            case Expr.Unary u -> java.util.Arrays.asList(u.a());
            case Expr.Select s -> java.util.Arrays.asList(s.cond(), s.a(), s.b());
            case Expr.Cast c -> java.util.Arrays.asList(c.a());
            default -> java.util.Collections.emptyList();
        };
    }

    private static boolean hasNullChild(Expr e) {
        return children(e).contains(null);
    }

    private void var(Var v) {
        Scope.ScalarBinding b = scope.scalar(v.name());
        if (b == null) {
            problems.accept("scalar '" + v.name() + "' is not defined in this scope");
        } else if (b.kind() == Scope.ScalarKind.POINTER) {
            problems.accept("'" + v.name() + "' is a pointer parameter and cannot be used as a scalar"
                    + " (use global_view to access its memory)");
        } else if (!b.type().equals(v.type())) {
            problems.accept("scalar '" + v.name() + "' is used as " + v.type().name() + " but the "
                    + b.kind().description + " has type " + b.type().name());
        }
    }

    static String safePrint(Expr e) {
        try {
            return ProgramPrinter.print(e);
        } catch (RuntimeException ex) {
            return String.valueOf(e);
        }
    }
}
