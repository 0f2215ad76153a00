package org.tilevm.spec.ir;

/** Unary operators, shared by scalar expressions and elementwise tensor instructions. */
public enum UnaryOp {
    NEG("-"), ABS("abs"), NOT("!"), BIT_NOT("~"), EXP("exp"), LOG("log"), SQRT("sqrt"), RSQRT("rsqrt");

    private final String symbol;

    UnaryOp(String symbol) { this.symbol = symbol; }

    public String symbol() { return symbol; }

    /** True for operators defined only on floats. */
    public boolean isFloatOnly() {
        return this == EXP || this == LOG || this == SQRT || this == RSQRT;
    }

    /** True for operators defined only on integers. */
    public boolean isIntegerOnly() { return this == NOT || this == BIT_NOT; }
}
