package org.tilevm.bench.baseline;

import static org.tilevm.bench.baseline.Lanes.F;
import static org.tilevm.bench.baseline.Lanes.L;

import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import org.tilevm.spec.dtype.DType;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * The hand-written Vector API baseline of the quantized matmul {@code C[M,N] = A[M,K] x W[K,N]} on
 * the stdlib packed format: what a careful Java programmer writes, in the style of the Java LLM
 * runtimes (llama3.java, Jlama), for {@code u4, i4, u3, i3, u2, i2} weights with f32 activations.
 *
 * <ul>
 * <li><b>Vectorized along N</b>: a packed row is row-major along N, so one load brings the codes of
 *     consecutive columns; an {@link Unpacker} widens them to int lanes, extracts each code with a
 *     shift and a mask and converts it to f32. Accumulators are in the unpacker's phase order
 *     (e.g. even / odd columns for nibbles) and are put back in column order when C is stored.</li>
 * <li><b>M = 1 (GEMV)</b>: per block of rows within one scale group, FMA the raw codes times the
 *     broadcast activation into partial sums, then apply the group's zero point and scale once per
 *     block: {@code acc += (partial - zero * sum(a)) * scale} (the sum of the block's activations
 *     is computed once per call). The scale is a vector along N (gathered per block).</li>
 * <li><b>M &gt; 1 (GEMM)</b>: per block of at most 64 rows, the codes are dequantized once into a
 *     small f32 tile ({@code (code - zero) * scale}) that stays in L1, and every row of A is
 *     multiplied with it, four rows by two vectors at a time (eight accumulators): each
 *     dequantized weight vector is reused by all M rows.</li>
 * <li><b>Parallel over N</b>: column blocks of about one cache line of packed bytes per row are
 *     tasks of a parallel stream (the common ForkJoinPool), as those runtimes do. Columns past the
 *     last whole unit (a ragged N) are computed by the scalar loop.</li>
 * </ul>
 * Signed codes use offset binary (see {@link Unpacker}): one XOR per load, and the offset goes
 * with the zero point.
 */
public final class VectorQmatmul {
    private VectorQmatmul() {}

    /** Packed bytes per row a task covers (one cache line). */
    static final int TASK_BYTES = 64;
    /** Rows per block of the GEMV path (a block never straddles a scale group). */
    static final int GEMV_ROWS = 256;
    /** Rows per dequantized tile of the GEMM path. */
    static final int GEMM_ROWS = 64;

