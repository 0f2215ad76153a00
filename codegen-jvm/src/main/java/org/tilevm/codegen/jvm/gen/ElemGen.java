package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.Faults;
import org.tilevm.codegen.jvm.runtime.FloatRounding;
import org.tilevm.codegen.jvm.runtime.Half;
import org.tilevm.codegen.jvm.runtime.IntOps;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.UnaryOp;

/**
 * Element arithmetic of one dtype as bytecode (the per-element bodies of {@code unary},
 * {@code binary}, {@code binary_scalar}, {@code reduce}): {@link #decode} turns a stored element
 * into a value of the dtype's {@link ElemKind}, {@link #binary}/{@link #unary} compute on values,
 * {@link #encode} rounds or wraps a value back to a stored element. The results equal the
 * interpreter's {@code Numeric} bit for bit: integers wrap (computing modulo 2^32 and masking is
 * wrapping modulo 2^N), floats round to the type after every operation, NaN results become the
 * canonical NaN.
 */
final class ElemGen {
    final DType type;
    final ElemKind kind;
    final Repr repr;
    private final MethodCtx c;
    private final GeneratorAdapter g;

    ElemGen(MethodCtx c, DType type) {
        this.c = c;
        this.g = c.g;
        this.type = type;
        this.kind = ElemKind.of(type);
        this.repr = Repr.of(type);
    }

    private int bits() { return type.bits(); }

    private boolean signed() { return type instanceof IntType it && it.signed(); }

    /** Stored element -> value. */
    void decode() {
        switch (kind) {
            case INT -> {
                if (signed() && bits() < 32) {
                    g.push(32 - bits());
                    g.math(GeneratorAdapter.SHL, Type.INT_TYPE);
                    g.push(32 - bits());
                    g.math(GeneratorAdapter.SHR, Type.INT_TYPE);
                }
            }
            case U32, LONG, F32 -> { }
            case F16 -> {
                g.cast(Type.INT_TYPE, Type.SHORT_TYPE);
                Asm.callStatic(g, Float.class, "float16ToFloat", float.class, short.class);
            }
            case BF16 -> {
                g.push(16);
                g.math(GeneratorAdapter.SHL, Type.INT_TYPE);
                Asm.callStatic(g, Float.class, "intBitsToFloat", float.class, int.class);
            }
            case DBL -> {
                c.pushConst(Rounders.decodeTable((FloatType) type), Asm.DOUBLE_ARRAY);
                g.swap();
                g.arrayLoad(Type.DOUBLE_TYPE);
            }
        }
    }

    /** Value -> stored element (arithmetic rounding or wrapping). */
    void encode() {
        switch (kind) {
            case INT -> {
                if (bits() < 32) {
                    g.push((int) type.mask());
                    g.math(GeneratorAdapter.AND, Type.INT_TYPE);
                }
            }
            case U32, LONG -> { }
            case F32 -> Asm.callStatic(g, Half.class, "f32Canonical", float.class, float.class);
            case F16 -> Asm.callStatic(g, Half.class, "f16Round", int.class, float.class);
            case BF16 -> Asm.callStatic(g, Half.class, "bf16Round", int.class, float.class);
            case DBL -> {
                c.pushConst(Rounders.of((FloatType) type), Type.getType(FloatRounding.class));
                g.dupX2();
                g.pop();
                Asm.callVirtual(g, FloatRounding.class, "intCode", int.class, double.class);
            }
        }
    }

    /**
     * Two values -> the result: a value of the dtype for arithmetic operators, an int 0/1 (a u1
     * code) for comparisons and logic.
     */
    void binary(BinaryOp op) {
        if (op.isComparison()) {
            compare(op);
            return;
        }
        Type t = kind.compute;
        switch (kind) {
            case INT, U32, LONG -> intBinary(op);
            case F32, F16, BF16, DBL -> {
                switch (op) {
                    case ADD -> g.math(GeneratorAdapter.ADD, t);
                    case SUB -> g.math(GeneratorAdapter.SUB, t);
                    case MUL -> g.math(GeneratorAdapter.MUL, t);
                    case DIV -> {
                        if (kind == ElemKind.BF16) {
                            // a bf16 quotient may fall into float's subnormal range: divide in double, round to odd
                            int y = g.newLocal(Type.FLOAT_TYPE);
                            g.storeLocal(y);
                            g.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
                            g.loadLocal(y);
                            g.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
                            g.math(GeneratorAdapter.DIV, Type.DOUBLE_TYPE);
                            Asm.callStatic(g, Half.class, "roundToOdd", float.class, double.class);
                        } else {
                            g.math(GeneratorAdapter.DIV, t);
                        }
                    }
                    case MIN -> minMax("min");
                    case MAX -> minMax("max");
                    default -> throw new IllegalStateException(op + " is defined only on integers");
                }
            }
        }
    }

