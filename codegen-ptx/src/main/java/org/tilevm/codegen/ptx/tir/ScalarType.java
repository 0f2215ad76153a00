package org.tilevm.codegen.ptx.tir;

/**
 * The types of per-thread scalar values in a thread-level program: what a GPU register holds.
 * Element codes of tensors of any dtype travel as {@link #U32} (or {@link #U64}) bit patterns;
 * {@link TExpr.Decode} turns them into values of these types and {@link TExpr.Encode} back.
 */
public enum ScalarType {
    PRED(1, false, false, "bool"),
    I32(32, true, false, "int"),
    U32(32, false, false, "unsigned"),
    I64(64, true, false, "long long"),
    U64(64, false, false, "unsigned long long"),
    F32(32, true, true, "float"),
    F64(64, true, true, "double");

    private final int bits;
    private final boolean signed;
    private final boolean isFloat;
    private final String cName;

    ScalarType(int bits, boolean signed, boolean isFloat, String cName) {
        this.bits = bits;
        this.signed = signed;
        this.isFloat = isFloat;
        this.cName = cName;
    }

    public int bits() { return bits; }

    public boolean isSigned() { return signed; }

    public boolean isFloat() { return isFloat; }

    public boolean isInteger() { return !isFloat && this != PRED; }

    /** The CUDA C++ spelling of the type. */
    public String cName() { return cName; }
}
