package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.Bin;
import org.tilevm.codegen.ptx.tir.TExpr.Const;

/**
 * Builders of thread-level expressions that fold constants and drop neutral operands, so that
 * lowered programs (and the CUDA printed from them) read like hand-written index arithmetic.
 */
final class T {
    private T() {}

    static Const i32(long v) { return new Const(v, ScalarType.I32); }

    static Const i64(long v) { return new Const(v, ScalarType.I64); }

    static Const u32(long v) { return new Const(v, ScalarType.U32); }

    static final Const TRUE = new Const(1, ScalarType.PRED);
    static final Const FALSE = new Const(0, ScalarType.PRED);

    static boolean isConst(TExpr e, long v) { return e instanceof Const c && !c.type().isFloat() && c.bits() == v; }

    static Long constValue(TExpr e) {
        return e instanceof Const c && c.type().isInteger() ? c.bits() : null;
    }

    /** {@code e} converted to {@code t} (no-op when it already has that type; constants convert at once). */
    static TExpr to(ScalarType t, TExpr e) {
        if (e.type() == t) return e;
        if (e instanceof Const c && c.type().isInteger() && t.isInteger()) return new Const(c.bits(), t);
        return new TExpr.Convert(t, e);
    }

    static TExpr add(TExpr a, TExpr b) {
        Long x = constValue(a), y = constValue(b);
        if (x != null && y != null) return new Const(x + y, a.type());
        if (x != null && x == 0) return b;
        if (y != null && y == 0) return a;
        return new Bin(BOp.ADD, a, b);
    }

    static TExpr sub(TExpr a, TExpr b) {
        Long x = constValue(a), y = constValue(b);
        if (x != null && y != null) return new Const(x - y, a.type());
        if (y != null && y == 0) return a;
        return new Bin(BOp.SUB, a, b);
    }

    static TExpr mul(TExpr a, TExpr b) {
        Long x = constValue(a), y = constValue(b);
        if (x != null && y != null) return new Const(x * y, a.type());
        if ((x != null && x == 0) || (y != null && y == 0)) return new Const(0, a.type());
        if (x != null && x == 1) return b;
        if (y != null && y == 1) return a;
        return new Bin(BOp.MUL, a, b);
    }

    static TExpr div(TExpr a, TExpr b) {
        Long x = constValue(a), y = constValue(b);
        if (y != null && y == 1) return a;
        if (x != null && y != null && y != 0) return new Const(x / y, a.type());
        return new Bin(BOp.DIV, a, b);
    }

    static TExpr rem(TExpr a, TExpr b) {
        Long x = constValue(a), y = constValue(b);
        if (y != null && y == 1) return new Const(0, a.type());
        if (x != null && y != null && y != 0) return new Const(x % y, a.type());
        return new Bin(BOp.REM, a, b);
    }

    static TExpr bin(BOp op, TExpr a, TExpr b) { return new Bin(op, a, b); }

    static TExpr lt(TExpr a, TExpr b) { return cmp(BOp.LT, a, b); }

    static TExpr ge(TExpr a, TExpr b) { return cmp(BOp.GE, a, b); }

    static TExpr eq(TExpr a, TExpr b) { return cmp(BOp.EQ, a, b); }

    private static TExpr cmp(BOp op, TExpr a, TExpr b) {
        Long x = constValue(a), y = constValue(b);
        if (x != null && y != null) {
            boolean r = switch (op) {
                case LT -> x < y;
                case GE -> x >= y;
                case EQ -> x.longValue() == y.longValue();
                default -> throw new IllegalArgumentException(op.toString());
            };
            return r ? TRUE : FALSE;
        }
        return new Bin(op, a, b);
    }

    static TExpr and(TExpr a, TExpr b) {
        if (a == TRUE || isTrue(a)) return b;
        if (b == TRUE || isTrue(b)) return a;
        if (isFalse(a) || isFalse(b)) return FALSE;
        return new Bin(BOp.LAND, a, b);
    }

    static boolean isTrue(TExpr e) { return e instanceof Const c && c.type() == ScalarType.PRED && c.bits() == 1; }

    static boolean isFalse(TExpr e) { return e instanceof Const c && c.type() == ScalarType.PRED && c.bits() == 0; }

    /** {@code (v / divisor) % modulus}, folded. */
    static TExpr digit(TExpr v, int divisor, int modulus) {
        return rem(div(v, i32(divisor)), i32(modulus));
    }
}
