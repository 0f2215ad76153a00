package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.Rounding;
import org.tilevm.codegen.ptx.tir.TExpr.UOp;
import org.tilevm.layout.Sym;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;

/**
 * Block-level scalar expressions as thread-level ones, with the block-level meaning kept exactly
 * (SPEC Part S): integers narrower than 32 bits are computed in I32 and wrapped back to their
 * width after every operation; floats other than f32 are computed in F32 and rounded to their
 * type after every operation (for +, -, *, / and sqrt one F32 rounding followed by one rounding to
 * a type of at most 16 significand bits equals the single rounding of the exact result, because
 * 24 >= 2p + 2); casts use the dtype conversion rules ({@link TExpr.CastCode}).
 */
final class ScalarLowering {
    private ScalarLowering() {}

    static ScalarType typeOf(DType t) { return TExpr.scalarTypeOf(t); }

    static TExpr lower(Expr e) {
        return switch (e) {
            case Expr.IntConst c -> c.type().bits() == 1 && !c.type().isSigned()
                    ? (c.value() != 0 ? T.TRUE : T.FALSE)
                    : new TExpr.Const(((IntType) c.type()).wrap(c.value()), typeOf(c.type()));
            case Expr.FloatConst c -> TExpr.f32(roundedConstant(c.value(), (FloatType) c.type()));
            case Var v -> new TExpr.Var(v.name(), typeOf(v.type()));
            case Expr.BlockIdx b -> new TExpr.BlockIdx(b.axis());
            case Expr.Binary b -> binary(b.op(), b.a().type(), lower(b.a()), lower(b.b()));
            case Expr.Unary u -> unary(u, lower(u.a()));
            case Expr.Select s -> new TExpr.Select(asPred(lower(s.cond())), lower(s.a()), lower(s.b()));
            case Expr.Cast c -> cast(c.a().type(), c.type(), lower(c.a()));
        };
    }

    /** A constant of a float dtype, rounded to it, as its exact F32 value. */
    static float roundedConstant(double value, FloatType t) {
        return (float) t.decode(t.encode(value));
    }

    /** A symbolic size or stride over scalar parameters, as I64. */
    static TExpr lower(Sym s, java.util.function.Function<String, ScalarType> paramType) {
        TExpr sum = T.i64(0);
        for (Sym.Term term : s.terms()) {
            TExpr t = T.i64(term.coefficient());
            for (String v : term.vars()) t = T.mul(t, T.to(ScalarType.I64, new TExpr.Var(v, paramType.apply(v))));
            sum = T.add(sum, t);
        }
        return sum;
    }

    static TExpr asPred(TExpr e) {
        return e.type() == ScalarType.PRED ? e : new TExpr.Bin(BOp.NE, e, new TExpr.Const(0, e.type()));
    }

    /** The value {@code v} (of dtype {@code t}'s scalar type) brought back into {@code t}'s range / precision. */
    static TExpr fit(DType t, TExpr v) {
        if (t.isFloat()) {
            return t.bits() == 32 ? v : new TExpr.Decode(t, new TExpr.Encode(t, v, Rounding.ARITH));
        }
        if (t.bits() == 32 || t.bits() == 64) return v;
        if (t.bits() == 1 && !t.isSigned()) return v; // PRED
        return new TExpr.Decode(t, new TExpr.Encode(t, v, Rounding.ARITH));
    }

    static TExpr binary(BinaryOp op, DType t, TExpr a, TExpr b) {
        TExpr r = binaryRaw(op, t, a, b);
        return op.isComparison() || op == BinaryOp.MIN || op == BinaryOp.MAX || a.type() == ScalarType.PRED ? r : fit(t, r);
    }

