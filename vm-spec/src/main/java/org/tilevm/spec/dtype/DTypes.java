package org.tilevm.spec.dtype;

import java.util.ArrayList;
import java.util.List;

/** Named constants for the common types, and the lists of all types. */
public final class DTypes {
    private DTypes() {}
    /** The boolean type is {@code u1} (false = 0, true = 1); {@code BOOL.equals(U1)}. */
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

    private static final List<DType> LOW_BIT;
    private static final List<DType> ALL;

    static {
        List<DType> low = new ArrayList<>();
        for (int n = 1; n <= 8; n++) low.add(new IntType(n, false));
        for (int n = 1; n <= 8; n++) low.add(new IntType(n, true));
        for (int n = 2; n <= 8; n++) {
            for (int e = 1; e <= n - 1; e++) low.add(FloatType.of(e, n - 1 - e));
        }
        LOW_BIT = List.copyOf(low);
        List<DType> all = new ArrayList<>(low);
        all.addAll(List.of(U16, U32, I16, I32, I64, F16, BF16, F32));
        ALL = List.copyOf(all);
    }

    /**
     * Every type of at most 8 bits (44 types): u1..u8, i1..i8, then every fNeEmM by N and E
     * (f2e1m0, f3e1m1, f3e2m0, f4e1m2, f4e2m1, f4e3m0, ..., f8e4m3, f8e5m2, ..., f8e7m0).
     */
    public static List<DType> allLowBit() { return LOW_BIT; }

    /** Every type: {@link #allLowBit()} then u16, u32, i16, i32, i64, f16, bf16, f32. */
    public static List<DType> all() { return ALL; }
}
