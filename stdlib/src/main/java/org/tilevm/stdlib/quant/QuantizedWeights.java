package org.tilevm.stdlib.quant;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;

/**
 * A quantized weight matrix W[K,N] ready for the quantized matmul: packed codes plus per-group
 * scales (and optional zero points, produced by {@link Quantizer} for unsigned integer types).
 *
 * <p><b>Packed format</b> (see {@code stdlib/QMATMUL.md}): row-major {@code [K, Npad]} with
 * {@code Npad = ceil(N/8)*8}, as one dense LSB-first bit stream ({@link BitPacking}): element
 * {@code (r, c)} is stream element {@code r*Npad + c}. Every row is {@code Npad*bits/8} whole
 * bytes, and 8 consecutive elements of a row starting at a multiple of 8 are exactly
 * {@code bits} consecutive bytes. Padding columns hold code 0.
 *
 * <p>Dequantization: {@code W[r,c] = (decode(code) - zero[g,c]) * scale[g,c]} with
 * {@code g = r / groupSize} (zero = 0 when {@code zeros} is null).
 *
 * @param type      the weight dtype (any 1..8-bit int, uint or float type)
 * @param k         rows (the reduction dimension)
 * @param n         columns
 * @param groupSize rows per scale group along K
 * @param packed    the codes, packed in the format above ({@link #packedBytes()} bytes)
 * @param scales    f32 [ceil(K/G), N] row-major
 * @param zeros     f32 [ceil(K/G), N] row-major zero points, or null (no zero points)
 */
public record QuantizedWeights(DType type, int k, int n, int groupSize, MemorySegment packed, float[] scales, float[] zeros) {

    /** Validates the record (the same checks as {@link #fromCodes}, except for the codes themselves). */
    public QuantizedWeights {
        Objects.requireNonNull(type, "quantized weights: type is null");
        Objects.requireNonNull(packed, "quantized weights: packed segment is null");
        Objects.requireNonNull(scales, "quantized weights: scales are null");
        checkShape(type, k, n, groupSize);
        long need = packedBytes(k, n, type.bits());
        if (packed.byteSize() != need) {
            throw new IllegalArgumentException("quantized weights: packed segment has " + packed.byteSize()
                    + " bytes, expected " + need + " (K=" + k + " rows of Npad=" + paddedN(n) + " " + type.name()
                    + " codes)");
        }
        int groups = groups(k, groupSize);
        checkParams("scales", scales, groups, n);
        if (zeros != null) checkParams("zeros", zeros, groups, n);
    }

    /**
     * Packs raw codes (row-major [K,N], one code per element in the low bits) with their scales
     * and zero points; validates sizes and code ranges with clear messages.
     *
     * @param codes  row-major [K,N] codes, each in {@code [0, 2^bits)}; float codes must be finite
     * @param scales f32 [ceil(K/G), N], finite
     * @param zeros  f32 [ceil(K/G), N], finite, or null
     * @throws IllegalArgumentException naming the offending argument and element
     */
    public static QuantizedWeights fromCodes(long[] codes, int k, int n, DType type, int groupSize, float[] scales, float[] zeros) {
        Objects.requireNonNull(codes, "quantized weights: codes are null");
        Objects.requireNonNull(type, "quantized weights: type is null");
        checkShape(type, k, n, groupSize);
        if (codes.length != (long) k * n) {
            throw new IllegalArgumentException("quantized weights: codes have " + codes.length + " elements, expected K*N = "
                    + k + "*" + n + " = " + (long) k * n);
        }
        long mask = type.mask();
        for (int i = 0; i < codes.length; i++) {
            long c = codes[i];
            if (c < 0 || c > mask) {
                throw new IllegalArgumentException("quantized weights: code " + c + " at [" + i / n + "," + i % n
                        + "] is outside [0, " + mask + "] for " + type.name());
            }
            if (type instanceof FloatType ft && !Double.isFinite(ft.decode(c))) {
                throw new IllegalArgumentException("quantized weights: code " + c + " at [" + i / n + "," + i % n
                        + "] is " + ft.decode(c) + " in " + type.name() + "; weights must be finite");
            }
        }
        Objects.requireNonNull(scales, "quantized weights: scales are null");
        return new QuantizedWeights(type, k, n, groupSize, pack(codes, k, n, type.bits()), scales.clone(),
                zeros == null ? null : zeros.clone());
    }

