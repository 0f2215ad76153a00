package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * A seeded generator of well-typed thread-level expressions over the {@link Tx} parameters, a
 * two-word register array {@code r}, {@code threadIdx} and {@code blockIdx}. In {@code infix} mode
 * it uses only i32/u32/pred values, variables, constants and the operators with infix or
 * {@code min}/{@code max} text (what {@link InfixParser} reads back).
 */
final class RandomExprs {
    static final List<ScalarType> TYPES = List.of(PRED, I32, U32, I64, U64, F32, F64);
    private static final List<ScalarType> INFIX_TYPES = List.of(PRED, I32, U32);

    private final Random rnd;
    private final boolean infix;

    RandomExprs(Random rnd) { this(rnd, false); }

    RandomExprs(Random rnd, boolean infix) {
        this.rnd = rnd;
        this.infix = infix;
    }

    TExpr expr(ScalarType t, int depth) {
        if (depth == 0 || rnd.nextInt(4) == 0) return leaf(t);
        List<java.util.function.Supplier<TExpr>> options = new ArrayList<>();
        int d = depth - 1;
        if (t == PRED) {
            options.add(() -> {
                ScalarType s = pick(infix ? INFIX_TYPES : TYPES);
                List<BOp> ops = new ArrayList<>(List.of(BOp.EQ, BOp.NE));
                if (s != PRED) ops.addAll(List.of(BOp.LT, BOp.LE, BOp.GT, BOp.GE));
                return new Bin(pick(ops), expr(s, d), expr(s, d));
            });
            options.add(() -> new Bin(rnd.nextBoolean() ? BOp.LAND : BOp.LOR, expr(PRED, d), expr(PRED, d)));
            options.add(() -> new Un(UOp.LNOT, expr(PRED, d)));
            options.add(() -> new Bin(pick(List.of(BOp.AND, BOp.OR, BOp.XOR)), expr(PRED, d), expr(PRED, d)));
        } else {
            options.add(() -> {
                List<BOp> ops = new ArrayList<>(List.of(BOp.ADD, BOp.SUB, BOp.MUL, BOp.DIV, BOp.MIN, BOp.MAX));
                if (t.isInteger()) ops.addAll(List.of(BOp.REM, BOp.AND, BOp.OR, BOp.XOR, BOp.SHL, BOp.SHR));
                return new Bin(pick(ops), expr(t, d), expr(t, d));
            });
            options.add(() -> {
                TExpr a = expr(t, d);
                // NEG of a literal prints like a negative literal; the parser reads that back as the literal
                return a instanceof Const ? a : new Un(UOp.NEG, a);
            });
            if (t.isInteger()) options.add(() -> new Un(UOp.NOT, expr(t, d)));
            if (t.isInteger()) options.add(() -> new Bin(pick(List.of(BOp.AND, BOp.OR, BOp.XOR)), expr(t, d), expr(t, d)));
            if (!infix) {
                if (t.isSigned()) options.add(() -> new Un(UOp.ABS, expr(t, d)));
                if (t.isFloat()) options.add(() -> new Un(pick(List.of(UOp.SQRT, UOp.RSQRT, UOp.EXP, UOp.LOG)), expr(t, d)));
                options.add(() -> new Convert(t, expr(pick(TYPES), d)));
                options.add(() -> {
                    List<ScalarType> same = TYPES.stream().filter(s -> s.bits() == t.bits()).toList();
                    return new Bitcast(t, expr(pick(same), d));
                });
            }
            if (t == U32 && !infix) {
                options.add(() -> {
                    int nbits = 1 + rnd.nextInt(32);
                    return new GetBits("r", rnd.nextInt(64 - nbits + 1), nbits);
                });
                options.add(() -> new Lop3(expr(U32, d), expr(U32, d), expr(U32, d), rnd.nextInt(256)));
                options.add(() -> new Prmt(expr(U32, d), expr(U32, d), expr(U32, d)));
                options.add(() -> {
                    H2Op op = pick(List.of(H2Op.values()));
                    return new Half2(op, rnd.nextBoolean(), expr(U32, d), expr(U32, d), op == H2Op.FMA ? expr(U32, d) : null);
                });
                options.add(() -> {
                    DType dt = pick(DTypes.all().stream().filter(x -> x.bits() <= 32).toList());
                    TExpr value = dt.isFloat() ? expr(rnd.nextBoolean() ? F32 : F64, d) : expr(pick(List.of(I32, U32, I64)), d);
                    return new Encode(dt, value, pick(List.of(Rounding.values())));
                });
                options.add(() -> new CastCode(DTypes.F16, DTypes.F8E5M2, expr(U32, d)));
            }
            if (t == F32 && !infix) options.add(() -> new Decode(pick(List.of(DTypes.F16, DTypes.BF16, DTypes.F4E2M1)), expr(U32, d)));
            if (t == I32 && !infix) options.add(() -> new Decode(pick(List.of(DTypes.I8, DTypes.U4, DTypes.I32)), expr(U32, d)));
        }
        options.add(() -> new Select(expr(PRED, d), expr(t, d), expr(t, d)));
        return pick(options).get();
    }

    private TExpr leaf(ScalarType t) {
        int choice = rnd.nextInt(3);
        if (choice == 0) {
            switch (t) {
                case PRED: return Tx.flag;
                case I32: return infix ? pick(List.of(Tx.n, Tx.k)) : pick(List.of(Tx.n, Tx.k, Tx.TID, new BlockIdx(0)));
                case F32: return Tx.scale;
                default: break;
            }
        }
        return constant(t);
    }

    TExpr constant(ScalarType t) {
        return switch (t) {
            case PRED -> TExpr.pred(rnd.nextBoolean());
            case I32, U32, I64, U64 -> new Const(rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(201) - 100, t);
            case F32 -> TExpr.f32((float) (rnd.nextGaussian() * 100));
            case F64 -> new Const(Double.doubleToRawLongBits(rnd.nextGaussian() * 100), F64);
        };
    }

    private <T> T pick(List<T> l) { return l.get(rnd.nextInt(l.size())); }
}
