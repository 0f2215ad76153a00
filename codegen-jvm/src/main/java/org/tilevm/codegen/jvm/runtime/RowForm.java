package org.tilevm.codegen.jvm.runtime;

/**
 * Row operations of a fused chain in the form {@code (w + add) * mul}, which covers none, one add
 * or subtraction, one multiplication, and a subtraction then a multiplication (the zero point and
 * scale chains): {@code add} is the additive row (to be negated when {@code negate}, a
 * subtraction) or null, {@code mul} the multiplicative row or null. The kernels use the identities
 * {@code -0.0} for a missing add (x + -0.0 == x for every x, -0.0 included) and {@code 1.0} for a
 * missing multiply.
 */
record RowForm(float[] add, boolean negate, float[] mul) {

    /** Whether the operations have this form (the kernels that use it check this first). */
    static boolean fits(int op0, int op1) {
        return op1 == DequantDot.NONE || (op1 == DequantDot.MUL && op0 != DequantDot.MUL);
    }

    static RowForm of(float[] row0, int op0, float[] row1, int op1) {
        if (op0 == DequantDot.ADD || op0 == DequantDot.SUB) {
            return new RowForm(row0, op0 == DequantDot.SUB, op1 == DequantDot.MUL ? row1 : null);
        }
        return new RowForm(null, false, op0 == DequantDot.MUL ? row0 : null);
    }
}
