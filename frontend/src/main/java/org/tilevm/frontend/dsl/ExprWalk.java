package org.tilevm.frontend.dsl;

import java.util.function.Consumer;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;

/** Visits every node of a scalar expression, parents before children. */
final class ExprWalk {
    private ExprWalk() {}

    static void visit(Expr e, Consumer<Expr> f) {
        f.accept(e);
        switch (e) {
            case Expr.Binary b -> { visit(b.a(), f); visit(b.b(), f); }
            case Expr.Unary u -> visit(u.a(), f);
            case Expr.Select s -> { visit(s.cond(), f); visit(s.a(), f); visit(s.b(), f); }
            case Expr.Cast c -> visit(c.a(), f);
            case Expr.IntConst c -> { }
            case Expr.FloatConst c -> { }
            case Expr.BlockIdx b -> { }
            case Var v -> { }
        }
    }
}
