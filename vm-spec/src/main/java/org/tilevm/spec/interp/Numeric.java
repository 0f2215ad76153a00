package org.tilevm.spec.interp;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.UnaryOp;

/**
 * The arithmetic of one dtype on raw codes (decode, {@link Arith}, round or wrap, encode), for
 * the per-element loops of tensor instructions. Comparisons return a {@code u1} code (0 or 1).
 */
abstract sealed class Numeric permits Numeric.Int, Numeric.Flt {
    final DType type;

    private Numeric(DType type) { this.type = type; }

    static Numeric of(DType t) {
        return switch (t) {
            case IntType i -> new Int(i);
            case FloatType f -> new Flt(f);
        };
    }

    abstract long binary(BinaryOp op, long a, long b);

    abstract long unary(UnaryOp op, long a);

    /** Whether the code is a nonzero value (the condition of {@code where}). */
    abstract boolean nonZero(long code);

    static final class Int extends Numeric {
        final IntType t;

        Int(IntType t) { super(t); this.t = t; }

        long binary(BinaryOp op, long a, long b) {
            long x = t.decodeLong(a), y = t.decodeLong(b);
            if (op.isComparison()) return Arith.intCompare(op, x, y) ? 1 : 0;
            return t.encodeLong(Arith.intBinary(op, t, x, y));
        }

        long unary(UnaryOp op, long a) { return t.encodeLong(Arith.intUnary(op, t, t.decodeLong(a))); }

        boolean nonZero(long code) { return (code & t.mask()) != 0; }
    }

    static final class Flt extends Numeric {
        final FloatRounder r;

        Flt(FloatType t) { super(t); this.r = FloatRounder.of(t); }

        long binary(BinaryOp op, long a, long b) {
            double x = r.decode(a), y = r.decode(b);
            if (op.isComparison()) return Arith.floatCompare(op, x, y) ? 1 : 0;
            return r.code(Arith.floatBinary(op, x, y));
        }

        long unary(UnaryOp op, long a) { return r.code(Arith.floatUnary(op, r.decode(a))); }

        boolean nonZero(long code) { return r.decode(code) != 0; }
    }
}
