package org.tilevm.spec.interp;

import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.UnaryOp;

/**
 * The value-level semantics of the operators, shared by scalar expressions and tensor
 * instructions. Integer operands are values in their type's range (sign- or zero-extended into a
 * long); integer results wrap to the type. Float results here are exact (or the JVM's double
 * result for exp/log/sqrt); callers round them to the type with {@link FloatRounder}.
 */
final class Arith {
    private Arith() {}

    /** {@code x op y} for an arithmetic or bitwise operator, wrapped to {@code t}. */
    static long intBinary(BinaryOp op, IntType t, long x, long y) {
        long r = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> {
                if (y == 0) throw new InterpError("integer division by zero (" + t.name() + " " + x + " / 0)");
                yield x / y; // truncates toward zero; MIN / -1 wraps to MIN
            }
            case MOD -> {
                if (y == 0) throw new InterpError("integer division by zero (" + t.name() + " " + x + " % 0)");
                yield x % y; // sign of the dividend
            }
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
            case BIT_AND -> x & y;
            case BIT_OR -> x | y;
            case BIT_XOR -> x ^ y;
            case SHL -> x << shiftCount(t, y);
            case SHR -> x >> shiftCount(t, y); // x is sign-extended for signed, zero-extended for unsigned
            default -> throw new IllegalStateException(op + " is a comparison");
        };
        return t.wrap(r);
    }

    /** The shift count: {@code y} modulo the width of the shifted type (for widths 2^k: {@code y & (N-1)}). */
    static int shiftCount(IntType t, long y) { return (int) Math.floorMod(y, (long) t.bits()); }

    /** Comparisons and logic on integer values. */
    static boolean intCompare(BinaryOp op, long x, long y) {
        return switch (op) {
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case EQ -> x == y;
            case NE -> x != y;
            case AND -> x != 0 && y != 0;
            case OR -> x != 0 || y != 0;
            default -> throw new IllegalStateException(op + " is not a comparison");
        };
    }

    static long intUnary(UnaryOp op, IntType t, long x) {
        long r = switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case NOT -> x == 0 ? 1 : 0;
            case BIT_NOT -> ~x;
            default -> throw new InterpError("unary " + op.symbol() + " is defined only on floats, not on " + t.name());
        };
        return t.wrap(r);
    }

    /** {@code x op y} for floats, before rounding to the type. */
    static double floatBinary(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
            default -> throw new InterpError("binary " + op.symbol() + " is defined only on integers, not on floats");
        };
    }

    /** IEEE comparisons (false when either side is NaN, except {@code !=}); logic ops test {@code != 0}. */
    static boolean floatCompare(BinaryOp op, double x, double y) {
        return switch (op) {
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case EQ -> x == y;
            case NE -> x != y;
            case AND -> x != 0 && y != 0;
            case OR -> x != 0 || y != 0;
            default -> throw new IllegalStateException(op + " is not a comparison");
        };
    }

    /** {@code op x} for floats, before rounding to the type. */
    static double floatUnary(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1.0 / Math.sqrt(x);
            default -> throw new InterpError("unary " + op.symbol() + " is defined only on integers, not on floats");
        };
    }
}
