package org.tilevm.spec.interp;

import org.tilevm.layout.SharedLayout;

/** The offsets of one shared layout: element (row-major) -> slot of the shared buffer. */
final class SharedTable {
    final SharedLayout layout;
    final int[] shape;
    final int rank;
    final int numElements;
    final int cosize;
    final int[] strides;
    final int[] offsetOf;

    SharedTable(SharedLayout layout) {
        this.layout = layout;
        this.shape = layout.shape();
        this.rank = shape.length;
        this.numElements = Shapes.numElements(shape);
        this.cosize = layout.cosize();
        this.strides = Shapes.strides(shape);
        this.offsetOf = new int[numElements];
        int[] coords = Shapes.coords(shape);
        int[] idx = new int[rank];
        for (int e = 0; e < numElements; e++) {
            System.arraycopy(coords, e * rank, idx, 0, rank);
            int off = layout.offsetOf(idx);
            if (off < 0 || off >= cosize) {
                throw new InterpError("shared layout " + layout + " maps element " + Shapes.text(idx) + " to offset "
                        + off + ", outside its " + cosize + " slots");
            }
            offsetOf[e] = off;
        }
    }
}
