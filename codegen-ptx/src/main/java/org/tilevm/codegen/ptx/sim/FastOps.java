package org.tilevm.codegen.ptx.sim;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;

/**
 * Specialized evaluators for the operations that dominate lowered code (I32/I64 index arithmetic
 * and comparisons, conversions that are the identity on canonical values), and constant folding.
 * They compute exactly what {@link Scalars} computes; they only skip its dispatch. Anything not
 * listed here returns null and uses the general path.
 */
final class FastOps {
    private FastOps() {}

    /** A compiled constant, recognizable for folding. */
    record Constant(long value) implements Ev {
        @Override
        public long eval(BlockState b, int t) { return value; }
    }

    /** {@code a op c} for operands of type {@code ty}, specialized; null when not specialized. */
    static Ev binary(BOp op, ScalarType ty, Ev a, Ev c) {
        if (a instanceof Constant x && c instanceof Constant y) {
            try {
                return new Constant(Scalars.binary(op, ty, x.value(), y.value(), -1));
            } catch (Fault f) {
                return null; // e.g. a constant division by zero: report it when (if) it runs
            }
        }
        if (ty == ScalarType.I32) {
            return switch (op) {
                case ADD -> (b, t) -> (int) (a.eval(b, t) + c.eval(b, t));
                case SUB -> (b, t) -> (int) (a.eval(b, t) - c.eval(b, t));
                case MUL -> (b, t) -> (int) (a.eval(b, t) * c.eval(b, t));
                case AND -> (b, t) -> a.eval(b, t) & c.eval(b, t);
                case OR -> (b, t) -> a.eval(b, t) | c.eval(b, t);
                case XOR -> (b, t) -> a.eval(b, t) ^ c.eval(b, t);
                case SHL -> (b, t) -> (int) a.eval(b, t) << (c.eval(b, t) & 31);
                case SHR -> (b, t) -> a.eval(b, t) >> (c.eval(b, t) & 31);
                case DIV -> (b, t) -> (int) (a.eval(b, t) / divisor(c, b, t, ty)); // MIN / -1 wraps to MIN
                case REM -> (b, t) -> a.eval(b, t) % divisor(c, b, t, ty);
                default -> compare(op, a, c);
            };
        }
        if (ty == ScalarType.I64) {
            return switch (op) {
                case ADD -> (b, t) -> a.eval(b, t) + c.eval(b, t);
                case SUB -> (b, t) -> a.eval(b, t) - c.eval(b, t);
                case MUL -> (b, t) -> a.eval(b, t) * c.eval(b, t);
                case AND -> (b, t) -> a.eval(b, t) & c.eval(b, t);
                case OR -> (b, t) -> a.eval(b, t) | c.eval(b, t);
                case XOR -> (b, t) -> a.eval(b, t) ^ c.eval(b, t);
                case SHL -> (b, t) -> a.eval(b, t) << (c.eval(b, t) & 63);
                case SHR -> (b, t) -> a.eval(b, t) >> (c.eval(b, t) & 63);
                default -> compare(op, a, c);
            };
        }
        if (ty == ScalarType.U32) {
            // canonical U32 values are zero-extended, so signed long comparison is the unsigned one
            return compare(op, a, c);
        }
        return null;
    }

    private static long divisor(Ev c, BlockState b, int t, ScalarType ty) {
        long y = c.eval(b, t);
        if (y == 0) throw new Fault(t, "integer division by zero (" + ty + " divisor 0)");
        return y;
    }

    private static Ev compare(BOp op, Ev a, Ev c) {
        return switch (op) {
            case LT -> (b, t) -> a.eval(b, t) < c.eval(b, t) ? 1 : 0;
            case LE -> (b, t) -> a.eval(b, t) <= c.eval(b, t) ? 1 : 0;
            case GT -> (b, t) -> a.eval(b, t) > c.eval(b, t) ? 1 : 0;
            case GE -> (b, t) -> a.eval(b, t) >= c.eval(b, t) ? 1 : 0;
            case EQ -> (b, t) -> a.eval(b, t) == c.eval(b, t) ? 1 : 0;
            case NE -> (b, t) -> a.eval(b, t) != c.eval(b, t) ? 1 : 0;
            default -> null;
        };
    }

    /** Whether converting a canonical {@code from} value to {@code to} leaves the long unchanged. */
    static boolean convertIsIdentity(ScalarType from, ScalarType to) {
        if (from == to) return true;
        return switch (from) {
            // sign-extended I32 is the I64 value; zero-extended U32 is the I64/U64 value
            case I32 -> to == ScalarType.I64;
            case U32 -> to == ScalarType.I64 || to == ScalarType.U64;
            case I64 -> to == ScalarType.U64;
            case U64 -> to == ScalarType.I64;
            default -> false;
        };
    }
}
