package org.tilevm.bench.baseline;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * The plain scalar baseline of the quantized matmul {@code C[M,N] = A[M,K] x W[K,N]}: the
 * obvious triple loop in the cache-friendly {@code i, k, j} order (row-major W is streamed once
 * per row of A), unpacking and dequantizing every weight element where it is used, single-threaded.
 * It is what a programmer writes first, and the floor the other kernels are compared with.
 *
 * <p>Works for every weight type of 1..8 bits (codes are decoded through a table of
 * {@code 2^bits} values made once per call). Accumulation is in f32 in ascending k, as the
 * reference kernel does.
 */
public final class ScalarQmatmul {
    private ScalarQmatmul() {}

    /** C[M,N] = A[M,K] x dequant(W): a row-major f32 [M,K], c row-major f32 [M,N] (overwritten). */
    public static void multiply(float[] a, int m, QuantizedWeights w, float[] c) {
        checkOperands(a, m, w, c);
        multiplyColumns(a, m, w, c, 0, w.n());
    }

    /** The columns {@code [c0, c1)} of C only (the vector kernel's ragged right edge, spot checks of other kernels). */
    public static void multiplyColumns(float[] a, int m, QuantizedWeights w, float[] c, int c0, int c1) {
        int n = w.n(), k = w.k(), g = w.groupSize(), bits = w.type().bits();
        long npad = w.paddedN();
        float[] values = decodeTable(w);
        float[] scales = w.scales(), zeros = w.zeros();
        MemorySegment packed = w.packed();
        for (int i = 0; i < m; i++) {
            for (int j = c0; j < c1; j++) c[i * n + j] = 0f;
            for (int r = 0; r < k; r++) {
                float av = a[i * k + r];
                int p = (r / g) * n;
                for (int j = c0; j < c1; j++) {
                    int code = code(packed, (r * npad + j) * bits, bits);
                    float zero = zeros == null ? 0f : zeros[p + j];
                    c[i * n + j] += av * ((values[code] - zero) * scales[p + j]);
                }
            }
        }
    }

    /** The code at stream bit {@code bit} of the LSB-first packed stream ({@code bits} <= 8). */
    static int code(MemorySegment packed, long bit, int bits) {
        long byteIndex = bit >>> 3;
        int shift = (int) (bit & 7);
        int v = packed.get(ValueLayout.JAVA_BYTE, byteIndex) & 0xFF;
        if (shift + bits > 8) v |= (packed.get(ValueLayout.JAVA_BYTE, byteIndex + 1) & 0xFF) << 8;
        return (v >>> shift) & ((1 << bits) - 1);
    }

    /** decode(code) as f32 for every code of the weight type (exact: every <= 8-bit value is an f32). */
    static float[] decodeTable(QuantizedWeights w) {
        float[] t = new float[1 << w.type().bits()];
        for (int code = 0; code < t.length; code++) t[code] = (float) w.type().decode(code);
        return t;
    }

    static void checkOperands(float[] a, int m, QuantizedWeights w, float[] c) {
        Objects.requireNonNull(w, "qmatmul baseline: weights are null");
        Objects.requireNonNull(a, "qmatmul baseline: a is null");
        Objects.requireNonNull(c, "qmatmul baseline: c is null");
        if (m < 1) throw new IllegalArgumentException("qmatmul baseline: M = " + m + " must be positive");
        if (a.length != (long) m * w.k()) {
            throw new IllegalArgumentException("qmatmul baseline: a has " + a.length + " elements, expected M*K = "
                    + m + "*" + w.k());
        }
        if (c.length != (long) m * w.n()) {
            throw new IllegalArgumentException("qmatmul baseline: c has " + c.length + " elements, expected M*N = "
                    + m + "*" + w.n());
        }
    }
}