    private void minMax(String name) {
        Class<?> j = switch (kind) {
            case F32, F16, BF16 -> float.class;
            case DBL -> double.class;
            case LONG -> long.class;
            default -> int.class;
        };
        Asm.callStatic(g, Math.class, name, j, j, j);
    }

    private void intBinary(BinaryOp op) {
        Type t = kind.compute;
        boolean u32 = kind == ElemKind.U32;
        switch (op) {
            case ADD -> g.math(GeneratorAdapter.ADD, t);
            case SUB -> g.math(GeneratorAdapter.SUB, t);
            case MUL -> g.math(GeneratorAdapter.MUL, t);
            case DIV, MOD -> division(op == BinaryOp.MOD);
            case MIN, MAX -> {
                if (u32) Asm.callStatic(g, IntOps.class, op == BinaryOp.MIN ? "minU32" : "maxU32", int.class, int.class, int.class);
                else minMax(op == BinaryOp.MIN ? "min" : "max");
            }
            case BIT_AND -> g.math(GeneratorAdapter.AND, t);
            case BIT_OR -> g.math(GeneratorAdapter.OR, t);
            case BIT_XOR -> g.math(GeneratorAdapter.XOR, t);
            case SHL, SHR -> {
                // the count (top of the stack) modulo the width N; x << or >> it
                if (kind == ElemKind.LONG) {
                    g.cast(Type.LONG_TYPE, Type.INT_TYPE);
                    g.push(63);
                    g.math(GeneratorAdapter.AND, Type.INT_TYPE);
                } else if (Integer.bitCount(bits()) == 1) {
                    g.push(bits() - 1);
                    g.math(GeneratorAdapter.AND, Type.INT_TYPE);
                } else {
                    g.push(bits());
                    Asm.callStatic(g, Math.class, "floorMod", int.class, int.class, int.class);
                }
                int mode = op == BinaryOp.SHL ? GeneratorAdapter.SHL : u32 ? GeneratorAdapter.USHR : GeneratorAdapter.SHR;
                g.math(mode, t);
            }
            default -> throw new IllegalStateException(op + " is not arithmetic");
        }
    }

