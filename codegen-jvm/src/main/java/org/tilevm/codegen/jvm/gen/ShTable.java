package org.tilevm.codegen.jvm.gen;

import java.util.concurrent.ConcurrentHashMap;
import org.tilevm.layout.SharedLayout;

/** The offsets of one shared layout, computed at compile time: element (row-major) -> slot of the buffer. */
final class ShTable {
    private static final ConcurrentHashMap<SharedLayout, ShTable> CACHE = new ConcurrentHashMap<>();

    final SharedLayout layout;
    final int[] shape;
    final int rank, numElements, cosize;
    final int[] strides;
    final int[] offsetOf;

    static ShTable of(SharedLayout layout) { return CACHE.computeIfAbsent(layout, ShTable::new); }

    private ShTable(SharedLayout layout) {
        this.layout = layout;
        this.shape = layout.shape();
        this.rank = shape.length;
        this.numElements = RegTable.product(shape);
        this.cosize = layout.cosize();
        this.strides = RegTable.rowMajorStrides(shape);
        this.offsetOf = new int[numElements];
        int[] idx = new int[rank];
        for (int e = 0; e < numElements; e++) {
            int off = layout.offsetOf(idx);
            if (off < 0 || off >= cosize) {
                throw new IllegalArgumentException("shared layout " + layout + " maps element " + e + " to offset " + off
                        + ", outside its " + cosize + " slots");
            }
            offsetOf[e] = off;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
    }
}
