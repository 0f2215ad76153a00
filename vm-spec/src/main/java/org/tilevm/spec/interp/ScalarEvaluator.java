package org.tilevm.spec.interp;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;

/**
 * Evaluates scalar expressions in a scope. Integer expressions give their value (in the type's
 * range, as a long); float expressions give their value rounded to their type (as a double).
 * {@code ?:}, {@code &&} and {@code ||} evaluate only the operands they need.
 */
final class ScalarEvaluator {
    private final int[] blockIdx;
    Scope scope;

    ScalarEvaluator(Scope scope, int[] blockIdx) {
        this.scope = scope;
        this.blockIdx = blockIdx;
    }

    /** The value of an integer expression. */
    long evalInt(Expr e) {
        if (!(e.type() instanceof IntType t)) {
            throw new InterpError("expected an integer expression, got one of type " + e.type().name());
        }
        return switch (e) {
            case Expr.IntConst c -> t.wrap(c.value());
            case Var v -> variable(v).bits;
            case Expr.BlockIdx b -> blockIdx[b.axis()];
            case Expr.Binary b -> b.op().isComparison() ? (compare(b) ? 1 : 0) : intBinary(b, t);
            case Expr.Unary u -> Arith.intUnary(u.op(), t, evalInt(u.a()));
            case Expr.Select s -> evalCond(s.cond()) ? evalInt(s.a()) : evalInt(sameType(s.b(), s.a().type(), "?:"));
            case Expr.Cast c -> t.decodeLong(DType.convert(c.a().type(), evalCode(c.a()), t));
            case Expr.FloatConst f -> throw new IllegalStateException("unreachable");
        };
    }

    /** The value of a float expression, rounded to its type. */
    double evalFloat(Expr e) {
        if (!(e.type() instanceof FloatType t)) {
            throw new InterpError("expected a float expression, got one of type " + e.type().name());
        }
        FloatRounder r = FloatRounder.of(t);
        return switch (e) {
            case Expr.FloatConst c -> t.decode(t.encode(c.value()));
            case Var v -> Double.longBitsToDouble(variable(v).bits);
            case Expr.Binary b -> {
                double x = evalFloat(b.a());
                double y = evalFloat(sameType(b.b(), t, b.op().symbol()));
                yield r.round(Arith.floatBinary(b.op(), x, y));
            }
            case Expr.Unary u -> r.round(Arith.floatUnary(u.op(), evalFloat(u.a())));
            case Expr.Select s -> evalCond(s.cond()) ? evalFloat(s.a()) : evalFloat(sameType(s.b(), t, "?:"));
            case Expr.Cast c -> t.decode(DType.convert(c.a().type(), evalCode(c.a()), t));
            case Expr.IntConst c -> throw new IllegalStateException("unreachable");
            case Expr.BlockIdx b -> throw new IllegalStateException("unreachable");
        };
    }

    /** The raw code of the expression's value in its type. */
    long evalCode(Expr e) {
        return switch (e.type()) {
            case IntType t -> t.encodeLong(evalInt(e));
            case FloatType t -> FloatRounder.of(t).code(evalFloat(e));
        };
    }

    /** The value stored in a scalar variable of type {@code t}: integer value, or double bits. */
    long evalBits(Expr e) {
        return e.type().isFloat() ? Double.doubleToRawLongBits(evalFloat(e)) : evalInt(e);
    }

    /** A condition: true when the value is nonzero. */
    boolean evalCond(Expr e) {
        return e.type().isFloat() ? evalFloat(e) != 0 : evalInt(e) != 0;
    }

    private long intBinary(Expr.Binary b, IntType t) {
        long x = evalInt(b.a());
        Expr rhs = b.op() == BinaryOp.SHL || b.op() == BinaryOp.SHR ? b.b() : sameType(b.b(), t, b.op().symbol());
        return Arith.intBinary(b.op(), t, x, evalInt(rhs));
    }

    private boolean compare(Expr.Binary b) {
        BinaryOp op = b.op();
        if (op == BinaryOp.AND) return evalCond(b.a()) && evalCond(b.b());
        if (op == BinaryOp.OR) return evalCond(b.a()) || evalCond(b.b());
        DType t = b.a().type();
        sameType(b.b(), t, op.symbol());
        return t.isFloat()
                ? Arith.floatCompare(op, evalFloat(b.a()), evalFloat(b.b()))
                : Arith.intCompare(op, evalInt(b.a()), evalInt(b.b()));
    }

    private static Expr sameType(Expr e, DType expected, String op) {
        if (!e.type().equals(expected)) {
            throw new InterpError("operands of '" + op + "' have different types " + expected.name() + " and "
                    + e.type().name());
        }
        return e;
    }

    private Scope.Cell variable(Var v) {
        Scope.Cell c = scope.findScalar(v.name());
        if (c == null) throw new InterpError("scalar variable " + v.name() + " is not defined");
        if (!c.type.equals(v.type())) {
            throw new InterpError("scalar variable " + v.name() + " has type " + c.type.name() + ", used as "
                    + v.type().name());
        }
        return c;
    }
}
