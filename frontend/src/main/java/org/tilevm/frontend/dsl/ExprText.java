package org.tilevm.frontend.dsl;

import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;

/** Renders a scalar expression as text for error messages and {@code toString}. */
final class ExprText {
    private ExprText() {}

    static String of(Expr e) {
        return switch (e) {
            case Expr.IntConst c -> c.type().name().equals("i32") ? Long.toString(c.value())
                    : c.value() + ":" + c.type().name();
            case Expr.FloatConst c -> c.value() + ":" + c.type().name();
            case Var v -> v.name();
            case Expr.BlockIdx b -> "blockIdx." + "xyz".charAt(b.axis());
            case Expr.Binary b -> b.op().isFunction()
                    ? b.op().symbol() + "(" + of(b.a()) + ", " + of(b.b()) + ")"
                    : "(" + of(b.a()) + " " + b.op().symbol() + " " + of(b.b()) + ")";
            case Expr.Unary u -> u.op().symbol().length() == 1 ? u.op().symbol() + of(u.a())
                    : u.op().symbol() + "(" + of(u.a()) + ")";
            case Expr.Select s -> "(" + of(s.cond()) + " ? " + of(s.a()) + " : " + of(s.b()) + ")";
            case Expr.Cast c -> c.type().name() + "(" + of(c.a()) + ")";
        };
    }
}
