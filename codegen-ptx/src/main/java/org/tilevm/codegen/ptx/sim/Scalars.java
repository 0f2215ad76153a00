package org.tilevm.codegen.ptx.sim;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.UOp;

/**
 * The value-level semantics of {@link org.tilevm.codegen.ptx.tir.TExpr.Bin}, {@code Un},
 * {@code Convert} and {@code Bitcast}. A value of a {@link ScalarType} is held in a {@code long}
 * in the <em>canonical form</em> of {@link org.tilevm.codegen.ptx.tir.TExpr.Const}: PRED 0/1,
 * I32 sign-extended, U32 zero-extended, I64/U64 their 64 bits, F32 its float bits zero-extended,
 * F64 its double bits. Every result here is canonical.
 */
final class Scalars {
    private Scalars() {}

    private static final double TWO_32 = 4294967296.0;
    private static final double TWO_63 = 9223372036854775808.0;
    private static final double TWO_64 = 18446744073709551616.0;

    /** The canonical form of the low {@code type.bits()} bits of {@code raw}. */
    static long canon(long raw, ScalarType type) {
        return switch (type) {
            case PRED -> raw & 1;
            case I32 -> (int) raw;
            case U32, F32 -> raw & 0xFFFF_FFFFL;
            case I64, U64, F64 -> raw;
        };
    }

    static float f32(long v) { return Float.intBitsToFloat((int) v); }

    static double f64(long v) { return Double.longBitsToDouble(v); }

    static long ofF32(float f) { return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL; }

    static long ofF64(double d) { return Double.doubleToRawLongBits(d); }

    /** A float value (F32 or F64) as a double; exact. */
    static double toDouble(long v, ScalarType t) {
        return switch (t) {
            case F32 -> f32(v);
            case F64 -> f64(v);
            case U64 -> v >= 0 ? (double) v : unsignedToDouble(v);
            default -> (double) v;
        };
    }

    /** {@code a op b} for operands of type {@code t} (the result is PRED for comparisons). */
    static long binary(BOp op, ScalarType t, long a, long b, int thread) {
        if (op == BOp.LAND) return (a != 0 && b != 0) ? 1 : 0;
        if (op == BOp.LOR) return (a != 0 || b != 0) ? 1 : 0;
        return switch (t) {
            case F32 -> f32Binary(op, f32(a), f32(b));
            case F64 -> f64Binary(op, f64(a), f64(b));
            case PRED -> predBinary(op, a, b);
            default -> intBinary(op, t, a, b, thread);
        };
    }

