package org.tilevm.stdlib.quant;

/**
 * How a quantized-matmul block tiles C.
 *
 * <ul>
 * <li>{@link #GPU}: 16 x 64 tiles, 4 warps, A and W staged in shared memory with {@code cp.async},
 *     B handed to tensor cores in mma fragments ({@code QMatmulKernel}).</li>
 * <li>{@link #cpu(int) cpu(bm)}: {@code bm} x 256 tiles (bm = 1, 2, 4, 8 or 16, chosen from M so
 *     that no row of work is wasted at small M), one warp, tiles loaded straight from global
 *     memory, and the scale applied once per k-tile to a partial product instead of to every
 *     weight ({@code QMatmulCpuKernel}). Written for backends that execute a block as loops over
 *     whole tiles (the JVM backend), where the GPU tiling would compute 16 rows for M = 1.</li>
 * </ul>
 *
 * @param cpu whether this is a CPU tiling
 * @param bm  rows of C per block
 */
public record Tiling(boolean cpu, int bm) {
    /** The GPU tiling. */
    public static final Tiling GPU = new Tiling(false, QMatmulConfig.BM);

    /** The row counts a CPU tiling may have. */
    private static final int[] CPU_ROWS = {1, 2, 4, 8, 16};

    public Tiling {
        if (!cpu && bm != QMatmulConfig.BM) throw new IllegalArgumentException("GPU tiling: bm must be " + QMatmulConfig.BM);
        if (cpu && Integer.bitCount(bm) != 1 | bm > 16 | bm < 1) {
            throw new IllegalArgumentException("CPU tiling: bm = " + bm + " must be 1, 2, 4, 8 or 16");
        }
    }

    /** A CPU tiling with {@code bm} rows of C per block. */
    public static Tiling cpu(int bm) { return new Tiling(true, bm); }

    /** The CPU tiling for M rows: the smallest of 1, 2, 4, 8, 16 that is >= M (16 above). */
    public static Tiling cpuFor(int m) {
        if (m < 1) throw new IllegalArgumentException("quantized matmul: M = " + m + " must be positive");
        for (int bm : CPU_ROWS) {
            if (bm >= m) return cpu(bm);
        }
        return cpu(16);
    }
}
