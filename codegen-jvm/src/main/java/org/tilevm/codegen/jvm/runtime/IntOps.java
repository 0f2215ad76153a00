package org.tilevm.codegen.jvm.runtime;

/**
 * Tiny integer helpers called by generated element code (inlined by the JIT). Public only because
 * generated classes call them; not an API.
 */
public final class IntOps {
    private IntOps() {}

    public static int isZero(int x) { return x == 0 ? 1 : 0; }

    public static long isZero(long x) { return x == 0 ? 1 : 0; }

    public static int minU32(int x, int y) { return Integer.compareUnsigned(x, y) <= 0 ? x : y; }

    public static int maxU32(int x, int y) { return Integer.compareUnsigned(x, y) >= 0 ? x : y; }
}
