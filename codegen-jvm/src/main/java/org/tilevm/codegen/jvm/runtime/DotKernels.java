package org.tilevm.codegen.jvm.runtime;

/**
 * The arithmetic core of {@code dot} on dense row-major arrays: {@code a} is [m, k], {@code b} is
 * [k, n], {@code c} is [m, n] and is updated in place. Every kernel keeps the spec's order (SPEC
 * S6.5): for each (i, j), {@code acc = round(acc + round(a[i,kk] * b[kk,j]))} for kk ascending.
 * The loops run i, kk, j (j innermost): the order per (i, j) is unchanged, and the inner loop is a
 * plain array walk that C2 vectorizes for f32. Operands are already converted to the accumulator
 * type.
 */
public final class DotKernels {
    private DotKernels() {}

    /**
     * f32: Java float arithmetic rounds every product and sum (no fused multiply-add). Four steps of
     * kk share one pass over the row of c (still added in ascending kk per element), which quarters
     * the loads and stores of c and the loop overhead of the short rows of a tile.
     */
    public static void f32(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ci = i * n, ai = i * k, kk = 0;
            for (; kk + 4 <= k; kk += 4) {
                float a0 = a[ai + kk], a1 = a[ai + kk + 1], a2 = a[ai + kk + 2], a3 = a[ai + kk + 3];
                int b0 = kk * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = (((c[ci + j] + a0 * b[b0 + j]) + a1 * b[b1 + j]) + a2 * b[b2 + j]) + a3 * b[b3 + j];
                }
            }
            for (; kk < k; kk++) {
                float av = a[ai + kk];
                int bi = kk * n;
                for (int j = 0; j < n; j++) c[ci + j] = c[ci + j] + av * b[bi + j];
            }
        }
    }

    /** f16 accumulator: products of f16 values are exact in float; each result is rounded to f16. */
    public static void f16(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int kk = 0; kk < k; kk++) {
                float av = a[i * k + kk];
                int bi = kk * n;
                for (int j = 0; j < n; j++) {
                    float p = Float.float16ToFloat(Float.floatToFloat16(av * b[bi + j]));
                    c[ci + j] = Float.float16ToFloat(Float.floatToFloat16(c[ci + j] + p));
                }
            }
        }
    }

    /** bf16 accumulator: each product and sum rounded to bf16 (NaN stays NaN). */
    public static void bf16(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int kk = 0; kk < k; kk++) {
                float av = a[i * k + kk];
                int bi = kk * n;
                for (int j = 0; j < n; j++) c[ci + j] = roundBf16(c[ci + j] + roundBf16(av * b[bi + j]));
            }
        }
    }

    private static float roundBf16(float x) {
        return x != x ? x : Float.intBitsToFloat(Half.bf16Round(x) << 16);
    }

    /** Any other float accumulator: values in double, rounded to the type after each operation. */
    public static void rounded(double[] a, double[] b, double[] c, int m, int n, int k, FloatRounding r) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int kk = 0; kk < k; kk++) {
                double av = a[i * k + kk];
                int bi = kk * n;
                for (int j = 0; j < n; j++) c[ci + j] = r.round(c[ci + j] + r.round(av * b[bi + j]));
            }
        }
    }

    /**
     * Integer accumulators of up to 32 bits: wrapping each step modulo 2^N is the same as wrapping
     * the exact sum once, so the caller masks the result to N bits after this int loop.
     */
    public static void ints(int[] a, int[] b, int[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int kk = 0; kk < k; kk++) {
                int av = a[i * k + kk];
                int bi = kk * n;
                for (int j = 0; j < n; j++) c[ci + j] += av * b[bi + j];
            }
        }
    }

    /** i64 accumulator: long arithmetic wraps modulo 2^64. */
    public static void longs(long[] a, long[] b, long[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int kk = 0; kk < k; kk++) {
                long av = a[i * k + kk];
                int bi = kk * n;
                for (int j = 0; j < n; j++) c[ci + j] += av * b[bi + j];
            }
        }
    }
}
