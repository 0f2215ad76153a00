package org.tilevm.codegen.jvm.runtime;

import java.util.Arrays;

/** {@code load_shared}/{@code store_shared} with offsets known only at run time: the window check. */
public final class SharedOps {
    private SharedOps() {}

    /**
     * The row-major position (in the shared tensor's shape) of the tile's origin {@code off}; fails
     * unless the whole window {@code off .. off + tileShape} lies inside the shared tensor.
     */
    public static int window(long[] off, int[] tileShape, int[] shape, int[] strides, String what, String name) {
        int rank = shape.length;
        int base = 0;
        for (int d = 0; d < rank; d++) {
            if (off[d] < 0 || off[d] + tileShape[d] > shape[d]) {
                long[] lo = Arrays.copyOf(off, rank);
                long[] hi = new long[rank];
                for (int k = 0; k < rank; k++) hi[k] = off[k] + tileShape[k];
                throw new KernelFault(what + " indices " + Arrays.toString(lo) + " to " + Arrays.toString(hi)
                        + " (exclusive) of shared tensor " + name + " of shape " + Arrays.toString(shape) + ": dimension "
                        + d + " is outside the tensor");
            }
            base += (int) off[d] * strides[d];
        }
        return base;
    }
}
