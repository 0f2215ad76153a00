package org.tilevm.codegen.jvm.gen;

import java.util.concurrent.ConcurrentHashMap;
import org.tilevm.layout.RegisterLayout;

/**
 * The index maps of one register layout, computed once at compile time (and cached across
 * compilations): a <em>slot</em> is one register of one thread, numbered
 * {@code thread * localSize + local}; an <em>element</em> is a logical index of the tile, numbered
 * row-major. Tensors are stored by element; the slot maps serve {@code view}, which regroups the
 * bits each thread holds.
 */
final class RegTable {
    private static final ConcurrentHashMap<RegisterLayout, RegTable> CACHE = new ConcurrentHashMap<>();

    final RegisterLayout layout;
    final int[] shape;
    final int rank, numThreads, localSize, numSlots, numElements;
    /** The element each slot holds. */
    final int[] slotElem;
    /** Holders of element e: {@code holderSlots[holderStart[e] .. holderStart[e+1])}, ascending. */
    final int[] holderStart, holderSlots;
    final boolean replicated;

    static RegTable of(RegisterLayout layout) { return CACHE.computeIfAbsent(layout, RegTable::new); }

    private RegTable(RegisterLayout layout) {
        this.layout = layout;
        this.shape = layout.shape();
        this.rank = shape.length;
        this.numThreads = layout.numThreads();
        this.localSize = layout.localSize();
        this.numSlots = Math.multiplyExact(numThreads, localSize);
        this.numElements = layout.numElements();
        int[] strides = rowMajorStrides(shape);
        slotElem = new int[numSlots];
        int[] count = new int[numElements + 1];
        for (int t = 0; t < numThreads; t++) {
            for (int l = 0; l < localSize; l++) {
                int[] idx = layout.indexOf(t, l);
                int e = 0;
                for (int d = 0; d < rank; d++) e += idx[d] * strides[d];
                slotElem[t * localSize + l] = e;
                count[e + 1]++;
            }
        }
        boolean rep = false;
        for (int e = 0; e < numElements; e++) {
            if (count[e + 1] == 0) {
                throw new IllegalArgumentException("layout " + layout + " holds no copy of element " + e);
            }
            if (count[e + 1] > 1) rep = true;
            count[e + 1] += count[e];
        }
        replicated = rep;
        holderStart = count.clone();
        holderSlots = new int[numSlots];
        int[] fill = count;
        for (int s = 0; s < numSlots; s++) holderSlots[fill[slotElem[s]]++] = s;
    }

    static int[] rowMajorStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    static int product(int[] shape) {
        int n = 1;
        for (int s : shape) n = Math.multiplyExact(n, s);
        return n;
    }
}
