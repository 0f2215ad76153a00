package org.tilevm.bench.baseline;

import static org.tilevm.bench.baseline.Lanes.F;
import static org.tilevm.bench.baseline.Lanes.L;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import org.tilevm.spec.dtype.DType;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * The hand-written Vector API baseline of the quantized matmul {@code C[M,N] = A[M,K] x W[K,N]} on
 * the stdlib packed format: what a careful Java programmer writes, in the style of the Java LLM
 * runtimes (llama3.java, Jlama: unpack codes with shifts and masks, widen to f32, FMA, apply the
 * scale once per block), for {@code u4, i4, u3, i3, u2, i2} weights with f32 activations.
 *
 * <ul>
 * <li><b>Vectorized along N</b>: a packed row is row-major along N, so one load brings the codes of
 *     consecutive columns. An {@link Unpacker} puts the eight codes of each group of eight columns
 *     in one int lane and extracts code p of every lane with a shift and a mask: eight f32 vectors
 *     per unit of {@code 8L} columns, in <em>phase order</em> (vector p holds columns p, p+8, ...).</li>
 * <li><b>M = 1 (GEMV)</b>: K is split into row ranges, one task each (parallel stream); a task streams
 *     its packed rows front to back (whole rows, so the hardware prefetcher sees sequential memory),
 *     FMAs the raw codes times the broadcast activation into partial sums for the whole row (four
 *     rows per pass), and once per scale group turns them into column order (a gather from L1) and
 *     applies {@code acc += (partial - zero * sum(a)) * scale} with contiguous loads of the zero
 *     points and scales. The tasks' rows are summed at the end.</li>
 * <li><b>M &gt; 1 (GEMM)</b>: columns are split into tasks of one cache line of packed bytes per row;
 *     per block of at most 64 rows within one group, a task dequantizes its codes once into a small
 *     f32 tile ({@code code * scale - zero * scale}, one FMA, with the block's scales gathered into
 *     phase order) that stays in L1, and every row of A is multiplied with it, two rows by four
 *     vectors at a time (eight accumulators): each dequantized weight vector is reused by all M rows.</li>
 * <li>Columns past the last whole unit (a ragged N) are computed by the scalar loop.</li>
 * </ul>
 * Signed codes use offset binary (see {@link Unpacker}): one XOR per load, and the offset goes
 * with the zero point. Two lessons of writing it, both about C2: a hot loop with more than about
 * eight unpack-and-FMA chains exceeds the JIT's inlining node budget and falls back to boxed vectors
 * (so the row pass handles four phases at a time), and walking K down a narrow column of a
 * row-major matrix defeats the prefetcher (so the GEMV splits K, not N).
 */
public final class VectorQmatmul {
    private VectorQmatmul() {}

