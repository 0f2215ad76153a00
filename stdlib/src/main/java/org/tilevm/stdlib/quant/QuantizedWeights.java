package org.tilevm.stdlib.quant;

import java.lang.foreign.MemorySegment;
import org.tilevm.spec.dtype.DType;

/**
 * A quantized weight matrix W[K,N] ready for the quantized matmul: packed codes plus per-group
 * scales (and zero points for unsigned integer types). CONTRACT STUB: signatures are fixed.
 *
 * @param type      the weight dtype (any 1..8-bit int, uint or float type)
 * @param k         rows (the reduction dimension)
 * @param n         columns
 * @param groupSize rows per scale group along K
 * @param packed    the codes, packed in the kernel's format (see the stdlib docs)
 * @param scales    f32 [ceil(K/G), N] row-major
 * @param zeros     f32 [ceil(K/G), N] row-major zero points, or null (no zero points)
 */
public record QuantizedWeights(DType type, int k, int n, int groupSize, MemorySegment packed, float[] scales, float[] zeros) {
    /**
     * Packs raw codes (row-major [K,N], one code per element in the low bits) with their scales
     * and zero points; validates sizes and code ranges with clear messages.
     */
    public static QuantizedWeights fromCodes(long[] codes, int k, int n, DType type, int groupSize, float[] scales, float[] zeros) {
        throw new UnsupportedOperationException("being written");
    }

    /** The dequantized value of W[row, col] in float64 (decode(code) - zero) * scale. */
    public double dequantized(int row, int col) { throw new UnsupportedOperationException("being written"); }
}
