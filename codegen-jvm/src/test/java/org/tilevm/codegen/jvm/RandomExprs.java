package org.tilevm.codegen.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.UnaryOp;
import org.tilevm.spec.ir.Var;

/**
 * Seeded random scalar expressions (well formed: operand types match, literals in range, integer
 * divisors made nonzero with {@code | 1}), over a fixed set of types with one variable each.
 */
final class RandomExprs {
    static final List<DType> TYPES = List.of(DTypes.I32, DTypes.I8, DTypes.U8, DTypes.U4, DTypes.I3, DTypes.U32,
            DTypes.I64, DTypes.U16, DTypes.BOOL, DTypes.F32, DTypes.F16, DTypes.BF16, DType.parse("f8e4m3"),
            DType.parse("f4e2m1"), DType.parse("f8e5m2"));

    private final Random rnd;
    private final Map<DType, Var> vars;

    RandomExprs(Random rnd, Map<DType, Var> vars) {
        this.rnd = rnd;
        this.vars = vars;
    }

    static String varName(DType t) { return "v_" + t.name(); }

    Expr gen(DType t, int depth) {
        if (depth <= 0 || rnd.nextInt(4) == 0) return leaf(t);
        if (t.equals(DTypes.BOOL) && rnd.nextInt(3) > 0) return comparison(depth);
        int c = rnd.nextInt(10);
        if (c < 5) return binary(t, depth);
        if (c < 7) return unary(t, depth);
        if (c < 9) return new Expr.Cast(t, gen(TYPES.get(rnd.nextInt(TYPES.size())), depth - 1));
        return new Expr.Select(gen(DTypes.BOOL, depth - 1), gen(t, depth - 1), gen(t, depth - 1));
    }

    private Expr comparison(int depth) {
        if (rnd.nextInt(4) == 0) {
            BinaryOp op = rnd.nextBoolean() ? BinaryOp.AND : BinaryOp.OR;
            return new Expr.Binary(op, gen(DTypes.BOOL, depth - 1), gen(DTypes.BOOL, depth - 1));
        }
        DType t = TYPES.get(rnd.nextInt(TYPES.size()));
        BinaryOp[] ops = {BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE, BinaryOp.EQ, BinaryOp.NE};
        return new Expr.Binary(ops[rnd.nextInt(ops.length)], gen(t, depth - 1), gen(t, depth - 1));
    }

    private Expr binary(DType t, int depth) {
        if (t.isFloat()) {
            BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MIN, BinaryOp.MAX};
            return new Expr.Binary(ops[rnd.nextInt(ops.length)], gen(t, depth - 1), gen(t, depth - 1));
        }
        BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MOD, BinaryOp.MIN, BinaryOp.MAX,
                BinaryOp.BIT_AND, BinaryOp.BIT_OR, BinaryOp.BIT_XOR, BinaryOp.SHL, BinaryOp.SHR};
        BinaryOp op = ops[rnd.nextInt(ops.length)];
        Expr a = gen(t, depth - 1);
        Expr b = gen(t, depth - 1);
        if (op == BinaryOp.DIV || op == BinaryOp.MOD) b = new Expr.Binary(BinaryOp.BIT_OR, b, new Expr.IntConst(1, t));
        return new Expr.Binary(op, a, b);
    }

    private Expr unary(DType t, int depth) {
        UnaryOp[] ops = t.isFloat() ? new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.EXP, UnaryOp.LOG, UnaryOp.SQRT, UnaryOp.RSQRT}
                : new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.NOT, UnaryOp.BIT_NOT};
        return new Expr.Unary(ops[rnd.nextInt(ops.length)], gen(t, depth - 1));
    }

    private Expr leaf(DType t) {
        int c = rnd.nextInt(5);
        if (c == 0 && vars.containsKey(t)) return vars.get(t);
        if (c == 1 && t.equals(DTypes.I32)) return new Expr.BlockIdx(0);
        if (t instanceof IntType it) {
            long v = it.bits() == 64 ? rnd.nextLong() : it.minLong() + (long) (rnd.nextDouble() * (it.maxLong() - it.minLong() + 1.0));
            if (rnd.nextInt(3) == 0) v = Math.max(it.minLong(), Math.min(it.maxLong(), rnd.nextInt(7) - 3));
            return new Expr.IntConst(Math.max(it.minLong(), Math.min(it.maxLong(), v)), t);
        }
        FloatType ft = (FloatType) t;
        double[] special = {0.0, -0.0, 1.0, -1.5, 0.5, 65504, 70000, 1e-8, Double.NaN, Double.POSITIVE_INFINITY, 3.0e38};
        double v = rnd.nextInt(4) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
        return new Expr.FloatConst(v, ft);
    }

    static List<DType> types() { return new ArrayList<>(TYPES); }
}
