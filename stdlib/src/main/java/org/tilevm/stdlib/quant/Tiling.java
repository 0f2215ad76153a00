package org.tilevm.stdlib.quant;

/**
 * How a quantized-matmul block tiles C.
 *
 * <ul>
 * <li>{@link #GPU}: 16 x 64 tiles, 4 warps, A and W staged in shared memory with {@code cp.async},
 *     B handed to tensor cores in mma fragments ({@code QMatmulKernel}).</li>
 * <li>{@link #cpu(int, int) cpu(bm, bn)}: {@code bm x bn} tiles (bm = 1, 2, 4, 8 or 16; bn = 64 ..
 *     1024, a power of two), one warp, tiles loaded straight from global memory, and the scale
 *     applied once per k-tile to a partial product instead of to every weight
 *     ({@code QMatmulCpuKernel}). Written for backends that execute a block as loops over whole
 *     tiles (the JVM backend), where the GPU tiling would compute 16 rows for M = 1, and where a
 *     block walking down K should read long runs of each packed row (bn = 1024 u4 codes are 512
 *     contiguous bytes).</li>
 * </ul>
 *
 * @param cpu whether this is a CPU tiling
 * @param bm  rows of C per block
 * @param bn  columns of C per block
 */
public record Tiling(boolean cpu, int bm, int bn) {
    /** The GPU tiling. */
    public static final Tiling GPU = new Tiling(false, QMatmulConfig.BM, QMatmulConfig.BN);

    /** The row counts a CPU tiling may have. */
    private static final int[] CPU_ROWS = {1, 2, 4, 8, 16};
    /** The widest CPU tile, and the narrowest one {@link #cpuFor} picks for N >= 256. */
    static final int MAX_BN = 1024, MIN_WIDE_BN = 256;

    public Tiling {
        if (!cpu && (bm != QMatmulConfig.BM || bn != QMatmulConfig.BN)) {
            throw new IllegalArgumentException("GPU tiling: the tile is " + QMatmulConfig.BM + " x " + QMatmulConfig.BN);
        }
        if (cpu && (Integer.bitCount(bm) != 1 || bm > 16)) {
            throw new IllegalArgumentException("CPU tiling: bm = " + bm + " must be 1, 2, 4, 8 or 16");
        }
        if (cpu && (Integer.bitCount(bn) != 1 || bn < 64 || bn > MAX_BN)) {
            throw new IllegalArgumentException("CPU tiling: bn = " + bn + " must be a power of two from 64 to " + MAX_BN);
        }
    }

    /** A CPU tiling with {@code bm x bn} tiles of C per block. */
    public static Tiling cpu(int bm, int bn) { return new Tiling(true, bm, bn); }

    /** The CPU tiling for M x N on this machine's processors ({@link #cpuFor(int, int, int)}). */
    public static Tiling cpuFor(int m, int n) { return cpuFor(m, n, Runtime.getRuntime().availableProcessors()); }

    /**
     * The CPU tiling for M x N with {@code threads} workers: bm is the smallest of 1, 2, 4, 8, 16
     * that is >= M (16 above); bn is the widest of 1024, 512, 256 that still gives every worker two
     * blocks (256 when none does), or, for N < 256, the narrowest power of two >= max(N, 64).
     */
    public static Tiling cpuFor(int m, int n, int threads) {
        if (m < 1 || n < 1) throw new IllegalArgumentException("quantized matmul: M = " + m + ", N = " + n + " must be positive");
        if (threads < 1) throw new IllegalArgumentException("quantized matmul: threads = " + threads + " must be positive");
        int bm = 16;
        for (int r : CPU_ROWS) {
            if (r >= m) {
                bm = r;
                break;
            }
        }
        long rowBlocks = (m + bm - 1) / bm;
        if (n < MIN_WIDE_BN) return cpu(bm, Math.max(64, Integer.highestOneBit(n - 1) << 1));
        for (int bn = MAX_BN; bn > MIN_WIDE_BN; bn /= 2) {
            if ((n + bn - 1) / bn * rowBlocks >= 2L * threads) return cpu(bm, bn);
        }
        return cpu(bm, MIN_WIDE_BN);
    }
}