    /** GEMM: packed bytes per row a task covers (one cache line). */
    static final int TASK_BYTES = 64;
    /** GEMV: packed rows accumulated per pass over a row's partial sums. */
    static final int ROWS_PER_PASS = 4;
    /** GEMV: the fewest rows a task gets, and tasks per thread (more tasks than threads balance the load). */
    static final int GEMV_MIN_ROWS = 256, GEMV_TASKS_PER_THREAD = 2;
    /**
     * Gather index map from phase order to column order within a unit: lane l of the vector of
     * columns {@code 8q .. 8q+L-1} is phase {@code l % 8} of int lane {@code l / 8} (plus q's offset).
     */
    private static final int[] TO_COLUMNS = java.util.stream.IntStream.range(0, L)
            .map(l -> (l % Unpacker.PHASES) * L + l / Unpacker.PHASES).toArray();
    /** Gather index map {@code {0, 8, 16, ...}}: the columns of one phase. */
    private static final int[] STRIDE = java.util.stream.IntStream.range(0, L).map(j -> Unpacker.PHASES * j).toArray();

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
        boolean ragged = units * u.unitColumns() < w.n();
        if (m == 1) {
            if (units > 0) gemv(u, w, a, units, c);
            if (ragged) ScalarQmatmul.multiplyColumns(a, 1, w, c, units * u.unitColumns(), w.n());
            return;
        }
        int perTask = Math.max(1, TASK_BYTES / u.unitBytes());
        int tasks = (units + perTask - 1) / perTask;
        KBlocks blocks = KBlocks.of(w.k(), w.groupSize(), GEMM_ROWS);
        IntStream.range(0, tasks + (ragged ? 1 : 0)).parallel().forEach(t -> {
            if (t == tasks) {
                ScalarQmatmul.multiplyColumns(a, m, w, c, units * u.unitColumns(), w.n());
            } else {
                int u0 = t * perTask, u1 = Math.min(units, u0 + perTask);
                gemm(u, w, a, m, blocks, u0, u1, c);
            }
        });
    }

    /**
     * M = 1, the whole units of C's row: K is split into row ranges, one per task; a task streams its
     * packed rows front to back and returns its partial C row, and the partial rows are summed.
     */
    private static void gemv(Unpacker u, QuantizedWeights w, float[] a, int units, float[] c) {
        int k = w.k();
        int tasks = Math.max(1, Math.min((k + GEMV_MIN_ROWS - 1) / GEMV_MIN_ROWS, GEMV_TASKS_PER_THREAD * threads()));
        List<float[]> partials = IntStream.range(0, tasks).parallel()
                .mapToObj(t -> gemvRows(u, w, a, units, (int) ((long) k * t / tasks), (int) ((long) k * (t + 1) / tasks)))
                .toList();
        float[] sum = partials.get(0);
        for (int t = 1; t < tasks; t++) {
            float[] p = partials.get(t);
            for (int x = 0; x < sum.length; x += L) {
                FloatVector.fromArray(F, sum, x).add(FloatVector.fromArray(F, p, x)).intoArray(sum, x);
            }
        }
        System.arraycopy(sum, 0, c, 0, sum.length);
    }

    /**
     * Rows {@code [r0, r1)} of the GEMV, for every whole unit: per piece of a scale group, the raw (offset)
     * codes times the activations are summed into {@code part} (phase order), a few rows per pass
     * ({@link Unpacker#accumulateRows}); at the end of the piece the partial sums are gathered into
     * column order (from L1) and {@code acc += (part - zero * sum(a)) * scale} takes the zero points
     * (plus the sign offset) and scales with contiguous loads. Returns acc, C's row in column order.
     */
    private static float[] gemvRows(Unpacker u, QuantizedWeights w, float[] a, int units, int r0, int r1) {
        int width = units * u.unitColumns(), n = w.n(), g = w.groupSize();
        float[] acc = new float[width], part = new float[width];
        long rowBytes = QuantizedWeights.rowBytes(n, u.bits());
        MemorySegment packed = w.packed();
        for (int k0 = r0; k0 < r1; ) {
            int group = k0 / g, k1 = (int) Math.min(r1, (long) (group + 1) * g);
            Arrays.fill(part, 0f);
            float sumA = 0;
            for (int k = k0; k < k1; k += ROWS_PER_PASS) {
                int rows = Math.min(ROWS_PER_PASS, k1 - k);
                accumulate(u, packed, rowBytes, k, rows, a, units, part);
                for (int r = k; r < k + rows; r++) sumA += a[r];
            }
            FloatVector sums = FloatVector.broadcast(F, sumA);
            float[] zeros = w.zeros();
            FloatVector offset = FloatVector.broadcast(F, u.valueOffset());
            for (int x = 0; x < width; x += L) {
                // x: the first of L consecutive columns; their partial sums lie at phase x%8.. of int lanes x/8..
                int unitBase = x / u.unitColumns() * u.unitColumns(), col = group * n + x;
                FloatVector sum = FloatVector.fromArray(F, part, unitBase + (x - unitBase) / Unpacker.PHASES, TO_COLUMNS, 0);
                FloatVector zero = zeros == null ? offset : FloatVector.fromArray(F, zeros, col).add(offset);
                sum.sub(zero.mul(sums)).fma(FloatVector.fromArray(F, w.scales(), col), FloatVector.fromArray(F, acc, x))
                        .intoArray(acc, x);
            }
            k0 = k1;
        }
        return acc;
    }

    /**
     * {@link Unpacker#accumulateRows} of rows {@code [k, k+rows)}, except that a row whose loads would
     * read past the packed segment (3-bit codes, last row) is read from a padded copy.
     */
    private static void accumulate(Unpacker u, MemorySegment packed, long rowBytes, int k, int rows, float[] a,
                                   int units, float[] part) {
        long end = (k + rows - 1) * rowBytes + (long) units * u.unitBytes() + u.overread();
        if (end <= packed.byteSize()) {
            u.accumulateRows(packed, k * rowBytes, rowBytes, rows, a, k, units, part);
            return;
        }
        if (rows > 1) u.accumulateRows(packed, k * rowBytes, rowBytes, rows - 1, a, k, units, part);
        u.accumulateRows(paddedRow(packed, rowBytes, k + rows - 1, u), 0, rowBytes, 1, a, k + rows - 1, units, part);
    }

    /** {@link Unpacker#dequantize} of rows {@code [k0, k1)} of one unit, the last packed row from a padded copy where needed. */
    private static void dequantize(Unpacker u, MemorySegment packed, long rowBytes, long unitByte, int k0, int k1,
                                   float[] scales, float[] shifts, float[] tile) {
        if ((k1 - 1) * rowBytes + unitByte + u.unitBytes() + u.overread() <= packed.byteSize()) {
            u.dequantize(packed, rowBytes, unitByte, k0, k1, scales, shifts, tile);
            return;
        }
        if (k1 - 1 > k0) u.dequantize(packed, rowBytes, unitByte, k0, k1 - 1, scales, shifts, tile);
        int width = u.unitColumns();
        float[] last = new float[width];
        u.dequantize(paddedRow(packed, rowBytes, k1 - 1, u), rowBytes, unitByte, 0, 1, scales, shifts, last);
        System.arraycopy(last, 0, tile, (k1 - 1 - k0) * width, width);
    }

    /** Row {@code r} of the packed segment in a new native segment with {@link Unpacker#overread()} zero bytes after it. */
    private static MemorySegment paddedRow(MemorySegment packed, long rowBytes, int r, Unpacker u) {
        MemorySegment row = Arena.ofAuto().allocate(rowBytes + u.overread(), 64);
        row.copyFrom(packed.asSlice(r * rowBytes, rowBytes));
        return row;
    }

    /** Threads of the common pool, the caller included. */
    private static int threads() { return ForkJoinPool.getCommonPoolParallelism() + 1; }

    /** Units {@code [u0, u1)} of all M rows of C. */
    private static void gemm(Unpacker u, QuantizedWeights w, float[] a, int m, KBlocks blocks, int u0, int u1, float[] c) {
        int width = u.unitColumns(), stride = (u1 - u0) * width, k = w.k();
        float[] acc = new float[m * stride];
        float[] tile = new float[blocks.maxRows() * width], scales = new float[width], shifts = new float[width];
        long rowBytes = QuantizedWeights.rowBytes(w.n(), u.bits());
        MemorySegment packed = w.packed();
        for (int b = 0; b < blocks.count(); b++) {
            int k0 = blocks.start()[b], k1 = blocks.start()[b + 1], g = blocks.group()[b];
            for (int unit = u0; unit < u1; unit++) {
                int col0 = g * w.n() + unit * width;
                for (int p = 0; p < Unpacker.PHASES; p++) {
                    FloatVector scale = gather(w.scales(), col0 + p);
                    scale.intoArray(scales, p * L);
                    zeroPoint(w, col0 + p, u).mul(scale).neg().intoArray(shifts, p * L);
                }
                dequantize(u, packed, rowBytes, (long) unit * u.unitBytes(), k0, k1, scales, shifts, tile);
                multiplyTile(a, m, k, k0, k1, tile, width, acc, (unit - u0) * width, stride);
            }
        }
        for (int i = 0; i < m; i++) store(u, acc, i * stride, c, i * w.n(), w.n(), u0, u1);
    }

    /**
     * {@code acc[i*stride + accOff + x] += sum_{k in [k0,k1)} a[i*K + k] * tile[(k-k0)*width + x]} for every
     * row i of A: two rows times four vectors per inner loop (eight FMA chains, one broadcast per four
     * FMAs), then a single row.
     */
    private static void multiplyTile(float[] a, int m, int kk, int k0, int k1, float[] tile, int width,
                                     float[] acc, int accOff, int stride) {
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int a0 = i * kk, a1 = a0 + kk;
            for (int x = 0; x < width; x += 4 * L) {
                FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00,
                        c10 = c00, c11 = c00, c12 = c00, c13 = c00;
                for (int k = k0, o = x; k < k1; k++, o += width) {
                    FloatVector w0 = FloatVector.fromArray(F, tile, o), w1 = FloatVector.fromArray(F, tile, o + L),
                            w2 = FloatVector.fromArray(F, tile, o + 2 * L), w3 = FloatVector.fromArray(F, tile, o + 3 * L);
                    FloatVector b0 = FloatVector.broadcast(F, a[a0 + k]);
                    c00 = w0.fma(b0, c00);
                    c01 = w1.fma(b0, c01);
                    c02 = w2.fma(b0, c02);
                    c03 = w3.fma(b0, c03);
                    FloatVector b1 = FloatVector.broadcast(F, a[a1 + k]);
                    c10 = w0.fma(b1, c10);
                    c11 = w1.fma(b1, c11);
                    c12 = w2.fma(b1, c12);
                    c13 = w3.fma(b1, c13);
                }
                int o = i * stride + accOff + x;
                add(acc, o, c00, c01, c02, c03);
                add(acc, o + stride, c10, c11, c12, c13);
            }
        }
        for (; i < m; i++) {
            int a0 = i * kk;
            for (int x = 0; x < width; x += 4 * L) {
                FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
                for (int k = k0, o = x; k < k1; k++, o += width) {
                    FloatVector b = FloatVector.broadcast(F, a[a0 + k]);
                    c0 = FloatVector.fromArray(F, tile, o).fma(b, c0);
                    c1 = FloatVector.fromArray(F, tile, o + L).fma(b, c1);
                    c2 = FloatVector.fromArray(F, tile, o + 2 * L).fma(b, c2);
                    c3 = FloatVector.fromArray(F, tile, o + 3 * L).fma(b, c3);
                }
                add(acc, i * stride + accOff + x, c0, c1, c2, c3);
            }
        }
    }

    private static void add(float[] acc, int o, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
        add(acc, o, v0, v1);
        add(acc, o + 2 * L, v2, v3);
    }

    private static void add(float[] acc, int o, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(F, acc, o).add(v0).intoArray(acc, o);
        FloatVector.fromArray(F, acc, o + L).add(v1).intoArray(acc, o + L);
    }

    /** The unit column of vector (phase) p, lane j (see {@link Unpacker}). */
    static int columnOf(int p, int j) {
        return Unpacker.PHASES * j + p;
    }

    /** {@code values[col + 8j]} for the L lanes j: the scales or zero points of one phase's columns. */
    private static FloatVector gather(float[] values, int col) {
        return FloatVector.fromArray(F, values, col, STRIDE, 0);
    }

    /** The zero points of vector v's columns plus the unpacker's sign offset. */
    private static FloatVector zeroPoint(QuantizedWeights w, int col, Unpacker u) {
        FloatVector offset = FloatVector.broadcast(F, u.valueOffset());
        return w.zeros() == null ? offset : gather(w.zeros(), col).add(offset);
    }

    /** Writes the accumulators of units {@code [u0, u1)} (phase order) to one row of C (column order). */
    private static void store(Unpacker u, float[] acc, int accOff, float[] c, int cOff, int n, int u0, int u1) {
        int width = u.unitColumns();
        for (int unit = u0; unit < u1; unit++) {
            int base = accOff + (unit - u0) * width, col0 = cOff + unit * width;
            for (int v = 0; v < Unpacker.PHASES; v++) {
                for (int j = 0; j < L; j++) c[col0 + columnOf(v, j)] = acc[base + v * L + j];
            }
        }
    }
}
