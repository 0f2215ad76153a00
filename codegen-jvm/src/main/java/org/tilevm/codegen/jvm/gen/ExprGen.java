package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.FloatRounding;
import org.tilevm.codegen.jvm.runtime.Half;
import org.tilevm.codegen.jvm.runtime.ScalarOps;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;

/**
 * Scalar expressions as bytecode, with the interpreter's representation and semantics (SPEC S3):
 * an integer value is a {@code long} in its type's range (every result is wrapped to the type), a
 * float value is a {@code double} holding the value rounded to its type (f32 by {@code (float)},
 * other types by {@link FloatRounding}). Casts use the dtype conversion rules; division by zero
 * is a run-time error.
 */
final class ExprGen {
    private final MethodCtx c;
    private final GeneratorAdapter g;

    ExprGen(MethodCtx c) {
        this.c = c;
        this.g = c.g;
    }

    /** Pushes the value of {@code e}: a long (integer types) or a double (float types). */
    void value(Expr e) {
        switch (e.type()) {
            case IntType t -> intValue(e, t);
            case FloatType t -> floatValue(e, t);
        }
    }

    /** Pushes the code of {@code e}'s value in its type, as a long. */
    void code(Expr e) {
        switch (e.type()) {
            case IntType t -> {
                intValue(e, t);
                if (t.bits() < 64) {
                    g.push(t.mask());
                    g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
                }
            }
            case FloatType t -> {
                if (t.equals(DTypes.F32)) {
                    floatValue(e, t);
                    g.cast(Type.DOUBLE_TYPE, Type.FLOAT_TYPE);
                    Asm.callStatic(g, Half.class, "f32Canonical", float.class, float.class);
                    Asm.callStatic(g, Float.class, "floatToRawIntBits", int.class, float.class);
                    g.cast(Type.INT_TYPE, Type.LONG_TYPE);
                    g.push(0xFFFF_FFFFL);
                    g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
                } else {
                    pushRounding(t);
                    floatValue(e, t);
                    Asm.callVirtual(g, FloatRounding.class, "code", long.class, double.class);
                }
            }
        }
    }

