package org.tilevm.spec.interp;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.tilevm.layout.RegisterLayout;

/**
 * The index maps of one register layout, computed once from {@link RegisterLayout#indexOf}.
 * A <em>slot</em> is one register of one thread, numbered {@code thread * localSize + local}; a
 * register tensor's value is a {@code long[numSlots]} of raw codes. An <em>element</em> is a
 * logical index of the tile, numbered row-major.
 */
final class LayoutTable {
    final RegisterLayout layout;
    final int[] shape;
    final int rank;
    final int numThreads;
    final int localSize;
    final int numSlots;
    final int numElements;
    /** The element each slot holds. */
    final int[] slotElem;
    /** The holders of element e are slots {@code holderSlots[holderStart[e] .. holderStart[e+1])}, ascending. */
    final int[] holderStart;
    final int[] holderSlots;
    /** Whether some element has more than one holder. */
    final boolean replicated;

    LayoutTable(RegisterLayout layout) {
        this.layout = layout;
        this.shape = layout.shape();
        this.rank = shape.length;
        this.numThreads = layout.numThreads();
        this.localSize = layout.localSize();
        this.numSlots = Math.multiplyExact(numThreads, localSize);
        this.numElements = Shapes.numElements(shape);
        int[] strides = Shapes.strides(shape);
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
                throw new InterpError("layout " + layout + " holds no copy of element "
                        + Shapes.text(Shapes.unflatten(e, shape)));
            }
            if (count[e + 1] > 1) rep = true;
            count[e + 1] += count[e];
        }
        replicated = rep;
        holderStart = count.clone();
        holderSlots = new int[numSlots];
        int[] fill = count; // reuse as the insertion cursor
        for (int s = 0; s < numSlots; s++) holderSlots[fill[slotElem[s]]++] = s;
    }

    /** The slot of the first holder (lowest thread, then lowest local) of element e. */
    int firstSlot(int e) { return holderSlots[holderStart[e]]; }

    /** The slot of thread t that holds element e, or -1. */
    int slotOnThread(int t, int e) {
        int lo = holderStart[e], hi = holderStart[e + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int th = holderSlots[mid] / localSize;
            if (th < t) lo = mid + 1;
            else if (th > t) hi = mid - 1;
            else return holderSlots[mid];
        }
        return -1;
    }

    /**
     * For each slot of {@code out}, the slot of {@code src} it reads: the element is
     * {@code outToSrc(out element)}, read from the copy the same thread holds if it holds one
     * (each thread computes from its own registers), else from the element's first holder.
     */
    static int[] gather(LayoutTable out, LayoutTable src, IntUnaryOperator outToSrc) {
        int[] res = new int[out.numSlots];
        for (int s = 0; s < out.numSlots; s++) {
            int se = outToSrc.applyAsInt(out.slotElem[s]);
            int slot = src.slotOnThread(s / out.localSize, se);
            res[s] = slot >= 0 ? slot : src.firstSlot(se);
        }
        return res;
    }

    /** Writes {@code code} into every holder of element e. */
    void write(long[] data, int e, long code) {
        for (int h = holderStart[e], end = holderStart[e + 1]; h < end; h++) data[holderSlots[h]] = code;
    }

    /**
     * A map from each element of a tile of shape {@code outShape} to the element of this layout's
     * shape it reads under broadcasting (a dimension of size 1 here is read at index 0).
     */
    IntUnaryOperator broadcastFrom(int[] outShape, String what) {
        if (outShape.length != rank) {
            throw new InterpError(what + " has rank " + rank + " but the result has rank " + outShape.length);
        }
        if (Arrays.equals(outShape, shape)) return IntUnaryOperator.identity();
        for (int d = 0; d < rank; d++) {
            if (shape[d] != outShape[d] && shape[d] != 1) {
                throw new InterpError(what + " of shape " + Shapes.text(shape) + " does not broadcast to "
                        + Shapes.text(outShape));
            }
        }
        int[] outStrides = Shapes.strides(outShape);
        int[] myStrides = Shapes.strides(shape);
        int[] map = new int[Shapes.numElements(outShape)];
        for (int e = 0; e < map.length; e++) {
            int rest = e, se = 0;
            for (int d = 0; d < rank; d++) {
                int c = rest / outStrides[d];
                rest %= outStrides[d];
                if (shape[d] != 1) se += c * myStrides[d];
            }
            map[e] = se;
        }
        return e -> map[e];
    }
}
