package org.tilevm.codegen.jvm.runtime;

/**
 * Tile transfers between global memory and arrays of elements (register tensors, which hold
 * their elements in row-major order, or shared tensors through an element-to-slot map). The tile
 * covers global indices {@code off + i}; elements outside the global shape read as 0 and are not
 * written (SPEC S6.2). The tile is walked row by row (a row is the last dimension): rows outside
 * the global shape are skipped or zero-filled at once, and a row whose elements lie inside the
 * segment is copied without per-element checks; otherwise each element is checked, in row-major
 * order, so the first failing element and its message are the interpreter's.
 *
 * <p>One method per element representation ({@code int[]} codes, {@code float[]} f32 values,
 * {@code long[]} i64 codes), so that the inner loops are monomorphic. {@code map}, when not null,
 * sends tile element e to array index {@code map[e]} (a shared tensor's slots).
 */
public final class GlobalOps {
    private GlobalOps() {}

    /** The rows of a tile at some offsets: which are inside, their first element offsets. */
    private static final class Rows {
        final int rank, rows, cols;
        final long colStride;
        /** Columns [lo, hi) of every row lie inside the global shape. */
        final int lo, hi;
        private final long[] idx;
        private final GlobalTensor g;
        private final long[] off;
        private final TilePlan p;

        Rows(GlobalTensor g, long[] off, TilePlan p) {
            this.g = g;
            this.off = off;
            this.p = p;
            rank = p.rank;
            cols = p.shape[rank - 1];
            rows = p.numElements / cols;
            colStride = g.strides[rank - 1];
            long o = off[rank - 1], n = g.shape[rank - 1];
            lo = (int) Math.min(cols, Math.max(0, -o));
            hi = (int) Math.max(lo, Math.min(cols, n - o));
            idx = new long[rank];
        }

        /** Whether row r (its leading indices) lies inside the global shape; sets {@link #idx}. */
        boolean inside(int r) {
            boolean in = true;
            int rest = r;
            for (int d = rank - 2; d >= 0; d--) {
                int c = rest % p.shape[d];
                rest /= p.shape[d];
                long v = off[d] + c;
                idx[d] = v;
                if (v < 0 || v >= g.shape[d]) in = false;
            }
            return in;
        }

        /** The element offset of column j of the row last passed to {@link #inside}. */
        long position(int j) {
            long pos = (off[rank - 1] + j) * colStride;
            for (int d = 0; d < rank - 1; d++) pos += idx[d] * g.strides[d];
            return pos;
        }

        /** Whether columns [lo, hi) of the current row all lie inside the segment. */
        boolean inSegment() {
            if (hi <= lo) return true;
            long a = position(lo), b = position(hi - 1);
            return Math.min(a, b) >= 0 && Math.max(a, b) < g.capacity;
        }

        /** The element offset of column j, checked against the segment (the interpreter's error otherwise). */
        long checked(int j) {
            long pos = position(j);
            if (pos < 0 || pos >= g.capacity) {
                idx[rank - 1] = off[rank - 1] + j;
                throw g.outsideSegment(idx.clone(), pos);
            }
            return pos;
        }
    }

    /**
     * The fast case of a transfer: a rank-2 tile into a register array (no slot map) whose rows are
     * whole runs of unit-stride elements, every one inside the global shape and the segment.
     * Returns the element offset of the tile's first element, or -1 when the tile is not such a
     * case (then the general row walk runs, with its zero fill and its error messages).
     */
    public static long denseOrigin(GlobalTensor g, long[] off, TilePlan p, int[] map) {
        if (map != null || p.rank != 2 || g.strides.length != 2 || g.strides[1] != 1) return -1;
        long r0 = off[0], c0 = off[1], rows = p.shape[0], cols = p.shape[1];
        if (r0 < 0 || c0 < 0 || r0 + rows > g.shape[0] || c0 + cols > g.shape[1]) return -1;
        long first = r0 * g.strides[0] + c0, last = (r0 + rows - 1) * g.strides[0] + c0 + cols - 1;
        if (Math.min(first, last) < 0 || Math.max(first, last) >= g.capacity) return -1;
        return first;
    }

