package org.tilevm.codegen.jvm.runtime;

import java.util.Arrays;

/**
 * {@code view} on tensors stored by element (SPEC S6.6), following a {@link ViewPlan}: codes of at
 * most 32 bits in {@code int[]} (f32 values pass as their bits), or 64-bit codes in {@code long[]}.
 */
public final class ViewOps {
    private ViewOps() {}

    /** int codes to int codes (both sides at most 32 bits). */
    public static void ints(int[] in, int[] out, ViewPlan p) {
        int n = out.length;
        if (p.singlePieces) {
            int mask = p.outBits == 32 ? -1 : (1 << p.outBits) - 1;
            for (int e = 0; e < n; e++) out[e] = (in[p.src[e]] >>> p.shift[e]) & mask;
        } else {
            for (int e = 0; e < n; e++) {
                int v = 0;
                for (int q = p.pieceStart[e], end = p.pieceStart[e + 1]; q < end; q++) {
                    v |= piece(in[p.src[q]], p.shift[q], p.width[q]) << p.dst[q];
                }
                out[e] = v;
            }
        }
        if (p.checkElems.length > 0) check(p, src -> in[src] & 0xFFFF_FFFFL, e -> out[e] & 0xFFFF_FFFFL);
    }

    private static int piece(int code, int shift, int width) {
        int bits = code >>> shift;
        return width < 32 ? bits & ((1 << width) - 1) : bits;
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

    /** f32 values to f32 values (an f32 tensor viewed with another layout). */
    public static void floats(float[] in, float[] out, ViewPlan p) {
        int[] codes = new int[in.length], res = new int[out.length];
        for (int i = 0; i < in.length; i++) codes[i] = Float.floatToRawIntBits(in[i]);
        ints(codes, res, p);
        for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat(res[i]);
    }

    /** The general path over 64-bit codes (a side of i64). */
    public static void longs(long[] in, long[] out, ViewPlan p) {
        for (int e = 0; e < out.length; e++) {
            long v = 0;
            for (int q = p.pieceStart[e], end = p.pieceStart[e + 1]; q < end; q++) {
                v |= piece(in[p.src[q]], p.shift[q], p.width[q]) << p.dst[q];
            }
            out[e] = v;
        }
        if (p.checkElems.length > 0) check(p, src -> in[src], e -> out[e]);
    }

    private static long piece(long code, int shift, int width) {
        long bits = code >>> shift;
        return width < 64 ? bits & ((1L << width) - 1) : bits;
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

    /** Every holder of a checked element must assemble the same bits as the first (the interpreter's error otherwise). */
    private static void check(ViewPlan p, java.util.function.IntToLongFunction src, java.util.function.IntToLongFunction out) {
        for (int i = 0; i < p.checkElems.length; i++) {
            int e = p.checkElems[i];
            long first = out.applyAsLong(e);
            int firstThread = p.checkThread[p.checkStart[i]];
            for (int h = p.checkStart[i] + 1; h < p.checkStart[i + 1]; h++) {
                long v = 0;
                for (int q = p.checkPieceStart[h]; q < p.checkPieceStart[h + 1]; q++) {
                    v |= piece(src.applyAsLong(p.checkSrc[q]), p.checkShift[q], p.checkWidth[q]) << p.checkDst[q];
                }
                if (v != first) {
                    throw new KernelFault("view gives element " + Arrays.toString(unflatten(e, p.outShape)) + " of "
                            + p.outName + " different bits in thread " + firstThread + " (0x" + Long.toHexString(first)
                            + ") and thread " + p.checkThread[h] + " (0x" + Long.toHexString(v)
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
