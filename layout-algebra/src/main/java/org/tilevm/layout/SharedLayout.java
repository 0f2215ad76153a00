package org.tilevm.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A shared-memory layout: logical index -> element offset within the shared buffer.
 *
 * <p>Each dimension is split row-major into modes (first mode most significant), each mode has a stride (in
 * elements, {@code >= 0}), as in CuTe's {@code shape:stride}. The offset of an index is
 * <pre>   offsetOf(i) = swizzle.apply(baseOffset + sum over modes m of digit_m(i) * stride_m)</pre>
 * The base offset is 0 except for {@linkplain #slice slices}, which are views into the same buffer as their parent.
 * Instances are immutable; {@code equals} compares the representation.
 */
public final class SharedLayout {
    private final int[] shape;
    private final int[] modeShape;
    private final int[] modeStrides;
    private final int[] dimStart;
    private final Swizzle swizzle;
    private final int base;
    private final int numElements;
    private int cosize = -1; // lazily computed, benign race

    private SharedLayout(int[] shape, int[] modeShape, int[] modeStrides, int[] dimModeCounts, Swizzle swizzle,
                         int base) {
        this.shape = shape.clone();
        this.modeShape = modeShape.clone();
        this.modeStrides = modeStrides.clone();
        this.swizzle = Objects.requireNonNull(swizzle, "swizzle");
        this.base = base;
        this.dimStart = new int[shape.length + 1];
        for (int d = 0; d < shape.length; d++) {
            dimStart[d + 1] = dimStart[d] + dimModeCounts[d];
        }
        if (modeShape.length != modeStrides.length) {
            throw invalid("modeShape and modeStrides differ in length");
        }
        if (dimStart[shape.length] != modeShape.length) {
            throw invalid("mode counts do not add up");
        }
        if (base < 0) {
            throw invalid("negative base offset");
        }
        long n = 1;
        long maxLinear = base;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 1) {
                throw invalid("dimension " + d + " has size " + shape[d] + " (must be >= 1)");
            }
            long p = 1;
            for (int m = dimStart[d]; m < dimStart[d + 1]; m++) {
                if (modeShape[m] < 1) {
                    throw invalid("mode " + m + " has size " + modeShape[m] + " (must be >= 1)");
                }
                if (modeStrides[m] < 0) {
                    throw invalid("mode " + m + " has negative stride " + modeStrides[m]);
                }
                p *= modeShape[m];
                maxLinear += (long) (modeShape[m] - 1) * modeStrides[m];
                if (p > shape[d]) {
                    break;
                }
            }
            if (p != shape[d]) {
                throw invalid("the modes of dimension " + d + " do not multiply to its size " + shape[d]);
            }
            n *= shape[d];
            if (n > Integer.MAX_VALUE) {
                throw invalid("more than 2^31-1 elements");
            }
        }
        if (maxLinear > (1L << 30)) {
            throw invalid("offsets exceed 2^30");
        }
        this.numElements = (int) n;
    }

    private LayoutException invalid(String problem) {
        return new LayoutException("invalid shared layout " + describe(shape, modeShape, modeStrides, swizzle, base)
                + ": " + problem);
    }

    private static String describe(int[] shape, int[] modeShape, int[] strides, Swizzle sw, int base) {
        StringBuilder sb = new StringBuilder("shared(shape=").append(RegisterLayout.list(shape))
                .append(", modes=").append(RegisterLayout.list(modeShape))
                .append(", strides=").append(RegisterLayout.list(strides));
        if (!sw.isIdentity()) {
            sb.append(", swizzle=Swizzle(").append(sw.bits()).append(", ").append(sw.base()).append(", ")
                    .append(sw.shift()).append(')');
        }
        if (base != 0) {
            sb.append(", base=").append(base);
        }
        return sb.append(')').toString();
    }

    /** Row-major (last dimension contiguous), one mode per dimension. */
    public static SharedLayout rowMajor(int... shape) {
        return major(shape, false);
    }

    /** Column-major (first dimension contiguous), one mode per dimension. */
    public static SharedLayout columnMajor(int... shape) {
        return major(shape, true);
    }

    private static SharedLayout major(int[] shape, boolean column) {
        Objects.requireNonNull(shape, "shape");
        int n = shape.length;
        int[] strides = new int[n];
        long acc = 1;
        for (int k = 0; k < n; k++) {
            int d = column ? k : n - 1 - k;
            strides[d] = (int) Math.min(acc, Integer.MAX_VALUE);
            acc *= Math.max(shape[d], 1);
        }
        int[] counts = new int[n];
        Arrays.fill(counts, 1);
        return new SharedLayout(shape, shape, strides, counts, Swizzle.NONE, 0);
    }

    /**
     * A layout from modes and strides. Modes are assigned to dimensions in order (dimension d takes modes until their
     * product reaches {@code shape[d]}; trailing size-1 modes go to the next dimension).
     */
    public static SharedLayout of(int[] shape, int[] modeShape, int[] modeStrides) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(modeShape, "modeShape");
        Objects.requireNonNull(modeStrides, "modeStrides");
        String raw = describe(shape, modeShape, modeStrides, Swizzle.NONE, 0);
        int rank = shape.length;
        int[] counts = new int[rank];
        int idx = 0;
        for (int d = 0; d < rank; d++) {
            if (shape[d] < 1) {
                throw new LayoutException("invalid shared layout " + raw + ": dimension " + d + " has size "
                        + shape[d] + " (must be >= 1)");
            }
            long prod = 1;
            while (idx < modeShape.length && (prod < shape[d] || d == rank - 1)) {
                if (modeShape[idx] < 1) {
                    throw new LayoutException("invalid shared layout " + raw + ": mode " + idx + " has size "
                            + modeShape[idx] + " (must be >= 1)");
                }
                prod *= modeShape[idx++];
                counts[d]++;
                if (prod > shape[d]) {
                    break;
                }
            }
            if (prod != shape[d]) {
                throw new LayoutException("invalid shared layout " + raw + ": the modes do not split dimension " + d
                        + " of size " + shape[d]);
            }
        }
        if (idx != modeShape.length) {
            throw new LayoutException("invalid shared layout " + raw + ": " + (modeShape.length - idx)
                    + " mode(s) left over after splitting the shape");
        }
        return new SharedLayout(shape, modeShape, modeStrides, counts, Swizzle.NONE, 0);
    }

    /**
     * Row-major {@code [rows, cols]} tile of {@code elemBytes}-byte elements whose 16-byte chunks are XOR-swizzled so
     * that the 8 rows of any ldmatrix 8 x 16-byte sub-block (any 8 consecutive rows, one chunk column) fall in 8
     * distinct 16-byte bank groups modulo 128 bytes. With {@code C = cols*elemBytes/16} chunks per row (a power of
     * two), {@code k = log2(C)} and {@code e = 16/elemBytes} elements per chunk, the swizzle in element units is
     * {@code Swizzle(min(k,3), log2(e), max(k,3))}: for rows of 128 bytes or more the low 3 bits of the chunk index
     * are XORed with {@code row % 8}; for narrower rows (several rows share a 128-byte line) the chunk index is
     * XORed with {@code (row >> (3-k)) % 2^k}. For f16 with 128-byte rows this is {@code Swizzle(3, 3, 3)}. Rows of a
     * single chunk need no swizzle. Within a chunk elements stay contiguous and in order; the layout is a bijection
     * onto {@code [0, rows*cols)}.
     *
     * @throws LayoutException unless elemBytes is 1, 2, 4, 8 or 16 and a row is a power-of-two number of 16-byte chunks
     */
    public static SharedLayout swizzledRowMajor(int rows, int cols, int elemBytes) {
        String what = "swizzledRowMajor(" + rows + ", " + cols + ", " + elemBytes + ")";
        if (rows < 1 || cols < 1) {
            throw new LayoutException(what + ": rows and cols must be >= 1");
        }
        if (elemBytes < 1 || elemBytes > 16 || Integer.bitCount(elemBytes) != 1) {
            throw new LayoutException(what + ": element size must be 1, 2, 4, 8 or 16 bytes");
        }
        long rowBytes = (long) cols * elemBytes;
        if (rowBytes % 16 != 0 || Long.bitCount(rowBytes / 16) != 1) {
            throw new LayoutException(what + ": a row of " + rowBytes
                    + " bytes is not a power-of-two number of 16-byte chunks");
        }
        int k = Long.numberOfTrailingZeros(rowBytes / 16);
        int elemLog = Integer.numberOfTrailingZeros(16 / elemBytes);
        SharedLayout plain = rowMajor(rows, cols);
        if (k == 0) {
            return plain;
        }
        return plain.withSwizzle(new Swizzle(Math.min(k, 3), elemLog, Math.max(k, 3)));
    }

    /** The same layout with {@code swizzle} applied to the final offset (replacing any previous swizzle). */
    public SharedLayout withSwizzle(Swizzle swizzle) {
        Objects.requireNonNull(swizzle, "swizzle");
        int[] counts = new int[shape.length];
        for (int d = 0; d < counts.length; d++) {
            counts[d] = dimStart[d + 1] - dimStart[d];
        }
        return new SharedLayout(shape, modeShape, modeStrides, counts, swizzle, base);
    }

    public int rank() {
        return shape.length;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int shape(int dim) {
        if (dim < 0 || dim >= shape.length) {
            throw new LayoutException("shared layout " + this + ": dimension " + dim + " out of range [0, "
                    + shape.length + ")");
        }
        return shape[dim];
    }

    public int[] modeShape() {
        return modeShape.clone();
    }

    public int[] modeStrides() {
        return modeStrides.clone();
    }

    /** The mode indices of dimension {@code dim}, most significant first. */
    public int[] modesOfDim(int dim) {
        shape(dim);
        int[] r = new int[dimStart[dim + 1] - dimStart[dim]];
        for (int i = 0; i < r.length; i++) {
            r[i] = dimStart[dim] + i;
        }
        return r;
    }

    /** The swizzle ({@link Swizzle#NONE} when there is none). */
    public Swizzle swizzle() {
        return swizzle;
    }

    /** The linear offset added before swizzling (non-zero only for slices). */
    public int baseOffset() {
        return base;
    }

    public int numElements() {
        return numElements;
    }

    /**
     * Number of element slots the layout spans (the allocation size in elements): one more than the largest offset
     * of any index. For a slice this counts from the start of the parent buffer.
     */
    public int cosize() {
        int c = cosize;
        if (c < 0) {
            if (swizzle.isIdentity()) {
                long max = base;
                for (int m = 0; m < modeShape.length; m++) {
                    max += (long) (modeShape[m] - 1) * modeStrides[m];
                }
                c = (int) max + 1;
            } else {
                int max = 0;
                int[] idx = new int[shape.length];
                for (int e = 0; e < numElements; e++) {
                    int rest = e;
                    for (int d = shape.length - 1; d >= 0; d--) {
                        idx[d] = rest % shape[d];
                        rest /= shape[d];
                    }
                    max = Math.max(max, offsetOf(idx));
                }
                c = max + 1;
            }
            cosize = c;
        }
        return c;
    }

    private int linear(int[] index) {
        int lin = base;
        for (int d = 0; d < shape.length; d++) {
            int v = index[d];
            for (int m = dimStart[d + 1] - 1; m >= dimStart[d]; m--) {
                lin += (v % modeShape[m]) * modeStrides[m];
                v /= modeShape[m];
            }
        }
        return lin;
    }

    public int offsetOf(int... index) {
        Objects.requireNonNull(index, "index");
        if (index.length != shape.length) {
            throw new LayoutException("shared layout " + this + ": index " + RegisterLayout.list(index) + " has rank "
                    + index.length + ", expected " + shape.length);
        }
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new LayoutException("shared layout " + this + ": index " + RegisterLayout.list(index)
                        + " out of range in dimension " + d + " (size " + shape[d] + ")");
            }
        }
        return swizzle.apply(linear(index));
    }

    /**
     * Tiles of {@code inner} arranged by {@code this} (the outer layout): shape {@code this.shape * inner.shape}
     * elementwise; index {@code i = io * inner.shape + ii} per dimension has offset
     * {@code this.offsetOf(io) * inner.cosize() + inner.offsetOf(ii)}, i.e. each outer element is one inner tile of
     * {@code inner.cosize()} slots. At most one operand may be swizzled: an inner swizzle must stay inside one tile
     * ({@code 2^(base+shift+bits)} divides {@code inner.cosize()}); an outer swizzle needs a power-of-two
     * {@code inner.cosize()}. Slices (non-zero base offset) cannot be composed.
     */
    public SharedLayout compose(SharedLayout inner) {
        Objects.requireNonNull(inner, "inner");
        String what = "cannot compose " + this + " with " + inner;
        if (inner.rank() != rank()) {
            throw new LayoutException(what + ": ranks differ");
        }
        if (base != 0 || inner.base != 0) {
            throw new LayoutException(what + ": slices cannot be composed");
        }
        if (!swizzle.isIdentity() && !inner.swizzle.isIdentity()) {
            throw new LayoutException(what + ": both operands are swizzled");
        }
        int tile = inner.cosize();
        Swizzle sw = Swizzle.NONE;
        if (!inner.swizzle.isIdentity()) {
            Swizzle s = inner.swizzle;
            if (tile % (1L << (s.base() + s.shift() + s.bits())) != 0) {
                throw new LayoutException(what + ": the inner swizzle reaches beyond one inner tile of " + tile);
            }
            sw = s;
        } else if (!swizzle.isIdentity()) {
            if (Integer.bitCount(tile) != 1) {
                throw new LayoutException(what + ": an outer swizzle needs a power-of-two inner cosize, got " + tile);
            }
            sw = new Swizzle(swizzle.bits(), swizzle.base() + Integer.numberOfTrailingZeros(tile), swizzle.shift());
        }
        int[] sh = new int[rank()];
        List<Integer> ms = new ArrayList<>();
        List<Integer> st = new ArrayList<>();
        int[] counts = new int[rank()];
        for (int d = 0; d < sh.length; d++) {
            long p = (long) shape[d] * inner.shape[d];
            if (p > Integer.MAX_VALUE) {
                throw new LayoutException(what + ": dimension " + d + " overflows");
            }
            sh[d] = (int) p;
            for (int m = dimStart[d]; m < dimStart[d + 1]; m++) {
                ms.add(modeShape[m]);
                long s = (long) modeStrides[m] * tile;
                if (s > Integer.MAX_VALUE) {
                    throw new LayoutException(what + ": strides overflow");
                }
                st.add((int) s);
            }
            for (int m = inner.dimStart[d]; m < inner.dimStart[d + 1]; m++) {
                ms.add(inner.modeShape[m]);
                st.add(inner.modeStrides[m]);
            }
            counts[d] = dimStart[d + 1] - dimStart[d] + inner.dimStart[d + 1] - inner.dimStart[d];
        }
        return new SharedLayout(sh, toArray(ms), toArray(st), counts, sw, 0);
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A view of the sub-tile {@code [offsets, offsets + shape)} in the same buffer:
     * {@code slice(o, s).offsetOf(i) == this.offsetOf(o + i)} for every {@code i} in {@code s}. The result keeps the
     * swizzle and adds the linear offset of {@code o} to its {@link #baseOffset()}. Per dimension the range must be
     * expressible by modes: walking from the innermost mode (size n), either the range stays within one block of n
     * ({@code o % n + s <= n}) or it covers whole blocks ({@code o % n == 0 && s % n == 0}) and the walk continues
     * outward with {@code o / n, s / n}.
     *
     * @throws LayoutException if the range is out of bounds or not expressible
     */
    public SharedLayout slice(int[] offsets, int[] shape) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(shape, "shape");
        String what = "slice of " + this + " at " + RegisterLayout.list(offsets) + " with shape "
                + RegisterLayout.list(shape);
        if (offsets.length != rank() || shape.length != rank()) {
            throw new LayoutException(what + ": expected rank " + rank());
        }
        long newBase = base;
        List<Integer> ms = new ArrayList<>();
        List<Integer> st = new ArrayList<>();
        int[] counts = new int[rank()];
        for (int d = 0; d < rank(); d++) {
            int o = offsets[d];
            int s = shape[d];
            if (o < 0 || s < 1 || (long) o + s > this.shape[d]) {
                throw new LayoutException(what + ": dimension " + d + " range [" + o + ", " + ((long) o + s)
                        + ") is not inside [0, " + this.shape[d] + ")");
            }
            List<Integer> dm = new ArrayList<>();
            List<Integer> ds = new ArrayList<>();
            int m = dimStart[d + 1] - 1;
            while (true) {
                if (s == 1 || m < dimStart[d]) {
                    newBase += linearOfDigits(d, m, o);
                    break;
                }
                int n = modeShape[m];
                if (o % n + s <= n) {
                    dm.add(0, s);
                    ds.add(0, modeStrides[m]);
                    newBase += (long) (o % n) * modeStrides[m] + linearOfDigits(d, m - 1, o / n);
                    break;
                } else if (o % n == 0 && s % n == 0) {
                    dm.add(0, n);
                    ds.add(0, modeStrides[m]);
                    o /= n;
                    s /= n;
                    m--;
                } else {
                    throw new LayoutException(what + ": dimension " + d + " range is not expressible by modes"
                            + " (it straddles a mode of size " + n + ")");
                }
            }
            ms.addAll(dm);
            st.addAll(ds);
            counts[d] = dm.size();
        }
        return new SharedLayout(shape, toArray(ms), toArray(st), counts, swizzle, (int) newBase);
    }

    /** Linear offset of value v decomposed over modes dimStart[d]..last (most significant first). */
    private long linearOfDigits(int d, int last, int v) {
        long lin = 0;
        for (int m = last; m >= dimStart[d]; m--) {
            lin += (long) (v % modeShape[m]) * modeStrides[m];
            v /= modeShape[m];
        }
        return lin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedLayout l && Arrays.equals(shape, l.shape) && Arrays.equals(modeShape, l.modeShape)
                && Arrays.equals(modeStrides, l.modeStrides) && Arrays.equals(dimStart, l.dimStart)
                && swizzle.equals(l.swizzle) && base == l.base;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(modeShape), Arrays.hashCode(modeStrides),
                Arrays.hashCode(dimStart), swizzle, base);
    }

    /** E.g. {@code shared(shape=[16, 64], modes=[16, 64], strides=[64, 1], swizzle=Swizzle(3, 3, 3))}. */
    @Override
    public String toString() {
        return describe(shape, modeShape, modeStrides, swizzle, base);
    }
}
