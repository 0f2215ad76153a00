package org.tilevm.spec.dtype;

/** Named constants for the common types. */
public final class DTypes {
    private DTypes() {}
    public static final IntType BOOL = new IntType(1, false);
    public static final IntType U1 = new IntType(1, false), U2 = new IntType(2, false), U3 = new IntType(3, false),
            U4 = new IntType(4, false), U5 = new IntType(5, false), U6 = new IntType(6, false),
            U7 = new IntType(7, false), U8 = new IntType(8, false), U16 = new IntType(16, false),
            U32 = new IntType(32, false);
    public static final IntType I1 = new IntType(1, true), I2 = new IntType(2, true), I3 = new IntType(3, true),
            I4 = new IntType(4, true), I5 = new IntType(5, true), I6 = new IntType(6, true),
            I7 = new IntType(7, true), I8 = new IntType(8, true), I16 = new IntType(16, true),
            I32 = new IntType(32, true), I64 = new IntType(64, true);
    public static final FloatType F16 = new FloatType(5, 10, FloatType.Special.IEEE);
    public static final FloatType BF16 = new FloatType(8, 7, FloatType.Special.IEEE);
    public static final FloatType F32 = new FloatType(8, 23, FloatType.Special.IEEE);
    public static final FloatType F8E4M3 = new FloatType(4, 3, FloatType.Special.NAN_ONLY_ALL_ONES);
    public static final FloatType F8E5M2 = new FloatType(5, 2, FloatType.Special.IEEE);
    public static final FloatType F4E2M1 = new FloatType(2, 1, FloatType.Special.FINITE);
    public static final FloatType F6E3M2 = new FloatType(3, 2, FloatType.Special.FINITE);
    public static final FloatType F6E2M3 = new FloatType(2, 3, FloatType.Special.FINITE);
}