    /** Jumps to {@code ifFalse} when the value of {@code e} is zero (NaN counts as nonzero). */
    void branchIfZero(Expr e, Label ifFalse) {
        value(e);
        if (e.type().isFloat()) {
            g.push(0.0);
            g.ifCmp(Type.DOUBLE_TYPE, GeneratorAdapter.EQ, ifFalse);
        } else {
            g.push(0L);
            g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.EQ, ifFalse);
        }
    }

    // ------------------------------------------------------------------ integers

    private void intValue(Expr e, IntType t) {
        switch (e) {
            case Expr.IntConst k -> g.push(t.wrap(k.value()));
            case Var v -> loadVar(v);
            case Expr.BlockIdx b -> {
                c.loadBlockIdx(b.axis());
                g.cast(Type.INT_TYPE, Type.LONG_TYPE);
            }
            case Expr.Binary b -> {
                if (b.op().isComparison()) comparison(b);
                else intBinary(b, t);
            }
            case Expr.Unary u -> {
                intValue(u.a(), t);
                switch (u.op()) {
                    case NEG -> g.math(GeneratorAdapter.NEG, Type.LONG_TYPE);
                    case ABS -> Asm.callStatic(g, Math.class, "abs", long.class, long.class);
                    case NOT -> isZero();
                    case BIT_NOT -> {
                        g.push(-1L);
                        g.math(GeneratorAdapter.XOR, Type.LONG_TYPE);
                    }
                    default -> throw new IllegalStateException("unary " + u.op() + " on an integer");
                }
                wrap(t);
            }
            case Expr.Select s -> select(s);
            case Expr.Cast k -> {
                switch (k.a().type()) {
                    case IntType from -> intValue(k.a(), from);
                    case FloatType from -> {
                        floatValue(k.a(), from);
                        c.pushConst(t, Type.getType(IntType.class));
                        Asm.callStatic(g, ScalarOps.class, "floatToInt", long.class, double.class, IntType.class);
                    }
                }
                wrap(t);
            }
            case Expr.FloatConst f -> throw new IllegalStateException("float constant of integer type");
        }
    }

    private void intBinary(Expr.Binary b, IntType t) {
        intValue(b.a(), t);
        Expr rhs = b.b();
        if (b.op() == BinaryOp.SHL || b.op() == BinaryOp.SHR) {
            intValue(rhs, (IntType) rhs.type());
            shiftCount(t.bits());
            g.math(b.op() == BinaryOp.SHL ? GeneratorAdapter.SHL : GeneratorAdapter.SHR, Type.LONG_TYPE);
            wrap(t);
            return;
        }
        intValue(rhs, t);
        switch (b.op()) {
            case ADD -> g.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
            case SUB -> g.math(GeneratorAdapter.SUB, Type.LONG_TYPE);
            case MUL -> g.math(GeneratorAdapter.MUL, Type.LONG_TYPE);
            case DIV, MOD -> {
                g.push(t.name());
                Asm.callStatic(g, ScalarOps.class, b.op() == BinaryOp.DIV ? "div" : "rem", long.class, long.class,
                        long.class, String.class);
            }
            case MIN -> Asm.callStatic(g, Math.class, "min", long.class, long.class, long.class);
            case MAX -> Asm.callStatic(g, Math.class, "max", long.class, long.class, long.class);
            case BIT_AND -> g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
            case BIT_OR -> g.math(GeneratorAdapter.OR, Type.LONG_TYPE);
            case BIT_XOR -> g.math(GeneratorAdapter.XOR, Type.LONG_TYPE);
            default -> throw new IllegalStateException(b.op() + " is not arithmetic");
        }
        wrap(t);
    }

    /** long count on the stack -> int count modulo the width (any integer type may count). */
    private void shiftCount(int width) {
        if (Integer.bitCount(width) == 1) {
            g.push((long) width - 1);
            g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
        } else {
            g.push((long) width);
            Asm.callStatic(g, Math.class, "floorMod", long.class, long.class, long.class);
        }
        g.cast(Type.LONG_TYPE, Type.INT_TYPE);
    }

    /** Reduces the long value on the stack into the range of {@code t} (modulo 2^bits). */
    void wrap(IntType t) {
        int bits = t.bits();
        if (bits == 64) return;
        if (t.signed()) {
            g.push(64 - bits);
            g.math(GeneratorAdapter.SHL, Type.LONG_TYPE);
            g.push(64 - bits);
            g.math(GeneratorAdapter.SHR, Type.LONG_TYPE);
        } else {
            g.push(t.mask());
            g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
        }
    }

    /** long x -> long (x == 0 ? 1 : 0). */
    private void isZero() {
        Label zero = new Label(), end = new Label();
        g.push(0L);
        g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.EQ, zero);
        g.push(0L);
        g.goTo(end);
        g.mark(zero);
        g.push(1L);
        g.mark(end);
    }

    /** Comparisons and logic: a u1 value (long 0 or 1). */
    private void comparison(Expr.Binary b) {
        Label yes = new Label(), no = new Label(), end = new Label();
        switch (b.op()) {
            case AND -> {
                branchIfZero(b.a(), no);
                branchIfZero(b.b(), no);
                g.goTo(yes);
            }
            case OR -> {
                Label second = new Label();
                branchIfZero(b.a(), second);
                g.goTo(yes);
                g.mark(second);
                branchIfZero(b.b(), no);
                g.goTo(yes);
            }
            default -> {
                DType t = b.a().type();
                value(b.a());
                value(b.b());
                int mode = switch (b.op()) {
                    case LT -> GeneratorAdapter.LT;
                    case LE -> GeneratorAdapter.LE;
                    case GT -> GeneratorAdapter.GT;
                    case GE -> GeneratorAdapter.GE;
                    case EQ -> GeneratorAdapter.EQ;
                    case NE -> GeneratorAdapter.NE;
                    default -> throw new IllegalStateException(b.op().toString());
                };
                g.ifCmp(t.isFloat() ? Type.DOUBLE_TYPE : Type.LONG_TYPE, mode, yes);
                g.goTo(no);
            }
        }
        g.mark(yes);
        g.push(1L);
        g.goTo(end);
        g.mark(no);
        g.push(0L);
        g.mark(end);
    }

    private void select(Expr.Select s) {
        Label otherwise = new Label(), end = new Label();
        branchIfZero(s.cond(), otherwise);
        value(s.a());
        g.goTo(end);
        g.mark(otherwise);
        value(s.b());
        g.mark(end);
    }

    private void loadVar(Var v) {
        MethodCtx.Scalar s = c.scalar(v.name());
        if (s.constant() != null) {
            if (v.type().isFloat()) g.push(Double.longBitsToDouble(s.constant()));
            else g.push(s.constant().longValue());
        } else {
            g.loadLocal(s.local());
        }
    }

    // ------------------------------------------------------------------ floats

    private void floatValue(Expr e, FloatType t) {
        boolean f32 = t.equals(DTypes.F32);
        switch (e) {
            case Expr.FloatConst k -> g.push(t.decode(t.encode(k.value())));
            case Var v -> loadVar(v);
            case Expr.Binary b -> {
                if (!f32) pushRounding(t);
                floatValue(b.a(), t);
                floatValue(b.b(), t);
                switch (b.op()) {
                    case ADD -> g.math(GeneratorAdapter.ADD, Type.DOUBLE_TYPE);
                    case SUB -> g.math(GeneratorAdapter.SUB, Type.DOUBLE_TYPE);
                    case MUL -> g.math(GeneratorAdapter.MUL, Type.DOUBLE_TYPE);
                    case DIV -> g.math(GeneratorAdapter.DIV, Type.DOUBLE_TYPE);
                    case MIN -> Asm.callStatic(g, Math.class, "min", double.class, double.class, double.class);
                    case MAX -> Asm.callStatic(g, Math.class, "max", double.class, double.class, double.class);
                    default -> throw new IllegalStateException(b.op() + " on floats");
                }
                round(t, f32);
            }
            case Expr.Unary u -> {
                if (!f32) pushRounding(t);
                floatValue(u.a(), t);
                switch (u.op()) {
                    case NEG -> g.math(GeneratorAdapter.NEG, Type.DOUBLE_TYPE);
                    case ABS -> Asm.callStatic(g, Math.class, "abs", double.class, double.class);
                    case EXP -> Asm.callStatic(g, Math.class, "exp", double.class, double.class);
                    case LOG -> Asm.callStatic(g, Math.class, "log", double.class, double.class);
                    case SQRT -> Asm.callStatic(g, Math.class, "sqrt", double.class, double.class);
                    case RSQRT -> {
                        Asm.callStatic(g, Math.class, "sqrt", double.class, double.class);
                        g.push(1.0);
                        g.swap(Type.DOUBLE_TYPE, Type.DOUBLE_TYPE);
                        g.math(GeneratorAdapter.DIV, Type.DOUBLE_TYPE);
                    }
                    default -> throw new IllegalStateException("unary " + u.op() + " on a float");
                }
                round(t, f32);
            }
            case Expr.Select s -> select(s);
            case Expr.Cast k -> {
                switch (k.a().type()) {
                    case IntType from -> {
                        intValue(k.a(), from);
                        if (f32) {
                            g.cast(Type.LONG_TYPE, Type.FLOAT_TYPE);
                            g.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
                        } else {
                            c.pushConst(t, Type.getType(FloatType.class));
                            Asm.callStatic(g, ScalarOps.class, "intToFloat", double.class, long.class, FloatType.class);
                        }
                    }
                    case FloatType from -> {
                        floatValue(k.a(), from);
                        if (!from.equals(t)) {
                            c.pushConst(t, Type.getType(FloatType.class));
                            Asm.callStatic(g, ScalarOps.class, "floatToFloat", double.class, double.class, FloatType.class);
                        }
                    }
                }
            }
            case Expr.IntConst k -> throw new IllegalStateException("integer constant of float type");
            case Expr.BlockIdx b -> throw new IllegalStateException("blockIdx of float type");
        }
    }

    /** Pushes the rounding object of a float type other than f32. */
    void pushRounding(FloatType t) { c.pushConst(Rounders.of(t), Type.getType(FloatRounding.class)); }

    /** Rounds the double on the stack to {@code t} (for non-f32 types the rounding object is below it). */
    private void round(FloatType t, boolean f32) {
        if (f32) {
            g.cast(Type.DOUBLE_TYPE, Type.FLOAT_TYPE);
            g.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
        } else {
            Asm.callVirtual(g, FloatRounding.class, "round", double.class, double.class);
        }
    }
}
