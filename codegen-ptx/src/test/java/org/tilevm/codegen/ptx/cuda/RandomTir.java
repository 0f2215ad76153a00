package org.tilevm.codegen.ptx.cuda;

import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * Random well-typed scalar expressions over given leaves, for differential tests of the printer
 * against the simulator. Avoided on purpose: division by zero (the simulator faults; a GPU gives
 * garbage), EXP/LOG (host and JVM libm may differ in the last place) and packed halves (no host
 * form); bitcasts of floats take only leaves, so NaN payloads of arithmetic (which differ between
 * a GPU and the JVM) never become visible bits.
 */
final class RandomTir {
    private final Random rnd;
    private final Map<ScalarType, List<TExpr>> leaves;
    private final String array;
    private final int arrayBits;

    RandomTir(Random rnd, Map<ScalarType, List<TExpr>> leaves, String array, int arrayBits) {
        this.rnd = rnd;
        this.leaves = leaves;
        this.array = array;
        this.arrayBits = arrayBits;
    }

    private static final ScalarType[] TYPES = {PRED, I32, U32, I64, U64, F32, F64};

    ScalarType anyType() { return TYPES[rnd.nextInt(TYPES.length)]; }

    TExpr gen(ScalarType t, int depth) {
        if (depth <= 0 || rnd.nextInt(5) == 0) return leaf(t);
        int d = depth - 1;
        return switch (rnd.nextInt(t == PRED ? 6 : 10)) {
            case 0, 1, 2 -> binary(t, d);
            case 3 -> unary(t, d);
            case 4 -> new Select(gen(PRED, d), gen(t, d), gen(t, d));
            case 5 -> new Convert(t, gen(other(t), d));
            case 6 -> bitcastInto(t, d);
            default -> special(t, d);
        };
    }

    private ScalarType other(ScalarType t) {
        ScalarType o;
        do o = anyType(); while (o == t);
        return o;
    }

    TExpr leaf(ScalarType t) {
        List<TExpr> ls = leaves.get(t);
        if (ls != null && !ls.isEmpty() && rnd.nextInt(3) != 0) return ls.get(rnd.nextInt(ls.size()));
        return constant(t);
    }

    TExpr constant(ScalarType t) {
        return switch (t) {
            case PRED -> new Const(rnd.nextInt(2), PRED);
            case I32 -> new Const(pick(0, 1, -1, 3, 31, 32, Integer.MIN_VALUE, Integer.MAX_VALUE, rnd.nextInt(), rnd.nextInt(100) - 50), I32);
            case U32 -> new Const(pick(0, 1, 5, 31, 0x8000_0000L, 0xFFFF_FFFFL, rnd.nextInt() & 0xFFFF_FFFFL), U32);
            case I64 -> new Const(pick(0, 1, -1, 63, Long.MIN_VALUE, Long.MAX_VALUE, rnd.nextLong(), (1L << 40) + 7), I64);
            case U64 -> new Const(pick(0, 1, 64, -1L, rnd.nextLong(), 1L << 63), U64);
            case F32 -> new Const(Float.floatToRawIntBits(pickF(0.5f, -0.0f, 1.0f, -3.25f, 65504.0f, 1e-40f, 3e38f,
                    Float.POSITIVE_INFINITY, Float.NaN, (float) rnd.nextGaussian() * 100)) & 0xFFFF_FFFFL, F32);
            case F64 -> new Const(Double.doubleToRawLongBits(pickD(0.25, -0.0, 1e300, -1e-310, Double.NEGATIVE_INFINITY,
                    rnd.nextGaussian() * 1e6, 3.0000001)), F64);
        };
    }

    private long pick(long... v) { return v[rnd.nextInt(v.length)]; }

    private float pickF(float... v) { return v[rnd.nextInt(v.length)]; }

    private double pickD(double... v) { return v[rnd.nextInt(v.length)]; }

    private TExpr binary(ScalarType t, int d) {
        if (t == PRED) {
            BOp op = List.of(BOp.LT, BOp.LE, BOp.GT, BOp.GE, BOp.EQ, BOp.NE, BOp.LAND, BOp.LOR, BOp.AND, BOp.OR, BOp.XOR)
                    .get(rnd.nextInt(11));
            ScalarType o = switch (op) {
                case LAND, LOR, AND, OR, XOR -> PRED;
                case EQ, NE -> anyType();
                default -> {
                    ScalarType x;
                    do x = anyType(); while (x == PRED);
                    yield x;
                }
            };
            return new Bin(op, gen(o, d), gen(o, d));
        }
        List<BOp> ops = t.isFloat()
                ? List.of(BOp.ADD, BOp.SUB, BOp.MUL, BOp.DIV, BOp.MIN, BOp.MAX)
                : List.of(BOp.ADD, BOp.SUB, BOp.MUL, BOp.DIV, BOp.REM, BOp.MIN, BOp.MAX, BOp.AND, BOp.OR, BOp.XOR, BOp.SHL,
                        BOp.SHR);
        BOp op = ops.get(rnd.nextInt(ops.size()));
        TExpr a = gen(t, d), b = gen(t, d);
        if (!t.isFloat() && (op == BOp.DIV || op == BOp.REM)) {
            b = new Select(new Bin(BOp.EQ, b, new Const(0, t)), new Const(1, t), b); // no division by zero
        }
        return new Bin(op, a, b);
    }