    /**
     * {@code a op b} on values of dtype {@code t} before bringing the result back into {@code t}
     * (comparisons give PRED; u1 operands are handled completely).
     */
    static TExpr binaryRaw(BinaryOp op, DType t, TExpr a, TExpr b) {
        if (op == BinaryOp.AND || op == BinaryOp.OR) {
            return new TExpr.Bin(op == BinaryOp.AND ? BOp.LAND : BOp.LOR, asPred(a), asPred(b));
        }
        if (a.type() == ScalarType.PRED) {
            // u1 arithmetic: compute on 0/1 integers, wrap to one bit
            TExpr r = binary(op, new IntType(2, false), T.to(ScalarType.I32, a), T.to(ScalarType.I32, b));
            return op.isComparison() ? r : asPred(new TExpr.Bin(BOp.AND, r, T.i32(1)));
        }
        BOp bop = switch (op) {
            case ADD -> BOp.ADD;
            case SUB -> BOp.SUB;
            case MUL -> BOp.MUL;
            case DIV -> BOp.DIV;
            case MOD -> BOp.REM;
            case MIN -> BOp.MIN;
            case MAX -> BOp.MAX;
            case BIT_AND -> BOp.AND;
            case BIT_OR -> BOp.OR;
            case BIT_XOR -> BOp.XOR;
            case SHL -> BOp.SHL;
            case SHR -> BOp.SHR;
            case LT -> BOp.LT;
            case LE -> BOp.LE;
            case GT -> BOp.GT;
            case GE -> BOp.GE;
            case EQ -> BOp.EQ;
            case NE -> BOp.NE;
            case AND, OR -> throw new AssertionError();
        };
        if (op.isComparison()) return new TExpr.Bin(bop, a, b);
        if ((op == BinaryOp.SHL || op == BinaryOp.SHR) && t.bits() < 32) b = floorMod(b, t.bits());
        return new TExpr.Bin(bop, a, b);
    }

    private static TExpr floorMod(TExpr y, int n) {
        if (Integer.bitCount(n) == 1) return new TExpr.Bin(BOp.AND, y, new TExpr.Const(n - 1, y.type()));
        TExpr c = new TExpr.Const(n, y.type());
        return new TExpr.Bin(BOp.REM, new TExpr.Bin(BOp.ADD, new TExpr.Bin(BOp.REM, y, c), c), c);
    }

    private static TExpr unary(Expr.Unary u, TExpr a) { return unary(u.op(), u.a().type(), a); }

    static TExpr unary(org.tilevm.spec.ir.UnaryOp op, DType t, TExpr a) {
        return switch (op) {
            case NOT -> a.type() == ScalarType.PRED
                    ? new TExpr.Un(UOp.LNOT, a)
                    : new TExpr.Select(new TExpr.Bin(BOp.EQ, a, new TExpr.Const(0, a.type())),
                            new TExpr.Const(1, a.type()), new TExpr.Const(0, a.type()));
            case NEG -> fit(t, new TExpr.Un(UOp.NEG, a));
            case ABS -> fit(t, new TExpr.Un(UOp.ABS, a));
            case BIT_NOT -> a.type() == ScalarType.PRED ? new TExpr.Un(UOp.LNOT, a) : fit(t, new TExpr.Un(UOp.NOT, a));
            case EXP -> fit(t, new TExpr.Un(UOp.EXP, a));
            case LOG -> fit(t, new TExpr.Un(UOp.LOG, a));
            case SQRT -> fit(t, new TExpr.Un(UOp.SQRT, a));
            case RSQRT -> fit(t, new TExpr.Un(UOp.RSQRT, a));
        };
    }

    /** A value of dtype {@code from} cast to dtype {@code to} with the dtype conversion rules. */
    static TExpr cast(DType from, DType to, TExpr v) {
        if (from.equals(to)) return v;
        TExpr code = encode(from, v);
        TExpr out = new TExpr.Decode(to, new TExpr.CastCode(from, to, code));
        return typeOf(to) == ScalarType.PRED ? asPred(out) : out;
    }

    /** The code of a value that is already in {@code t}'s range (exact). */
    static TExpr encode(DType t, TExpr v) {
        if (v.type() == ScalarType.PRED) v = T.to(ScalarType.I32, v);
        return new TExpr.Encode(t, v, Rounding.CAST);
    }
}
