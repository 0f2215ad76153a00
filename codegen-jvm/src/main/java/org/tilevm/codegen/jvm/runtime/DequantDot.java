package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The fused dequantize-and-multiply kernel (see {@code gen.DequantDotFusion}): for a tile of packed
 * integer codes in global memory it computes, in one pass and without materializing the
 * intermediate tiles, what this instruction chain computes:
 *
 * <pre>
 *   bytes = load_global g[r0 : r0 + K, c0 : c0 + N*bits/8]   (u8)
 *   codes = view bytes as uBITS / iBITS [K, N]                  (row r, column j = stream bits [j*bits, (j+1)*bits) of row r)
 *   w     = cast codes to f32
 *   w     = w OP0 row0; w = w OP1 row1                          (optional; rows are [1, N] f32, OP in add/sub/mul)
 *   out   = dot a, w, c                                         (a [M, K] f32, c and out [M, N] f32)
 * </pre>
 *
 * Bit-identical to the chain run instruction by instruction: every element of w is computed with
 * the same f32 operations, and every element of out accumulates {@code out = out + a[i,k] * w[k,j]}
 * (a product rounded, then a sum rounded: no fused multiply-add) in ascending k, starting from c.
 * Only the order <em>between</em> independent output elements changes, which is what lets the
 * vector path ({@code DequantDotVector}) compute 8 columns at once. NaN results become the
 * canonical NaN, as the chain's f32 results do.
 *
 * <p>The caller guarantees that the tile lies inside the global shape and the segment
 * ({@link GlobalOps#denseOrigin}); words read past the tile's last byte (a code group is read as one
 * 32- or 64-bit word) are read only where the segment holds them, else byte by byte.
 */
public final class DequantDot {
    private DequantDot() {}

    /** Row operations, as the generated code passes them. */
    public static final int NONE = 0, ADD = 1, SUB = 2, MUL = 3;

    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Whether the Vector API path runs (the incubator module is present and vectors hold at least 8 floats). */
    public static final boolean VECTOR = VectorSupport.AVAILABLE && !Boolean.getBoolean("tilevm.jvm.noVector");

    /**
     * Runs the chain. {@code origin} is the element (byte) offset of the tile's first byte, rows
     * {@code g.strides[0]} bytes apart; {@code k} rows of {@code n} codes (n a multiple of 8) of
     * {@code bits} bits; {@code m} rows of a and out. {@code scratch} holds at least
     * {@link #scratchSize}{@code (k)} floats and {@code bytes} {@link #byteScratchSize} bytes (the
     * block's, allocated once).
     */
    public static void run(GlobalTensor g, long origin, int bits, boolean signed, int k, int n,
                           float[] row0, int op0, float[] row1, int op1, float[] a, int m, float[] c, float[] out,
                           float[] scratch, byte[] bytes, int[] words) {
        boolean vector = VectorSupport.use();
        if (vector && TableDequantDot.handles(bits, n, m, op0, op1)) {
            // reads c, writes out (canonical NaN included) itself
            TableDequantDot.run(g.segment, origin, g.strides[0], bits, signed, k, n, a, c, out);
            return;
        }
        if (vector && PHASED && ColumnDequantDot.handles(bits, n, m, op0, op1)) {
            // reads c, writes out (canonical NaN included) itself
            ColumnDequantDot.run(g.segment, origin, g.strides[0], bits, signed, k, n, row0, op0, row1, op1, a, c, out, bytes, words);
            return;
        }
        if (vector && PHASED && m == 1 && PhasedDequantDot.handles(bits, n, op0, op1)) {
            // reads c, writes out (canonical NaN included) itself
            PhasedDequantDot.run(g.segment, origin, g.strides[0], bits, signed, k, n, row0, op0, row1, op1, a, c, out, scratch, bytes);
            return;
        }
        if (out != c) System.arraycopy(c, 0, out, 0, m * n);
        if (vector) {
            DequantDotVector.run(g.segment, origin, g.strides[0], bits, signed, k, n, row0, op0, row1, op1, a, m, out, scratch, bytes);
        } else {
            scalar(g.segment, origin, g.strides[0], bits, signed, null, k, n, row0, op0, row1, op1, a, m, out);
        }
        F32Elementwise.canonicalize(out, m * n);
    }

    /**
     * The chain for codes of a float type of 1, 2 or 4 bits ({@code f4e2m1}, ...): {@code values[e]}
     * is the f32 value of code {@code e & (2^bits - 1)} for e below 32 (every value of such a type is
     * an f32 value, so the chain's {@code cast} is exact). The value tables drive the same kernels
     * as for integer codes where they apply (M = 1 without row operations: {@link TableDequantDot};
     * otherwise the strided path, whose 16-lane decode reads the table), else the scalar loop.
     */
    public static void runFloatCodes(GlobalTensor g, long origin, int bits, float[] values, int k, int n,
                                     float[] row0, int op0, float[] row1, int op1, float[] a, int m, float[] c, float[] out,
                                     float[] scratch, byte[] bytes) {
        boolean vector = VectorSupport.use();
        if (vector && TableDequantDot.handles(bits, n, m, op0, op1)) {
            TableDequantDot.runTable(g.segment, origin, g.strides[0], bits, values, k, n, a, c, out);
            return;
        }
        if (out != c) System.arraycopy(c, 0, out, 0, m * n);
        if (vector) {
            DequantDotVector.runFloatCodes(g.segment, origin, g.strides[0], bits, values, k, n, row0, op0, row1, op1, a, m, out,
                    scratch, bytes);
        } else {
            scalar(g.segment, origin, g.strides[0], bits, false, values, k, n, row0, op0, row1, op1, a, m, out);
        }
        F32Elementwise.canonicalize(out, m * n);
    }

    /** Whether the phase-order path may run ({@code -Dtilevm.jvm.phased=false} turns it off, for comparisons). */
    static final boolean PHASED = !"false".equals(System.getProperty("tilevm.jvm.phased"));

    /** Floats of scratch a call with k rows needs. */
    public static int scratchSize(int k) { return Math.max(k * STRIP, 192); } // the strided strip; the phase-order pass state

    /** Ints of scratch: the tile's packed rows as ints (1, 2 and 4 bits). */
    public static int wordScratchSize(int k, int n, int bits) { return (k * n * bits + 31) / 32; }

    /** Bytes of scratch a call needs: the tile's packed rows. */
    public static int byteScratchSize(int k, int n, int bits) { return k * n * bits / 8 + 64; } // + slack for word and vector reads

    /** Columns per strip of the vector path (a multiple of 8). */
    static final int STRIP = 32;

    /**
     * The same computation, one element at a time (no Vector API), accumulating into {@code out};
     * {@code values} (float codes) gives each code's value, else the code is an integer.
     */
    static void scalar(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, float[] values, int k, int n,
                       float[] row0, int op0, float[] row1, int op1, float[] a, int m, float[] out) {
        float[] w = new float[n];
        for (int kk = 0; kk < k; kk++) {
            long rowOff = origin + kk * rowStride;
            for (int j0 = 0; j0 < n; j0 += 8) {
                long word = word(seg, rowOff + (long) (j0 / 8) * bits, bits);
                for (int l = 0; l < 8; l++) {
                    int code = (int) (word >>> (l * bits)) & ((1 << bits) - 1);
                    if (signed) code = code << (32 - bits) >> (32 - bits);
                    int j = j0 + l;
                    float v = values != null ? values[code] : code;
                    w[j] = apply(apply(v, op0, row0 == null ? 0f : row0[j]), op1, row1 == null ? 0f : row1[j]);
                }
            }
            for (int i = 0; i < m; i++) {
                float ai = a[i * k + kk];
                for (int j = 0; j < n; j++) out[i * n + j] = out[i * n + j] + ai * w[j];
            }
        }
    }

    static float apply(float v, int op, float r) {
        return switch (op) {
            case ADD -> v + r;
            case SUB -> v - r;
            case MUL -> v * r;
            default -> v;
        };
    }

    /** The {@code bits} bytes at {@code off} (one group of 8 codes) as the low bytes of a little-endian word. */
    static long word(MemorySegment seg, long off, int bits) {
        if (off + 8 <= seg.byteSize()) {
            long w = seg.get(LE_LONG, off);
            return bits == 8 ? w : w & ((1L << (8 * bits)) - 1);
        }
        long w = 0;
        for (int b = 0; b < bits; b++) w |= (seg.get(ValueLayout.JAVA_BYTE, off + b) & 0xFFL) << (8 * b);
        return w;
    }
}