    public static void gatherInt(GlobalTensor g, long[] off, TilePlan p, int[] dst, int[] map) {
        long origin = g.bits == 8 || g.bits == 16 || g.bits == 32 ? denseOrigin(g, off, p, map) : -1;
        if (origin >= 0) {
            int rows = p.shape[0], cols = p.shape[1];
            long rowStride = g.strides[0];
            for (int r = 0; r < rows; r++) g.getRow(origin + r * rowStride, dst, r * cols, cols);
            return;
        }
        Rows rs = new Rows(g, off, p);
        int cols = rs.cols;
        for (int r = 0; r < rs.rows; r++) {
            int e0 = r * cols;
            if (!rs.inside(r)) {
                for (int j = 0; j < cols; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0;
                continue;
            }
            for (int j = 0; j < rs.lo; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0;
            for (int j = rs.hi; j < cols; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0;
            if (rs.inSegment()) {
                long pos = rs.position(rs.lo), step = rs.colStride;
                for (int j = rs.lo; j < rs.hi; j++, pos += step) dst[map == null ? e0 + j : map[e0 + j]] = (int) g.get(pos);
            } else {
                for (int j = rs.lo; j < rs.hi; j++) dst[map == null ? e0 + j : map[e0 + j]] = (int) g.get(rs.checked(j));
            }
        }
    }

    public static void gatherFloat(GlobalTensor g, long[] off, TilePlan p, float[] dst, int[] map) {
        long origin = denseOrigin(g, off, p, map);
        if (origin >= 0) {
            int rows = p.shape[0], cols = p.shape[1];
            long rowStride = g.strides[0];
            for (int r = 0; r < rows; r++) g.getFloatRow(origin + r * rowStride, dst, r * cols, cols);
            return;
        }
        Rows rs = new Rows(g, off, p);
        int cols = rs.cols;
        for (int r = 0; r < rs.rows; r++) {
            int e0 = r * cols;
            if (!rs.inside(r)) {
                for (int j = 0; j < cols; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0f;
                continue;
            }
            for (int j = 0; j < rs.lo; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0f;
            for (int j = rs.hi; j < cols; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0f;
            if (rs.inSegment()) {
                long pos = rs.position(rs.lo), step = rs.colStride;
                for (int j = rs.lo; j < rs.hi; j++, pos += step) dst[map == null ? e0 + j : map[e0 + j]] = g.getFloat(pos);
            } else {
                for (int j = rs.lo; j < rs.hi; j++) dst[map == null ? e0 + j : map[e0 + j]] = g.getFloat(rs.checked(j));
            }
        }
    }

    public static void gatherLong(GlobalTensor g, long[] off, TilePlan p, long[] dst, int[] map) {
        Rows rs = new Rows(g, off, p);
        int cols = rs.cols;
        for (int r = 0; r < rs.rows; r++) {
            int e0 = r * cols;
            if (!rs.inside(r)) {
                for (int j = 0; j < cols; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0L;
                continue;
            }
            for (int j = 0; j < rs.lo; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0L;
            for (int j = rs.hi; j < cols; j++) dst[map == null ? e0 + j : map[e0 + j]] = 0L;
            if (rs.inSegment()) {
                long pos = rs.position(rs.lo), step = rs.colStride;
                for (int j = rs.lo; j < rs.hi; j++, pos += step) dst[map == null ? e0 + j : map[e0 + j]] = g.get(pos);
            } else {
                for (int j = rs.lo; j < rs.hi; j++) dst[map == null ? e0 + j : map[e0 + j]] = g.get(rs.checked(j));
            }
        }
    }

    /** Writes the tile's elements {@code src[e]} at {@code off}, skipping those outside the global shape. */
    public static void scatterInt(int[] src, GlobalTensor g, long[] off, TilePlan p) {
        if (g.bits % 8 != 0) {
            synchronized (g.storeLock) {
                scatter(src, null, null, g, off, p);
            }
        } else {
            scatter(src, null, null, g, off, p);
        }
    }

    public static void scatterFloat(float[] src, GlobalTensor g, long[] off, TilePlan p) {
        scatter(null, src, null, g, off, p);
    }

    public static void scatterLong(long[] src, GlobalTensor g, long[] off, TilePlan p) {
        scatter(null, null, src, g, off, p);
    }

    /** One of {@code ints}, {@code floats}, {@code longs} is the source. */
    private static void scatter(int[] ints, float[] floats, long[] longs, GlobalTensor g, long[] off, TilePlan p) {
        Rows rs = new Rows(g, off, p);
        int cols = rs.cols;
        for (int r = 0; r < rs.rows; r++) {
            if (!rs.inside(r)) continue;
            int e0 = r * cols;
            boolean fast = rs.inSegment();
            long pos = rs.position(rs.lo), step = rs.colStride;
            for (int j = rs.lo; j < rs.hi; j++, pos += step) {
                long at = fast ? pos : rs.checked(j);
                if (ints != null) g.set(at, ints[e0 + j]);
                else if (floats != null) g.setFloat(at, floats[e0 + j]);
                else g.set(at, longs[e0 + j]);
            }
        }
    }
}
