package org.tilevm.spec.interp;

import java.util.Arrays;

/** Row-major index arithmetic on tile shapes. */
final class Shapes {
    private Shapes() {}

    static int numElements(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        if (n > Integer.MAX_VALUE) throw new InterpError("tile of shape " + Arrays.toString(shape) + " is too large");
        return (int) n;
    }

    /** Row-major strides: the last dimension has stride 1. */
    static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    /** The coordinates of every element in row-major order, flattened: {@code coords[e * rank + d]}. */
    static int[] coords(int[] shape) {
        int rank = shape.length;
        int n = numElements(shape);
        int[] out = new int[n * rank];
        int[] idx = new int[rank];
        for (int e = 0; e < n; e++) {
            System.arraycopy(idx, 0, out, e * rank, rank);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }

    static String text(int[] index) { return Arrays.toString(index); }

    static String text(long[] index) { return Arrays.toString(index); }

    /** The coordinates of linear element {@code e} of {@code shape}. */
    static int[] unflatten(int e, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = e % shape[d];
            e /= shape[d];
        }
        return idx;
    }
}
