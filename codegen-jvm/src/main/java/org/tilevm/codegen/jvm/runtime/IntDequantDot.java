package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;

/**
 * The integer form of {@link DequantDot} (W4A8-style programs): codes cast to a signed integer
 * type T of 16 or 32 bits, integer row operations, and a {@code dot} with an i32 accumulator:
 *
 * <pre>
 *   w   = wrapT(wrapT(code OP0 row0) OP1 row1)      (OP in add/sub/mul; wrapT: to T's width, two's complement)
 *   out = c + sum_k a[i, k] * w[k, j]               (i32, wrapping)
 * </pre>
 *
 * Integer arithmetic modulo 2^32 is associative, so any order gives the interpreter's result; the
 * vector path ({@code IntDequantDotVector}) dequantizes the tile into an int array and accumulates
 * 8 columns at a time. Register arrays hold codes: T elements (a, the rows) are the low
 * {@code tBits} bits, sign-extended here.
 */
public final class IntDequantDot {
    private IntDequantDot() {}

    /** Ints of scratch for a k x n tile. */
    public static int scratchSize(int k, int n) { return Math.max(k * 32, PHASE_STATE); }

    /** Ints of pass state of the phase-order path (kept here so that this class needs no Vector API class). */
    static final int PHASE_STATE = 128;

    /** Bytes of scratch: the tile's packed rows. */
    public static int byteScratchSize(int k, int n, int bits) { return k * n * bits / 8 + 64; } // + slack for word and vector reads

    public static void run(GlobalTensor g, long origin, int bits, boolean signed, int k, int n, int[] row0, int op0,
                           int[] row1, int op1, int tBits, int[] a, int m, int[] c, int[] out, int[] scratch, byte[] bytes,
                           int[] words) {
        boolean vector = VectorSupport.use();
        if (vector && TableDequantDot.handlesInt(bits, n, m, op0, op1)) {
            // reads c, writes out itself
            TableDequantDot.runInt(g.segment, origin, g.strides[0], bits, signed, k, n, tBits, a, c, out);
            return;
        }
        if (vector && DequantDot.PHASED && ColumnIntDequantDot.handles(bits, n, m, op0, op1)) {
            // reads c, writes out itself
            ColumnIntDequantDot.run(g.segment, origin, g.strides[0], bits, signed, k, n, row0, op0, tBits, a, c, out, bytes, words);
            return;
        }
        if (vector && DequantDot.PHASED && PhasedIntDequantDot.handles(bits, n, m, op0, op1)) {
            // reads c, writes out itself
            PhasedIntDequantDot.run(g.segment, origin, g.strides[0], bits, signed, k, n, row0, op0, tBits, a, c, out, scratch, bytes);
            return;
        }
        if (out != c) System.arraycopy(c, 0, out, 0, m * n);
        if (vector) {
            IntDequantDotVector.run(g.segment, origin, g.strides[0], bits, signed, k, n, row0, op0, row1, op1, tBits, a, m, out, scratch,
                    bytes);
        } else {
            scalar(g.segment, origin, g.strides[0], bits, signed, k, n, row0, op0, row1, op1, tBits, a, m, out);
        }
    }

    static int wrap(int v, int tBits) { return tBits == 32 ? v : v << (32 - tBits) >> (32 - tBits); }

    static int apply(int v, int op, int r, int tBits) {
        return switch (op) {
            case DequantDot.ADD -> wrap(v + r, tBits);
            case DequantDot.SUB -> wrap(v - r, tBits);
            case DequantDot.MUL -> wrap(v * r, tBits);
            default -> v;
        };
    }

    static void scalar(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n, int[] row0,
                       int op0, int[] row1, int op1, int tBits, int[] a, int m, int[] out) {
        int[] w = new int[n];
        for (int kk = 0; kk < k; kk++) {
            long rowOff = origin + kk * rowStride;
            for (int j0 = 0; j0 < n; j0 += 8) {
                long word = DequantDot.word(seg, rowOff + (long) (j0 / 8) * bits, bits);
                for (int l = 0; l < 8; l++) {
                    int code = (int) (word >>> (l * bits)) & ((1 << bits) - 1);
                    if (signed) code = code << (32 - bits) >> (32 - bits);
                    int j = j0 + l;
                    int v = apply(code, op0, row0 == null ? 0 : wrap(row0[j], tBits), tBits);
                    w[j] = apply(v, op1, row1 == null ? 0 : wrap(row1[j], tBits), tBits);
                }
            }
            for (int i = 0; i < m; i++) {
                int ai = wrap(a[i * k + kk], tBits);
                for (int j = 0; j < n; j++) out[i * n + j] += ai * w[j];
            }
        }
    }
}
