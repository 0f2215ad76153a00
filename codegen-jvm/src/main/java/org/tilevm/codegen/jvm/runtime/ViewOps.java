package org.tilevm.codegen.jvm.runtime;

import java.util.Arrays;

/**
 * {@code view}: per thread, the source registers' codes are concatenated (register 0 in the
 * lowest bits) and re-split into the result's codes (SPEC S6.6). Two paths: codes of at most 32
 * bits in {@code int[]} (f32 values are converted to and from their bits on the way), and 64-bit
 * codes in {@code long[]}.
 */
public final class ViewOps {
    private ViewOps() {}

    /** int codes to int codes (both sides at most 32 bits). */
    public static void ints(int[] in, int[] out, ViewPlan p) {
        if (p.b1 == p.b2) {
            System.arraycopy(in, 0, out, 0, out.length);
        } else {
            for (int t = 0; t < p.numThreads; t++) {
                int sb = t * p.n1, ob = t * p.n2;
                for (int j = 0; j < p.n2; j++) {
                    int v = 0;
                    for (int q = p.pieceStart[j], e = p.pieceStart[j + 1]; q < e; q++) {
                        int w = p.width[q];
                        int bits = in[sb + p.src[q]] >>> p.shift[q];
                        if (w < 32) bits &= (1 << w) - 1;
                        v |= bits << p.dst[q];
                    }
                    out[ob + j] = v;
                }
            }
        }
        if (p.holderStart != null) checkReplicas(p, i -> out[i] & 0xFFFF_FFFFL);
    }

    /** f32 values to int codes. */
    public static void fromFloats(float[] in, int[] out, ViewPlan p) {
        int[] codes = new int[in.length];
        for (int i = 0; i < in.length; i++) codes[i] = Float.floatToRawIntBits(in[i]);
        ints(codes, out, p);
    }

    /** int codes to f32 values. */
    public static void toFloats(int[] in, float[] out, ViewPlan p) {
        int[] codes = new int[out.length];
        ints(in, codes, p);
        for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat(codes[i]);
    }

    /** f32 values to f32 values (f32 -> f32 with another layout). */
    public static void floats(float[] in, float[] out, ViewPlan p) {
        System.arraycopy(in, 0, out, 0, out.length);
        if (p.holderStart != null) checkReplicas(p, i -> Float.floatToRawIntBits(out[i]) & 0xFFFF_FFFFL);
    }

    /** The general path over 64-bit codes (one side is i64). */
    public static void longs(long[] in, long[] out, ViewPlan p) {
        for (int t = 0; t < p.numThreads; t++) {
            int sb = t * p.n1, ob = t * p.n2;
            for (int j = 0; j < p.n2; j++) {
                long v = 0;
                for (int q = p.pieceStart[j], e = p.pieceStart[j + 1]; q < e; q++) {
                    int w = p.width[q];
                    long bits = in[sb + p.src[q]] >>> p.shift[q];
                    if (w < 64) bits &= (1L << w) - 1;
                    v |= bits << p.dst[q];
                }
                out[ob + j] = v;
            }
        }
        if (p.holderStart != null) checkReplicas(p, i -> out[i]);
    }

    /** Codes of any representation as 64-bit codes (input of {@link #longs}). */
    public static long[] codesOf(Object data, int bits) {
        return switch (data) {
            case int[] a -> {
                long[] r = new long[a.length];
                long mask = bits == 32 ? 0xFFFF_FFFFL : (1L << bits) - 1;
                for (int i = 0; i < a.length; i++) r[i] = a[i] & mask;
                yield r;
            }
            case float[] a -> {
                long[] r = new long[a.length];
                for (int i = 0; i < a.length; i++) r[i] = Float.floatToRawIntBits(a[i]) & 0xFFFF_FFFFL;
                yield r;
            }
            case long[] a -> a;
            default -> throw new IllegalArgumentException("not a register array: " + data);
        };
    }

    /** Stores 64-bit codes into an array of any representation. */
    public static void storeCodes(long[] codes, Object data) {
        switch (data) {
            case int[] a -> { for (int i = 0; i < a.length; i++) a[i] = (int) codes[i]; }
            case float[] a -> { for (int i = 0; i < a.length; i++) a[i] = Float.intBitsToFloat((int) codes[i]); }
            case long[] a -> System.arraycopy(codes, 0, a, 0, a.length);
            default -> throw new IllegalArgumentException("not a register array: " + data);
        }
    }

    private static void checkReplicas(ViewPlan p, java.util.function.IntToLongFunction code) {
        int ne = p.holderStart.length - 1;
        for (int e = 0; e < ne; e++) {
            int first = p.holderSlots[p.holderStart[e]];
            long c0 = code.applyAsLong(first);
            for (int h = p.holderStart[e] + 1; h < p.holderStart[e + 1]; h++) {
                int s = p.holderSlots[h];
                long c = code.applyAsLong(s);
                if (c != c0) {
                    throw new KernelFault("view gives element " + Arrays.toString(unflatten(e, p.outShape)) + " of "
                            + p.outName + " different bits in thread " + first / p.outLocalSize + " (0x"
                            + Long.toHexString(c0) + ") and thread " + s / p.outLocalSize + " (0x" + Long.toHexString(c)
                            + "), but its layout replicates the element");
                }
            }
        }
    }

    static int[] unflatten(int e, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = e % shape[d];
            e /= shape[d];
        }
        return idx;
    }
}