    private TExpr unary(ScalarType t, int d) {
        List<UOp> ops = switch (t) {
            case PRED -> List.of(UOp.NOT, UOp.LNOT);
            case U32, U64 -> List.of(UOp.NEG, UOp.NOT);
            case I32, I64 -> List.of(UOp.NEG, UOp.NOT, UOp.ABS);
            case F32, F64 -> List.of(UOp.NEG, UOp.ABS, UOp.SQRT, UOp.RSQRT);
        };
        return new Un(ops.get(rnd.nextInt(ops.size())), gen(t, d));
    }

    private TExpr bitcastInto(ScalarType t, int d) {
        return switch (t) {
            case I32 -> new Bitcast(I32, rnd.nextBoolean() ? gen(U32, d) : leaf(F32));
            case U32 -> new Bitcast(U32, rnd.nextBoolean() ? gen(I32, d) : leaf(F32));
            case I64 -> new Bitcast(I64, rnd.nextBoolean() ? gen(U64, d) : leaf(F64));
            case U64 -> new Bitcast(U64, rnd.nextBoolean() ? gen(I64, d) : leaf(F64));
            case F32 -> new Bitcast(F32, gen(rnd.nextBoolean() ? U32 : I32, d));
            case F64 -> new Bitcast(F64, gen(rnd.nextBoolean() ? U64 : I64, d));
            case PRED -> gen(PRED, d);
        };
    }

    /** Bit fields, dtype codes and bit instructions (U32/U64), or a decode to {@code t}. */
    private TExpr special(ScalarType t, int d) {
        List<DType> all = DTypes.all();
        switch (t) {
            case U32 -> {
                return switch (rnd.nextInt(6)) {
                    case 0 -> bits(1 + rnd.nextInt(32));
                    case 1 -> {
                        DType from = pickType(all);
                        yield new CastCode(from, small(all), code(from, d));
                    }
                    case 2 -> encode(small(all), d);
                    case 3 -> new Lop3(gen(U32, d), gen(U32, d), gen(U32, d), rnd.nextInt(256));
                    case 4 -> new Prmt(gen(U32, d), gen(U32, d), gen(U32, d));
                    default -> decodeTo(U32, d);
                };
            }
            case U64 -> {
                return switch (rnd.nextInt(3)) {
                    case 0 -> bits(33 + rnd.nextInt(32));
                    case 1 -> {
                        DType from = pickType(all);
                        yield new CastCode(from, DTypes.I64, code(from, d));
                    }
                    default -> encode(DTypes.I64, d);
                };
            }
            default -> {
                return decodeTo(t, d);
            }
        }
    }

    private DType pickType(List<DType> all) { return all.get(rnd.nextInt(all.size())); }

    private DType small(List<DType> all) {
        DType t;
        do t = pickType(all); while (t.bits() > 32);
        return t;
    }

    private TExpr bits(int nbits) { return new GetBits(array, rnd.nextInt(arrayBits - nbits + 1), nbits); }

    /** A code of {@code dtype}, U32 or U64 when it fits (only the low bits of the dtype are read). */
    private TExpr code(DType dtype, int d) { return dtype.bits() > 32 || rnd.nextInt(3) == 0 ? gen(U64, d) : gen(U32, d); }

    private TExpr encode(DType dtype, int d) {
        if (dtype.isFloat()) {
            return new Encode(dtype, gen(rnd.nextBoolean() ? F32 : F64, d), rnd.nextBoolean() ? Rounding.ARITH : Rounding.CAST);
        }
        ScalarType v;
        do v = anyType(); while (!v.isInteger());
        return new Encode(dtype, gen(v, d), Rounding.ARITH);
    }

    private TExpr decodeTo(ScalarType t, int d) {
        List<DType> fits = new ArrayList<>();
        for (DType x : DTypes.all()) if (TExpr.valueType(x) == t) fits.add(x);
        if (fits.isEmpty()) return leaf(t);
        DType x = fits.get(rnd.nextInt(fits.size()));
        return new Decode(x, code(x, d));
    }
}
