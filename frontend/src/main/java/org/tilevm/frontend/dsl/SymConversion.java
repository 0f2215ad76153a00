package org.tilevm.frontend.dsl;

import java.util.Set;
import org.tilevm.layout.Sym;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;

/**
 * Turns a scalar expression into the symbolic integer of a global layout: only integer
 * constants, integer scalar parameters, {@code +}, {@code -} and {@code *} are polynomials.
 */
final class SymConversion {
    private SymConversion() {}

    static Sym toSym(Expr e, Set<String> scalarParams, String what) {
        return switch (e) {
            case Expr.IntConst c -> Sym.constant(c.value());
            case Var v when scalarParams.contains(v.name()) && v.type().isInteger() -> Sym.var(v.name());
            case Expr.Binary b when b.op() == BinaryOp.ADD -> toSym(b.a(), scalarParams, what).plus(toSym(b.b(), scalarParams, what));
            case Expr.Binary b when b.op() == BinaryOp.MUL -> toSym(b.a(), scalarParams, what).times(toSym(b.b(), scalarParams, what));
            case Expr.Binary b when b.op() == BinaryOp.SUB ->
                    toSym(b.a(), scalarParams, what).plus(toSym(b.b(), scalarParams, what).times(Sym.constant(-1)));
            default -> throw new DslException(what + " must be a polynomial (+, -, * of integer constants and integer"
                    + " scalar parameters), but contains " + ExprText.of(e) + "; pass such a size as a parameter");
        };
    }
}
