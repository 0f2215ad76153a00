package org.tilevm.codegen.jvm.runtime;

/**
 * f32 {@code binary add/sub/mul/div} over rank-1/2 register tensors stored row-major, with the
 * interpreter's results: Java float arithmetic (correctly rounded, as the spec's f32 operations)
 * and the canonical NaN for every NaN result. Operand element (i, j) is {@code x[i * xi + j * xj]}
 * (a broadcast dimension has coefficient 0). Rows whose operands are each contiguous or one value
 * broadcast along the row run on the Vector API ({@code F32ElementwiseVector}) when it is
 * available; the rest is a scalar loop.
 */
public final class F32Elementwise {
    private F32Elementwise() {}

    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    public static void binary(int op, float[] a, int ai, int aj, float[] b, int bi, int bj, float[] out, int rows, int cols) {
        if ((aj == 1 || aj == 0) && (bj == 1 || bj == 0) && aj + bj > 0 && VectorSupport.use()) {
            F32ElementwiseVector.binary(op, a, ai, aj, b, bi, bj, out, rows, cols);
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float x = a[i * ai + j * aj], y = b[i * bi + j * bj];
                out[i * cols + j] = canonical(apply(op, x, y));
            }
        }
    }

    static float apply(int op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            default -> throw new IllegalArgumentException("f32 operation " + op);
        };
    }

    static float canonical(float v) { return v != v ? Float.NaN : v; }

    /** Every NaN among the first {@code n} elements becomes the canonical NaN. */
    public static void canonicalize(float[] v, int n) {
        if (VectorSupport.use()) {
            F32ElementwiseVector.canonicalize(v, n);
            return;
        }
        for (int e = 0; e < n; e++) v[e] = canonical(v[e]);
    }
}
