package org.tilevm.spec.ir;

/** Binary operators, shared by scalar expressions and elementwise tensor instructions. */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), MIN("min"), MAX("max"),
    BIT_AND("&"), BIT_OR("|"), BIT_XOR("^"), SHL("<<"), SHR(">>"),
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), AND("&&"), OR("||");

    private final String symbol;

    BinaryOp(String symbol) { this.symbol = symbol; }

    /** The operator as printed (an infix symbol, or a function name for min/max). */
    public String symbol() { return symbol; }

    /** True when the result is a boolean ({@code u1}) rather than the operands' type. */
    public boolean isComparison() {
        return switch (this) {
            case LT, LE, GT, GE, EQ, NE, AND, OR -> true;
            default -> false;
        };
    }

    /** True for operators printed as a function call ({@code min(a, b)}). */
    public boolean isFunction() { return this == MIN || this == MAX; }

    /** True for operators defined only on integers. */
    public boolean isIntegerOnly() {
        return switch (this) {
            case MOD, BIT_AND, BIT_OR, BIT_XOR, SHL, SHR -> true;
            default -> false;
        };
    }
}
