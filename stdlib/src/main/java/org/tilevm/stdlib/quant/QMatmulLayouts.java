package org.tilevm.stdlib.quant;

import static org.tilevm.stdlib.quant.QMatmulConfig.BM;
import static org.tilevm.stdlib.quant.QMatmulConfig.BN;
import static org.tilevm.stdlib.quant.QMatmulConfig.WARPS;

import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;

/**
 * The register layouts of the quantized-matmul kernel for a k-tile of {@code bk} (8, 16 or 32)
 * rows and {@code bits}-bit weights, over {@code 32 * WARPS = 128} threads.
 *
 * <ul>
 * <li>{@link #acc()} [BM=16, BN=64]: the four warps side by side along n, each holding two
 *     m16n8 mma accumulator fragments: {@code spatial(1,4).local(1,2).local(2,1).spatial(8,4).local(1,2)}.</li>
 * <li>{@link #a()} [16, bk]: the mma A fragment (m16n8k16: {@code columnLocal(2,2).spatial(8,4).local(1,2)},
 *     repeated bk/16 times along k; m16n8k8 for bk = 8), replicated over the four warps.</li>
 * <li>{@link #w()} [bk, 64]: every thread holds runs of 8 consecutive codes of a row
 *     ({@code local(1,8)} innermost); the 8 runs of a row and 16 rows are spread over the threads
 *     ({@code spatial(16,8)}; bk = 32 adds {@code local(2,1)} outside; bk = 8 uses
 *     {@code spatial(8,8)} replicated twice).</li>
 * <li>{@link #wBytes()} [bk, 8*bits]: the same, with {@code local(1,bits)} innermost: the
 *     {@code bits} bytes that pack exactly those 8 codes. {@code view(wBytes -> w)} keeps the
 *     bits of every thread: {@code 8*bits} bits per run on both sides.</li>
 * <li>{@link #row()} [1, 64]: {@code w().reduce(0, keepDims)}: thread t holds scale[0, j] for every
 *     w[i, j] it holds, which is what broadcasting along k requires.</li>
 * </ul>
 */
record QMatmulLayouts(int bk, int bits) {

    QMatmulLayouts {
        if (bk != 8 && bk != 16 && bk != 32) throw new IllegalArgumentException("k-tile " + bk + ": expected 8, 16 or 32");
    }

    /** The thread grid over (rows, 8-element runs) of a weight tile, without the innermost run. */
    private RegisterLayout runs() {
        int spatialRows = Math.min(bk, 16);
        return Layouts.replicated(16 / spatialRows, 2).local(bk / spatialRows, 1).spatial(spatialRows, BN / 8);
    }

    RegisterLayout w() { return runs().local(1, 8); }

    RegisterLayout wBytes() { return runs().local(1, bits); }

    RegisterLayout row() { return w().reduce(new int[] {0}, true); }

    RegisterLayout a() {
        RegisterLayout fragment = bk == 8
                ? Layouts.local(2, 1).spatial(8, 4).local(1, 2)
                : Layouts.local(1, bk / 16).columnLocal(2, 2).spatial(8, 4).local(1, 2);
        return Layouts.replicated(WARPS, 2).compose(fragment);
    }

    /**
     * The B operand in {@code mma} fragments, [bk, BN]: each warp holds the 16 columns its
     * accumulator covers, as m16n8k16 B fragments ({@code local(2,1).columnSpatial(4,8).local(2,1)})
     * repeated bk/16 times along k and twice along n (m16n8k8 fragments for bk = 8).
     */
    RegisterLayout bMma() {
        RegisterLayout fragment = bk == 8
                ? Layouts.columnSpatial(4, 8).local(2, 1)
                : Layouts.local(2, 1).columnSpatial(4, 8).local(2, 1);
        return Layouts.spatial(1, WARPS).local(Math.max(1, bk / 16), BN / WARPS / 8).compose(fragment);
    }

    RegisterLayout acc() {
        return Layouts.spatial(1, WARPS).local(1, BN / WARPS / 8).local(2, 1).spatial(8, 4).local(1, 2);
    }

    static {
        // BM and BN are what the layouts above are written for.
        if (BM != 16 || BN != 64 || WARPS != 4) throw new AssertionError("layouts assume a 16x64 tile and 4 warps");
    }
}
