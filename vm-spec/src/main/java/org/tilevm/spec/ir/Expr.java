package org.tilevm.spec.ir;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * A scalar expression, evaluated the same way by every thread of a block. Scalars are integers
 * (any {@link org.tilevm.spec.dtype.IntType}; {@code u1} is the boolean type) or floats.
 */
public sealed interface Expr permits Expr.IntConst, Expr.FloatConst, Var, Expr.BlockIdx, Expr.Binary,
        Expr.Unary, Expr.Select, Expr.Cast {

    /** The type of the value. */
    DType type();

    /** An integer constant (also booleans, as {@code u1}). */
    record IntConst(long value, DType type) implements Expr {
        public IntConst {
            if (type.isFloat()) throw new IllegalArgumentException("IntConst of float type " + type.name());
        }
    }

    /** A floating-point constant; its value is the double given, rounded to {@code type} when used. */
    record FloatConst(double value, DType type) implements Expr {
        public FloatConst {
            if (!type.isFloat()) throw new IllegalArgumentException("FloatConst of integer type " + type.name());
        }
    }

    /** {@code blockIdx.x/y/z}: the index of the executing block along grid axis 0, 1 or 2 ({@code i32}). */
    record BlockIdx(int axis) implements Expr {
        public BlockIdx {
            if (axis < 0 || axis > 2) throw new IllegalArgumentException("BlockIdx axis must be 0, 1 or 2, got " + axis);
        }
        public DType type() { return DTypes.I32; }
    }

    /** {@code a op b}. Arithmetic ops have the operands' type; comparisons and logic ops give {@code u1}. */
    record Binary(BinaryOp op, Expr a, Expr b) implements Expr {
        public DType type() { return op.isComparison() ? DTypes.BOOL : a.type(); }
    }

    /** {@code op a}. */
    record Unary(UnaryOp op, Expr a) implements Expr {
        public DType type() { return a.type(); }
    }

    /** {@code cond ? a : b}. */
    record Select(Expr cond, Expr a, Expr b) implements Expr {
        public DType type() { return a.type(); }
    }

    /** Conversion of a scalar to another type, with the dtype conversion rules. */
    record Cast(DType type, Expr a) implements Expr {}

    static IntConst i32(long v) { return new IntConst(v, DTypes.I32); }
    static IntConst bool(boolean v) { return new IntConst(v ? 1 : 0, DTypes.BOOL); }
    static FloatConst f32(double v) { return new FloatConst(v, DTypes.F32); }
}
