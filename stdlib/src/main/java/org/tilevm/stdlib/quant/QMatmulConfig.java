package org.tilevm.stdlib.quant;

import java.util.Objects;
import org.tilevm.spec.dtype.DType;

/**
 * What a quantized-matmul kernel program depends on (M, N, K are launch parameters), and the
 * tiling chosen for it.
 *
 * @param aType      activation dtype, f16 or f32
 * @param weightType the weight dtype, 1..8 bits
 * @param groupSize  rows per scale group along K
 * @param hasZeros   whether a zero-point tensor is read
 * @param tiling     how a block tiles C: {@link Tiling#GPU} or a CPU tiling ({@link Tiling#cpu})
 */
public record QMatmulConfig(DType aType, DType weightType, int groupSize, boolean hasZeros, Tiling tiling) {
    /** Block tile rows (of A and C). */
    public static final int BM = 16;
    /** Block tile columns (of W and C). */
    public static final int BN = 64;
    /** Warps per block. */
    public static final int WARPS = 4;

    public QMatmulConfig {
        QuantizedMatmul.checkAType(aType);
        Objects.requireNonNull(tiling, "quantized matmul: tiling is null");
        Objects.requireNonNull(weightType, "quantized matmul: weight type is null");
        if (weightType.bits() > 8) {
            throw new IllegalArgumentException("quantized matmul: weight type " + weightType.name() + " has more than 8 bits");
        }
        if (groupSize < 1) throw new IllegalArgumentException("quantized matmul: group size " + groupSize + " must be >= 1");
        if (aType.equals(org.tilevm.spec.dtype.DTypes.I8)) {
            if (!weightType.isInteger()) {
                throw new IllegalArgumentException("quantized matmul: i8 activations (W4A8) need integer weights, got " + weightType.name());
            }
            if (groupSize % 8 != 0) {
                throw new IllegalArgumentException("quantized matmul: i8 activations (W4A8) need a group size that is a multiple of 8, got "
                        + groupSize);
            }
        }
    }

    /**
     * The stdlib's quantized-matmul kernels as compiled ahead of time (tests, reports): every weight
     * type of 1..8 bits with f16 and with f32 activations at G = 128 (zero points for unsigned
     * integer types, as {@code Quantizer} makes them), and the other k-tile paths for u4, i4 and
     * f4e2m1: G = 16 (BK 16), G = 8 (BK 8) and G = 24 (a k-tile spans two groups).
     */
    public static java.util.List<QMatmulConfig> catalog() {
        java.util.List<QMatmulConfig> out = new java.util.ArrayList<>();
        DType[] aTypes = {org.tilevm.spec.dtype.DTypes.F16, org.tilevm.spec.dtype.DTypes.F32};
        for (DType a : aTypes) {
            for (DType w : org.tilevm.spec.dtype.DTypes.allLowBit()) out.add(of(a, w, 128, zeroPointsByDefault(w)));
        }
        for (DType a : aTypes) {
            for (String w : new String[] {"u4", "i4", "f4e2m1"}) {
                DType t = DType.parse(w);
                for (int g : new int[] {16, 8, 24}) out.add(of(a, t, g, zeroPointsByDefault(t)));
            }
        }
        return java.util.List.copyOf(out);
    }

    /** Whether {@code Quantizer} gives weights of this type zero points (unsigned integer types). */
    public static boolean zeroPointsByDefault(DType w) { return w.isInteger() && !w.isSigned(); }

    /** The configuration with the GPU tiling (what {@link #catalog()} and the GPU backends use). */
    public static QMatmulConfig of(DType aType, DType weightType, int groupSize, boolean hasZeros) {
        return new QMatmulConfig(aType, weightType, groupSize, hasZeros, Tiling.GPU);
    }

    /** This configuration with another tiling. */
    public QMatmulConfig withTiling(Tiling t) {
        return new QMatmulConfig(aType, weightType, groupSize, hasZeros, t);
    }

    /**
     * The k-tile: the largest of 32, 16, 8 that divides G (a k-tile then lies in one scale group);
     * 16 when G is not a multiple of 8 (the general path: the scale group is found per k-row). A CPU
     * tiling also takes 128 or 64: a whole scale group per k-tile, so the per-k-tile work around
     * the dot (zero points, scales, accumulation) is paid once per group rather than up to four
     * times (a CPU block has no registers or shared memory that a taller tile would exhaust).
     */
    public int bk() {
        for (int bk : tiling.cpu() ? new int[] {128, 64, 32, 16, 8} : new int[] {32, 16, 8}) {
            if (groupSize % bk == 0) return bk;
        }
        return 16;
    }

    /** Whether every k-tile lies inside one scale group (G is a multiple of BK). */
    public boolean tileInOneGroup() { return groupSize % bk() == 0; }

    /** Bits of one weight code. */
    public int bits() { return weightType.bits(); }

    /** A name for the kernel, e.g. {@code qmatmul_f16_u4_g128_z} (GPU tiling) or {@code qmatmul_f32_u4_g32_cpu1x1024}. */
    public String kernelName() {
        return "qmatmul_" + aType.name() + "_" + weightType.name() + "_g" + groupSize + (hasZeros ? "_z" : "")
                + (tiling.cpu() ? "_cpu" + tiling.bm() + "x" + tiling.bn() : "");
    }
}