    /** x, y -> x / y or x % y, failing on y == 0 with the interpreter's message. */
    private void division(boolean remainder) {
        Type t = kind.compute;
        int y = g.newLocal(t), x = g.newLocal(t);
        g.storeLocal(y);
        g.storeLocal(x);
        Label ok = new Label();
        g.loadLocal(y);
        if (kind == ElemKind.LONG) {
            g.push(0L);
            g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.NE, ok);
        } else {
            g.ifZCmp(GeneratorAdapter.NE, ok);
        }
        g.loadLocal(x);
        if (kind == ElemKind.U32) {
            g.push(remainder);
            Asm.callStatic(g, Faults.class, "divisionByZeroU32", org.tilevm.codegen.jvm.runtime.KernelFault.class,
                    int.class, boolean.class);
        } else {
            if (kind != ElemKind.LONG) g.cast(Type.INT_TYPE, Type.LONG_TYPE);
            int xv = g.newLocal(Type.LONG_TYPE);
            g.storeLocal(xv);
            g.push(type.name());
            g.loadLocal(xv);
            g.push(remainder);
            Asm.callStatic(g, Faults.class, "divisionByZero", org.tilevm.codegen.jvm.runtime.KernelFault.class,
                    String.class, long.class, boolean.class);
        }
        g.throwException();
        g.mark(ok);
        g.loadLocal(x);
        g.loadLocal(y);
        if (kind == ElemKind.U32) {
            Asm.callStatic(g, Integer.class, remainder ? "remainderUnsigned" : "divideUnsigned", int.class, int.class,
                    int.class);
        } else {
            g.math(remainder ? GeneratorAdapter.REM : GeneratorAdapter.DIV, t);
        }
    }

    /** x, y -> int 0/1. */
    private void compare(BinaryOp op) {
        Type t = kind.compute;
        if (op == BinaryOp.AND || op == BinaryOp.OR) {
            // operands are u1 (0 or 1): logic on the values
            g.math(op == BinaryOp.AND ? GeneratorAdapter.AND : GeneratorAdapter.OR, Type.INT_TYPE);
            return;
        }
        if (kind == ElemKind.U32) {
            Asm.callStatic(g, Integer.class, "compareUnsigned", int.class, int.class, int.class);
            g.push(0);
            t = Type.INT_TYPE;
        }
        int mode = switch (op) {
            case LT -> GeneratorAdapter.LT;
            case LE -> GeneratorAdapter.LE;
            case GT -> GeneratorAdapter.GT;
            case GE -> GeneratorAdapter.GE;
            case EQ -> GeneratorAdapter.EQ;
            case NE -> GeneratorAdapter.NE;
            default -> throw new IllegalStateException(op.toString());
        };
        Label yes = new Label(), end = new Label();
        g.ifCmp(t, mode, yes);
        g.push(0);
        g.goTo(end);
        g.mark(yes);
        g.push(1);
        g.mark(end);
    }

    /** A value -> op(value). */
    void unary(UnaryOp op) {
        Type t = kind.compute;
        switch (kind) {
            case INT, U32 -> {
                switch (op) {
                    case NEG -> g.math(GeneratorAdapter.NEG, t);
                    case ABS -> {
                        if (kind == ElemKind.INT) Asm.callStatic(g, Math.class, "abs", int.class, int.class);
                        // u32: the value is non-negative, abs is the identity
                    }
                    case NOT -> Asm.callStatic(g, IntOps.class, "isZero", int.class, int.class);
                    case BIT_NOT -> {
                        g.push(-1);
                        g.math(GeneratorAdapter.XOR, t);
                    }
                    default -> throw new IllegalStateException("unary " + op + " on integers");
                }
            }
            case LONG -> {
                switch (op) {
                    case NEG -> g.math(GeneratorAdapter.NEG, t);
                    case ABS -> Asm.callStatic(g, Math.class, "abs", long.class, long.class);
                    case NOT -> Asm.callStatic(g, IntOps.class, "isZero", long.class, long.class);
                    case BIT_NOT -> {
                        g.push(-1L);
                        g.math(GeneratorAdapter.XOR, t);
                    }
                    default -> throw new IllegalStateException("unary " + op + " on integers");
                }
            }
            case F32, F16, BF16, DBL -> {
                boolean dbl = kind == ElemKind.DBL;
                switch (op) {
                    case NEG -> g.math(GeneratorAdapter.NEG, t);
                    case ABS -> Asm.callStatic(g, Math.class, "abs", dbl ? double.class : float.class,
                            dbl ? double.class : float.class);
                    case EXP, LOG, SQRT, RSQRT -> {
                        if (!dbl) g.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
                        String fn = op == UnaryOp.EXP ? "exp" : op == UnaryOp.LOG ? "log" : "sqrt";
                        Asm.callStatic(g, Math.class, fn, double.class, double.class);
                        if (op == UnaryOp.RSQRT) {
                            g.push(1.0);
                            g.swap(Type.DOUBLE_TYPE, Type.DOUBLE_TYPE);
                            g.math(GeneratorAdapter.DIV, Type.DOUBLE_TYPE);
                        }
                        // back to the compute type: f32 by (float) (correct rounding of the double);
                        // f16 and bf16 round to odd first so that their final rounding is exact
                        if (kind == ElemKind.F32) g.cast(Type.DOUBLE_TYPE, Type.FLOAT_TYPE);
                        else if (!dbl) Asm.callStatic(g, Half.class, "roundToOdd", float.class, double.class);
                    }
                    default -> throw new IllegalStateException("unary " + op + " on floats");
                }
            }
        }
    }

}