    /** Whether the kernel handles weights of this type. */
    public static boolean supports(DType type) {
        try {
            Unpacker.of(type);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** f32 lanes per vector on this machine (8 with AVX2, 16 with AVX-512). */
    public static int lanes() { return L; }

    /**
     * C[M,N] = A[M,K] x dequant(W): a row-major f32 [M,K], c row-major f32 [M,N] (overwritten).
     *
     * @throws IllegalArgumentException for a weight type other than u2, i2, u3, i3, u4, i4 or bad sizes
     */
    public static void multiply(float[] a, int m, QuantizedWeights w, float[] c) {
        ScalarQmatmul.checkOperands(a, m, w, c);
        Unpacker u = Unpacker.of(w.type());
        int units = w.n() / u.unitColumns();
        int perTask = Math.max(1, TASK_BYTES / u.unitBytes());
        int tasks = (units + perTask - 1) / perTask;
        boolean ragged = units * u.unitColumns() < w.n();
        KBlocks blocks = KBlocks.of(w.k(), w.groupSize(), m == 1 ? GEMV_ROWS : GEMM_ROWS);
        float[] blockSums = m == 1 ? blockSums(a, blocks) : null;
        IntStream.range(0, tasks + (ragged ? 1 : 0)).parallel().forEach(t -> {
            if (t == tasks) {
                ScalarQmatmul.multiplyColumns(a, m, w, c, units * u.unitColumns(), w.n());
            } else {
                int u0 = t * perTask, u1 = Math.min(units, u0 + perTask);
                if (m == 1) gemv(u, w, a, blocks, blockSums, u0, u1, c);
                else gemm(u, w, a, m, blocks, u0, u1, c);
            }
        });
    }

    /** Sum of the activations of each block (M = 1): what the zero point and the sign offset are multiplied by. */
    private static float[] blockSums(float[] a, KBlocks blocks) {
        float[] s = new float[blocks.count()];
        for (int b = 0; b < s.length; b++) {
            float sum = 0;
            for (int k = blocks.start()[b]; k < blocks.start()[b + 1]; k++) sum += a[k];
            s[b] = sum;
        }
        return s;
    }

    /** Units {@code [u0, u1)} of C's single row. */
    private static void gemv(Unpacker u, QuantizedWeights w, float[] a, KBlocks blocks, float[] blockSums,
                             int u0, int u1, float[] c) {
        int width = u.unitColumns();
        float[] acc = new float[(u1 - u0) * width];
        float[] partial = new float[width];
        long rowBytes = QuantizedWeights.rowBytes(w.n(), u.bits());
        MemorySegment packed = w.packed();
        for (int b = 0; b < blocks.count(); b++) {
            int k0 = blocks.start()[b], k1 = blocks.start()[b + 1], g = blocks.group()[b];
            for (int unit = u0; unit < u1; unit++) {
                u.partials(packed, rowBytes, (long) unit * u.unitBytes(), a, 0, k0, k1, partial);
                int acc0 = (unit - u0) * width, col0 = g * w.n() + unit * width;
                for (int v = 0; v < u.vectors(); v++) {
                    int col = col0 + columnOf(u, v, 0);
                    FloatVector scale = gather(w.scales(), col, u);
                    FloatVector zero = zeroPoint(w, col, u);
                    FloatVector p = FloatVector.fromArray(F, partial, v * L).sub(zero.mul(blockSums[b]));
                    p.fma(scale, FloatVector.fromArray(F, acc, acc0 + v * L)).intoArray(acc, acc0 + v * L);
                }
            }
        }
        store(u, acc, 0, c, 0, w.n(), u0, u1);
    }

    /** Units {@code [u0, u1)} of all M rows of C. */
    private static void gemm(Unpacker u, QuantizedWeights w, float[] a, int m, KBlocks blocks, int u0, int u1, float[] c) {
        int width = u.unitColumns(), stride = (u1 - u0) * width, k = w.k();
        float[] acc = new float[m * stride];
        float[] tile = new float[blocks.maxRows() * width];
        long rowBytes = QuantizedWeights.rowBytes(w.n(), u.bits());
        MemorySegment packed = w.packed();
        for (int b = 0; b < blocks.count(); b++) {
            int k0 = blocks.start()[b], k1 = blocks.start()[b + 1], g = blocks.group()[b];
            for (int unit = u0; unit < u1; unit++) {
                u.codes(packed, rowBytes, (long) unit * u.unitBytes(), k0, k1, tile);
                int col0 = g * w.n() + unit * width;
                for (int v = 0; v < u.vectors(); v++) {
                    int col = col0 + columnOf(u, v, 0);
                    FloatVector scale = gather(w.scales(), col, u);
                    FloatVector zero = zeroPoint(w, col, u);
                    for (int r = 0, o = v * L; r < k1 - k0; r++, o += width) {
                        FloatVector.fromArray(F, tile, o).sub(zero).mul(scale).intoArray(tile, o);
                    }
                }
                multiplyTile(a, m, k, k0, k1, tile, width, acc, (unit - u0) * width, stride);
            }
        }
        for (int i = 0; i < m; i++) store(u, acc, i * stride, c, i * w.n(), w.n(), u0, u1);
    }

    /**
     * {@code acc[i*stride + accOff + x] += sum_{k in [k0,k1)} a[i*K + k] * tile[(k-k0)*width + x]} for every
     * row i of A: four rows times two vectors per inner loop (eight FMA chains), then single rows.
     */
    private static void multiplyTile(float[] a, int m, int kk, int k0, int k1, float[] tile, int width,
                                     float[] acc, int accOff, int stride) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * kk, a1 = a0 + kk, a2 = a1 + kk, a3 = a2 + kk;
            for (int x = 0; x < width; x += 2 * L) {
                FloatVector c00 = FloatVector.zero(F), c01 = c00, c10 = c00, c11 = c00,
                        c20 = c00, c21 = c00, c30 = c00, c31 = c00;
                for (int k = k0, o = x; k < k1; k++, o += width) {
                    FloatVector w0 = FloatVector.fromArray(F, tile, o), w1 = FloatVector.fromArray(F, tile, o + L);
                    FloatVector b0 = FloatVector.broadcast(F, a[a0 + k]);
                    c00 = w0.fma(b0, c00);
                    c01 = w1.fma(b0, c01);
                    FloatVector b1 = FloatVector.broadcast(F, a[a1 + k]);
                    c10 = w0.fma(b1, c10);
                    c11 = w1.fma(b1, c11);
                    FloatVector b2 = FloatVector.broadcast(F, a[a2 + k]);
                    c20 = w0.fma(b2, c20);
                    c21 = w1.fma(b2, c21);
                    FloatVector b3 = FloatVector.broadcast(F, a[a3 + k]);
                    c30 = w0.fma(b3, c30);
                    c31 = w1.fma(b3, c31);
                }
                int o = i * stride + accOff + x;
                add(acc, o, c00, c01);
                add(acc, o + stride, c10, c11);
                add(acc, o + 2 * stride, c20, c21);
                add(acc, o + 3 * stride, c30, c31);
            }
        }
        for (; i < m; i++) {
            int a0 = i * kk;
            for (int x = 0; x < width; x += 2 * L) {
                FloatVector c0 = FloatVector.zero(F), c1 = c0;
                for (int k = k0, o = x; k < k1; k++, o += width) {
                    FloatVector b = FloatVector.broadcast(F, a[a0 + k]);
                    c0 = FloatVector.fromArray(F, tile, o).fma(b, c0);
                    c1 = FloatVector.fromArray(F, tile, o + L).fma(b, c1);
                }
                add(acc, i * stride + accOff + x, c0, c1);
            }
        }
    }

