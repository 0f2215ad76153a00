package org.tilevm.bench;

import org.tilevm.spec.dtype.DType;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * The bytes one quantized matmul call must move at least, the numerator of the effective
 * bandwidth: packed weights {@code K * ceil(N/8) * bits} + scales {@code ceil(K/G) * N * 4}
 * (+ zero points, the same again, for unsigned types) + A {@code M * K * 4} (f32) + C
 * {@code M * N * 4}. The same count as {@code QuantizedMatmul.bytesMoved} for f32 activations.
 */
public final class Traffic {
    private Traffic() {}

    /** Bytes per call; zero points are present exactly for unsigned integer types (as Quantizer makes them). */
    public static long bytesPerCall(int m, int n, int k, DType type, int group) {
        return bytesPerCall(m, n, k, type, group, org.tilevm.spec.dtype.DTypes.F32);
    }

    /** The same with activations of {@code act}: f32 ({@code 4} bytes each) or i8 (one byte each, plus an f32 scale per row). */
    public static long bytesPerCall(int m, int n, int k, DType type, int group, DType act) {
        boolean zeros = !type.isFloat() && !type.isSigned();
        long params = (long) QuantizedWeights.groups(k, group) * n * 4 * (zeros ? 2 : 1);
        long a = act.equals(org.tilevm.spec.dtype.DTypes.I8) ? (long) m * k + 4L * m : (long) m * k * 4;
        return QuantizedWeights.packedBytes(k, n, type.bits()) + params + a + (long) m * n * 4;
    }

    /** Effective bandwidth in GB/s (10^9 bytes per second) of a call taking {@code seconds}. */
    public static double gigabytesPerSecond(long bytes, double seconds) {
        return bytes / seconds / 1e9;
    }
}
