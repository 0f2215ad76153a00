package org.tilevm.codegen.jvm.runtime;

/**
 * Tile transfers between global memory and a dense array of element codes (row-major over the
 * tile): {@link #gather} for {@code load_global} and {@code copy_async}, {@link #scatter} for
 * {@code store_global}. The tile covers global indices {@code off + i}; elements outside the global
 * shape read as 0 and are not written (SPEC S6.2). When the whole tile lies inside the shape and its
 * offsets inside the segment (checked once per call), the element loop runs without checks;
 * otherwise each element is checked, in row-major order, with the interpreter's messages.
 */
public final class GlobalOps {
    private GlobalOps() {}

    /** The tile's first element offset, or {@link Long#MIN_VALUE} when the tile needs per-element checks. */
    private static long fastBase(GlobalTensor g, long[] off, TilePlan p) {
        long base = 0, lo = 0, hi = 0;
        for (int d = 0; d < p.rank; d++) {
            long o = off[d], s = g.strides[d];
            if (o < 0 || o + p.shape[d] > g.shape[d]) return Long.MIN_VALUE;
            base += o * s;
            long ext = (p.shape[d] - 1) * s;
            if (ext < 0) lo += ext;
            else hi += ext;
        }
        if (base + lo < 0 || base + hi >= g.capacity) return Long.MIN_VALUE;
        return base;
    }

    /** Fills {@code dense[0 .. numElements)} with the codes of the tile at {@code off} (0 outside the global shape). */
    public static void gather(GlobalTensor g, long[] off, TilePlan p, long[] dense) {
        long base = fastBase(g, off, p);
        int n = p.numElements;
        if (base != Long.MIN_VALUE) {
            if (p.rank == 2) {
                int rows = p.shape[0], cols = p.shape[1];
                long s0 = g.strides[0], s1 = g.strides[1];
                for (int i = 0, e = 0; i < rows; i++) {
                    long pos = base + i * s0;
                    for (int j = 0; j < cols; j++, e++) dense[e] = g.get(pos + j * s1);
                }
            } else {
                for (int e = 0; e < n; e++) dense[e] = g.get(base + relative(g, p, e));
            }
            return;
        }
        long[] idx = new long[p.rank];
        for (int e = 0; e < n; e++) {
            if (index(g, off, p, e, idx)) {
                long pos = position(g, idx);
                if (pos < 0 || pos >= g.capacity) throw g.outsideSegment(idx, pos);
                dense[e] = g.get(pos);
            } else {
                dense[e] = 0;
            }
        }
    }

    /** Writes the codes {@code dense[e]} of the tile at {@code off}, skipping elements outside the global shape. */
    public static void scatter(long[] dense, GlobalTensor g, long[] off, TilePlan p) {
        if (g.bits % 8 != 0) {
            synchronized (g.storeLock) {
                scatterElements(dense, g, off, p);
            }
        } else {
            scatterElements(dense, g, off, p);
        }
    }

    private static void scatterElements(long[] dense, GlobalTensor g, long[] off, TilePlan p) {
        long base = fastBase(g, off, p);
        int n = p.numElements;
        if (base != Long.MIN_VALUE) {
            if (p.rank == 2) {
                int rows = p.shape[0], cols = p.shape[1];
                long s0 = g.strides[0], s1 = g.strides[1];
                for (int i = 0, e = 0; i < rows; i++) {
                    long pos = base + i * s0;
                    for (int j = 0; j < cols; j++, e++) g.set(pos + j * s1, dense[e]);
                }
            } else {
                for (int e = 0; e < n; e++) g.set(base + relative(g, p, e), dense[e]);
            }
            return;
        }
        long[] idx = new long[p.rank];
        for (int e = 0; e < n; e++) {
            if (index(g, off, p, e, idx)) {
                long pos = position(g, idx);
                if (pos < 0 || pos >= g.capacity) throw g.outsideSegment(idx, pos);
                g.set(pos, dense[e]);
            }
        }
    }

    /** The element offset of tile element e relative to the tile's origin. */
    private static long relative(GlobalTensor g, TilePlan p, int e) {
        long r = 0;
        for (int d = 0; d < p.rank; d++) r += (long) ((e / p.tileStrides[d]) % p.shape[d]) * g.strides[d];
        return r;
    }

    /** Fills {@code idx} with {@code off + coords(e)}; false when outside the global shape. */
    private static boolean index(GlobalTensor g, long[] off, TilePlan p, int e, long[] idx) {
        boolean inside = true;
        for (int d = 0; d < p.rank; d++) {
            long v = off[d] + (e / p.tileStrides[d]) % p.shape[d];
            idx[d] = v;
            if (v < 0 || v >= g.shape[d]) inside = false;
        }
        return inside;
    }

    private static long position(GlobalTensor g, long[] idx) {
        long pos = 0;
        for (int d = 0; d < idx.length; d++) pos += idx[d] * g.strides[d];
        return pos;
    }
}