    /** {@code N} rounded up to a multiple of 8: the row length of the packed format. */
    public static int paddedN(int n) { return (n + 7) / 8 * 8; }

    /** Bytes of one packed row: {@code paddedN(n) * bits / 8}. */
    public static int rowBytes(int n, int bits) { return paddedN(n) / 8 * bits; }

    /** Bytes of the packed format for [K, N] codes of {@code bits} bits. */
    public static long packedBytes(int k, int n, int bits) { return (long) k * rowBytes(n, bits); }

    /** Number of scale groups along K: {@code ceil(K/G)}. */
    public static int groups(int k, int groupSize) { return (k + groupSize - 1) / groupSize; }

    /**
     * The packed format of row-major [K,N] codes (low {@code bits} bits of each are used), in a new
     * native segment of {@link #packedBytes} bytes; padding columns are 0.
     */
    public static MemorySegment pack(long[] codes, int k, int n, int bits) {
        if (codes.length != (long) k * n) {
            throw new IllegalArgumentException("pack: " + codes.length + " codes for a [" + k + "," + n + "] matrix");
        }
        int npad = paddedN(n);
        MemorySegment seg = Arena.ofAuto().allocate(packedBytes(k, n, bits), 8); // zero-filled
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) BitPacking.set(seg, (long) r * npad + c, bits, codes[r * n + c]);
        }
        return seg;
    }

    /** The code of W[row, col], read from the packed segment. */
    public long code(int row, int col) {
        Objects.checkIndex(row, k);
        Objects.checkIndex(col, n);
        return BitPacking.get(packed, (long) row * paddedN(n) + col, type.bits());
    }

    /** The row-major [K,N] codes, unpacked. */
    public long[] codes() {
        long[] out = new long[k * n];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) out[r * n + c] = code(r, c);
        }
        return out;
    }

    /** Number of scale groups along K. */
    public int groups() { return groups(k, groupSize); }

    /** Whether the weights have zero points. */
    public boolean hasZeros() { return zeros != null; }

    /** {@code Npad}: the packed row length in elements. */
    public int paddedN() { return paddedN(n); }

    /** Bytes of the packed segment. */
    public long packedBytes() { return packedBytes(k, n, type.bits()); }

    /** The dequantized value of W[row, col] in float64: (decode(code) - zero) * scale. */
    public double dequantized(int row, int col) {
        int g = row / groupSize;
        double zero = zeros == null ? 0.0 : zeros[g * n + col];
        return (type.decode(code(row, col)) - zero) * scales[g * n + col];
    }

    /** The whole dequantized matrix, row-major [K,N] float64. */
    public double[] dequantized() {
        double[] out = new double[k * n];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) out[r * n + c] = dequantized(r, c);
        }
        return out;
    }

    private static void checkShape(DType type, int k, int n, int groupSize) {
        if (type.bits() > 8) {
            throw new IllegalArgumentException("quantized weights: type " + type.name() + " has " + type.bits()
                    + " bits; expected a 1..8-bit int, uint or float type");
        }
        if (k < 1 || n < 1) throw new IllegalArgumentException("quantized weights: shape [" + k + "," + n + "] must be positive");
        if (groupSize < 1) throw new IllegalArgumentException("quantized weights: group size " + groupSize + " must be >= 1");
        if (packedBytes(k, n, type.bits()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("quantized weights: [" + k + "," + n + "] " + type.name() + " is too large");
        }
    }

    private static void checkParams(String what, float[] v, int groups, int n) {
        if (v.length != (long) groups * n) {
            throw new IllegalArgumentException("quantized weights: " + what + " have " + v.length
                    + " elements, expected ceil(K/G)*N = " + groups + "*" + n + " = " + (long) groups * n);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("quantized weights: " + what + "[" + i / n + "," + i % n + "] = "
                        + v[i] + " is not finite");
            }
        }
    }
}
