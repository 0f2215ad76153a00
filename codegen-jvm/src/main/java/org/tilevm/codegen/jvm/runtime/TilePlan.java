package org.tilevm.codegen.jvm.runtime;

/**
 * The static side of a tile transfer between global memory and a register or shared tile: the
 * tile's shape and the coordinates of its elements in row-major order. Made at compile time and
 * stored as a constant of the generated class.
 */
public final class TilePlan {
    public final int rank;
    public final int[] shape;
    public final int numElements;
    /** Row-major strides of the tile's shape. */
    final int[] tileStrides;

    public TilePlan(int[] shape) {
        this.rank = shape.length;
        this.shape = shape.clone();
        int[] st = new int[rank];
        int n = 1;
        for (int d = rank - 1; d >= 0; d--) {
            st[d] = n;
            n = Math.multiplyExact(n, shape[d]);
        }
        this.tileStrides = st;
        this.numElements = n;
    }
}