    private static long intBinary(BOp op, ScalarType t, long a, long b, int thread) {
        boolean u64 = t == ScalarType.U64;
        int width = t.bits();
        long r = switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> {
                if (b == 0) throw new Fault(thread, "integer division by zero (" + t + " " + a + " / 0)");
                yield u64 ? Long.divideUnsigned(a, b) : a / b;
            }
            case REM -> {
                if (b == 0) throw new Fault(thread, "integer division by zero (" + t + " " + a + " % 0)");
                yield u64 ? Long.remainderUnsigned(a, b) : a % b;
            }
            case MIN -> (u64 ? Long.compareUnsigned(a, b) <= 0 : a <= b) ? a : b;
            case MAX -> (u64 ? Long.compareUnsigned(a, b) >= 0 : a >= b) ? a : b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << (b & (width - 1));
            // canonical signed values are sign-extended and unsigned ones zero-extended, so '>>'
            // is arithmetic exactly for the signed types; U64 needs the logical shift
            case SHR -> u64 ? a >>> (b & 63) : a >> (b & (width - 1));
            case LT -> bool(u64 ? Long.compareUnsigned(a, b) < 0 : a < b);
            case LE -> bool(u64 ? Long.compareUnsigned(a, b) <= 0 : a <= b);
            case GT -> bool(u64 ? Long.compareUnsigned(a, b) > 0 : a > b);
            case GE -> bool(u64 ? Long.compareUnsigned(a, b) >= 0 : a >= b);
            case EQ -> bool(a == b);
            case NE -> bool(a != b);
            case LAND, LOR -> throw new IllegalStateException("handled by binary()");
        };
        return op.isPredicate() ? r : canon(r, t);
    }

    private static long predBinary(BOp op, long a, long b) {
        return switch (op) {
            case EQ -> bool(a == b);
            case NE, XOR -> bool(a != b);
            case AND -> a & b;
            case OR -> a | b;
            default -> throw new Fault(-1, "operator " + op.symbol() + " is not defined on PRED");
        };
    }

    private static long f32Binary(BOp op, float x, float y) {
        return switch (op) {
            case ADD -> ofF32(x + y);
            case SUB -> ofF32(x - y);
            case MUL -> ofF32(x * y);
            case DIV -> ofF32(x / y);
            case MIN -> ofF32(Math.min(x, y));
            case MAX -> ofF32(Math.max(x, y));
            case LT -> bool(x < y);
            case LE -> bool(x <= y);
            case GT -> bool(x > y);
            case GE -> bool(x >= y);
            case EQ -> bool(x == y);
            case NE -> bool(x != y);
            default -> throw new Fault(-1, "operator " + op.symbol() + " is not defined on F32");
        };
    }

    private static long f64Binary(BOp op, double x, double y) {
        return switch (op) {
            case ADD -> ofF64(x + y);
            case SUB -> ofF64(x - y);
            case MUL -> ofF64(x * y);
            case DIV -> ofF64(x / y);
            case MIN -> ofF64(Math.min(x, y));
            case MAX -> ofF64(Math.max(x, y));
            case LT -> bool(x < y);
            case LE -> bool(x <= y);
            case GT -> bool(x > y);
            case GE -> bool(x >= y);
            case EQ -> bool(x == y);
            case NE -> bool(x != y);
            default -> throw new Fault(-1, "operator " + op.symbol() + " is not defined on F64");
        };
    }

    /** {@code op a} for an operand of type {@code t}. */
    static long unary(UOp op, ScalarType t, long a) {
        if (t == ScalarType.PRED) {
            return switch (op) {
                case NOT, LNOT -> a ^ 1;
                default -> throw new Fault(-1, "operator " + op + " is not defined on PRED");
            };
        }
        if (t == ScalarType.F32) {
            float x = f32(a);
            return switch (op) {
                case NEG -> ofF32(-x);
                case ABS -> ofF32(Math.abs(x));
                // sqrt in double then one rounding is the correctly rounded float sqrt
                case SQRT -> ofF32((float) Math.sqrt(x));
                case RSQRT -> ofF32((float) (1.0 / Math.sqrt(x)));
                case EXP -> ofF32((float) Math.exp(x));
                case LOG -> ofF32((float) Math.log(x));
                case LNOT -> bool(x == 0);
                case NOT -> throw new Fault(-1, "operator NOT (bitwise) is not defined on F32");
            };
        }
        if (t == ScalarType.F64) {
            double x = f64(a);
            return switch (op) {
                case NEG -> ofF64(-x);
                case ABS -> ofF64(Math.abs(x));
                case SQRT -> ofF64(Math.sqrt(x));
                case RSQRT -> ofF64(1.0 / Math.sqrt(x));
                case EXP -> ofF64(Math.exp(x));
                case LOG -> ofF64(Math.log(x));
                case LNOT -> bool(x == 0);
                case NOT -> throw new Fault(-1, "operator NOT (bitwise) is not defined on F64");
            };
        }
        return switch (op) {
            case NEG -> canon(-a, t);
            case ABS -> canon(t.isSigned() ? Math.abs(a) : a, t);
            case NOT -> canon(~a, t);
            case LNOT -> bool(a == 0);
            default -> throw new Fault(-1, "operator " + op + " is not defined on " + t);
        };
    }

    /**
     * Numeric conversion (the rules of {@link org.tilevm.codegen.ptx.tir.TExpr.Convert}): integer
     * to integer truncates or extends by the source's signedness (canonical values already are
     * extended that way, so only the target's canonical form is needed); to float rounds to
     * nearest even; float to integer truncates toward zero, saturating, NaN to 0; to PRED is
     * {@code != 0}.
     */
    static long convert(long v, ScalarType from, ScalarType to) {
        if (from == to) return v;
        if (to == ScalarType.PRED) {
            return switch (from) {
                case F32 -> bool(f32(v) != 0);
                case F64 -> bool(f64(v) != 0);
                default -> bool(v != 0);
            };
        }
        if (from.isFloat()) {
            double x = from == ScalarType.F32 ? f32(v) : f64(v);
            return switch (to) {
                case F32 -> ofF32((float) x);
                case F64 -> ofF64(x);
                default -> floatToInt(x, to);
            };
        }
        // from an integer or PRED (0/1)
        return switch (to) {
            case F32 -> ofF32(from == ScalarType.U64 && v < 0 ? unsignedToFloat(v) : (float) v);
            case F64 -> ofF64(from == ScalarType.U64 && v < 0 ? unsignedToDouble(v) : (double) v);
            default -> canon(v, to);
        };
    }

    /** The same bits read as another type of the same width. */
    static long bitcast(long v, ScalarType to) { return canon(v, to); }

    private static long floatToInt(double x, ScalarType to) {
        if (Double.isNaN(x)) return 0;
        return switch (to) {
            case I32 -> (int) x;          // Java's conversion truncates and saturates
            case I64 -> (long) x;
            case U32 -> x <= 0 ? 0 : x >= TWO_32 ? 0xFFFF_FFFFL : (long) x;
            case U64 -> x <= 0 ? 0 : x >= TWO_64 ? -1L : x >= TWO_63 ? (long) (x - TWO_63) + Long.MIN_VALUE : (long) x;
            default -> throw new IllegalStateException("not an integer type: " + to);
        };
    }

    /**
     * An unsigned 64-bit value at or above 2^63 as a double: halve it keeping the lost bit as a
     * sticky bit (round to odd), so the single rounding of the conversion stays correct.
     */
    static double unsignedToDouble(long v) { return ((double) ((v >>> 1) | (v & 1))) * 2.0; }

    private static float unsignedToFloat(long v) { return ((float) ((v >>> 1) | (v & 1))) * 2.0f; }

    static long bool(boolean b) { return b ? 1 : 0; }
}
