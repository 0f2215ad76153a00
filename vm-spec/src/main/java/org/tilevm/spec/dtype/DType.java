package org.tilevm.spec.dtype;

/**
 * A TileVM data type. CONTRACT STUB: signatures are fixed; the implementation is being written.
 */
public sealed interface DType permits IntType, FloatType {
    String name();
    int bits();
    boolean isFloat();
    default boolean isInteger() { return !isFloat(); }
    boolean isSigned();
    /** Exact value of the code (the low bits() bits of code). */
    double decode(long code);
    /** Code of the value: round to nearest even, saturate on overflow. */
    long encode(double value);
    double maxValue();
    double minValue();
    static DType parse(String name) { throw new UnsupportedOperationException(); }
}
