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
        boolean zeros = !type.isFloat() && !type.isSigned();
        long params = (long) QuantizedWeights.groups(k, group) * n * 4 * (zeros ? 2 : 1);
        return QuantizedWeights.packedBytes(k, n, type.bits()) + params + (long) m * k * 4 + (long) m * n * 4;
    }

    /** Effective bandwidth in GB/s (10^9 bytes per second) of a call taking {@code seconds}. */
    public static double gigabytesPerSecond(long bytes, double seconds) {
        return bytes / seconds / 1e9;
    }
}
