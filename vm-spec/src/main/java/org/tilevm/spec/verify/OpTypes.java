package org.tilevm.spec.verify;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.UnaryOp;

/**
 * Which operand dtypes each operator accepts, shared by scalar expressions and elementwise
 * tensor instructions. The classification itself is data on the operator enums
 * ({@link BinaryOp#isIntegerOnly()}, {@link UnaryOp#isFloatOnly()}, ...).
 */
final class OpTypes {
    private OpTypes() {}

    /** Null when {@code op} accepts operands of {@code type}, else the reason. */
    static String binary(BinaryOp op, DType type) {
        if ((op == BinaryOp.AND || op == BinaryOp.OR) && !type.equals(DTypes.BOOL)) {
            return "operator " + op.symbol() + " needs u1 (bool) operands, not " + type.name();
        }
        if (op.isIntegerOnly() && type.isFloat()) {
            return "operator " + op.symbol() + " is defined only on integers, not " + type.name();
        }
        return null;
    }

    /** Null when {@code op} accepts an operand of {@code type}, else the reason. */
    static String unary(UnaryOp op, DType type) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        if (op.isFloatOnly() && !type.isFloat()) {
            return "operator " + name + " is defined only on floats, not " + type.name();
        }
        if (op.isIntegerOnly() && type.isFloat()) {
            return "operator " + name + " is defined only on integers, not " + type.name();
        }
        return null;
    }

    /** The result dtype of {@code a op b} for operands of {@code type}. */
    static DType binaryResult(BinaryOp op, DType type) {
        return op.isComparison() ? DTypes.BOOL : type;
    }
}