    private static void add(float[] acc, int o, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(F, acc, o).add(v0).intoArray(acc, o);
        FloatVector.fromArray(F, acc, o + L).add(v1).intoArray(acc, o + L);
    }

    /** The unit column of vector v, lane j (see {@link Unpacker}). */
    static int columnOf(Unpacker u, int v, int j) {
        int p = u.phases();
        return (v / p) * p * L + p * j + v % p;
    }

    /** {@code values[col + P*j]} for the L lanes j: one scale or zero-point row of vector v's columns. */
    private static FloatVector gather(float[] values, int col, Unpacker u) {
        return FloatVector.fromArray(F, values, col, Strides.of(u.phases()), 0);
    }

    /** The zero points of vector v's columns plus the unpacker's sign offset. */
    private static FloatVector zeroPoint(QuantizedWeights w, int col, Unpacker u) {
        FloatVector offset = FloatVector.broadcast(F, u.valueOffset());
        return w.zeros() == null ? offset : gather(w.zeros(), col, u).add(offset);
    }

    /** Writes the accumulators of units {@code [u0, u1)} (phase order) to one row of C (column order). */
    private static void store(Unpacker u, float[] acc, int accOff, float[] c, int cOff, int n, int u0, int u1) {
        int width = u.unitColumns();
        for (int unit = u0; unit < u1; unit++) {
            int base = accOff + (unit - u0) * width, col0 = cOff + unit * width;
            for (int v = 0; v < u.vectors(); v++) {
                for (int j = 0; j < L; j++) c[col0 + columnOf(u, v, j)] = acc[base + v * L + j];
            }
        }
    }

    /** Gather index maps {@code {0, P, 2P, ...}} (L lanes) for the phase counts 2, 4, 8. */
    private static final class Strides {
        private static final int[] P2 = stride(2), P4 = stride(4), P8 = stride(8);

        static int[] of(int p) {
            return switch (p) {
                case 2 -> P2;
                case 4 -> P4;
                case 8 -> P8;
                default -> throw new IllegalArgumentException("vector qmatmul baseline: no gather stride " + p);
            };
        }

        private static int[] stride(int p) {
            int[] idx = new int[L];
            for (int j = 0; j < L; j++) idx[j] = p * j;
            return idx;
        }
    }
}
