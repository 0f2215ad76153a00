package org.tilevm.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A register layout: the map {@code (thread, local) -> logical index} of a register tile (the Tilus model).
 *
 * <p>Representation: {@code shape} (the logical tile), {@code modeShape} (every dimension split row-major into
 * modes, concatenated over the dimensions in order; the first mode of a dimension is its most significant digit),
 * {@code spatialModes} (entries distributed over threads; an entry {@code -r} is a replication mode: {@code r}
 * threads hold the same element) and {@code localModes} (entries distributed over one thread's registers). Every
 * mode is in exactly one of the two lists. The thread index is the row-major mixed-radix number formed by the
 * digits of the spatial entries in list order, the local index likewise over the local entries.
 *
 * <p>Instances are immutable. {@link #equals} and {@link #hashCode} compare {@linkplain #canonical() canonical
 * forms}, so two layouts are equal if and only if they have the same shape, the same number of threads, the same
 * local size and the same map {@code (thread, local) -> index}. {@link #toString()} prints the canonical form in
 * the text syntax accepted by {@link Layouts#parse(String)}. Accessors return defensive copies.
 *
 * <p>See Part L of {@code vm-spec/SPEC.md} for every operation with its postcondition and a worked example.
 */
public final class RegisterLayout {
    /** One (thread, local) slot that holds an element. */
    public record Holder(int thread, int local) {}

    private final int[] shape;
    private final int[] modeShape;
    private final int[] dimStart; // modes of dim d are [dimStart[d], dimStart[d+1])
    private final int[] spatial;
    private final int[] local;
    // derived
    private final int[] modeDim;
    private final int[] modeWeight; // weight of a mode's digit in its dimension's index
    private final int[] spatialWeight; // weight of an entry's digit in the thread index
    private final int[] localWeight;
    private final int[] localEntryOfMode; // position in local list or -1
    private final int[] spatialEntryOfMode; // position in spatial list or -1
    private final int numThreads;
    private final int localSize;
    private final int numElements;
    private final int replication;
    private RegisterLayout canonical; // lazily computed, benign race

    /** Trusted-ish internal constructor: mode-to-dimension assignment given explicitly by counts. Validates. */
    RegisterLayout(int[] shape, int[] modeShape, int[] dimModeCounts, int[] spatialModes, int[] localModes) {
        this.shape = shape.clone();
        this.modeShape = modeShape.clone();
        this.spatial = spatialModes.clone();
        this.local = localModes.clone();
        int rank = shape.length;
        if (dimModeCounts.length != rank) {
            throw invalid("expected one mode count per dimension");
        }
        this.dimStart = new int[rank + 1];
        for (int d = 0; d < rank; d++) {
            if (dimModeCounts[d] < 0) {
                throw invalid("negative mode count");
            }
            dimStart[d + 1] = dimStart[d] + dimModeCounts[d];
        }
        int nModes = modeShape.length;
        if (dimStart[rank] != nModes) {
            throw invalid("mode counts do not add up to the number of modes");
        }
        this.modeDim = new int[nModes];
        this.modeWeight = new int[nModes];
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            if (shape[d] < 1) {
                throw invalid("dimension " + d + " has size " + shape[d] + " (must be >= 1)");
            }
            long w = 1;
            for (int m = dimStart[d + 1] - 1; m >= dimStart[d]; m--) {
                if (modeShape[m] < 1) {
                    throw invalid("mode " + m + " has size " + modeShape[m] + " (must be >= 1)");
                }
                modeDim[m] = d;
                modeWeight[m] = (int) Math.min(w, Integer.MAX_VALUE);
                w *= modeShape[m];
                if (w > shape[d]) {
                    break;
                }
            }
            if (w != shape[d]) {
                throw invalid("the modes of dimension " + d + " do not multiply to its size " + shape[d]);
            }
            elements *= shape[d];
            if (elements > Integer.MAX_VALUE) {
                throw invalid("more than 2^31-1 elements");
            }
        }
        this.numElements = (int) elements;
        this.spatialEntryOfMode = new int[nModes];
        this.localEntryOfMode = new int[nModes];
        Arrays.fill(spatialEntryOfMode, -1);
        Arrays.fill(localEntryOfMode, -1);
        long threads = 1;
        long rep = 1;
        for (int i = 0; i < spatial.length; i++) {
            int e = spatial[i];
            if (e < 0) {
                threads *= -(long) e;
                rep *= -(long) e;
            } else {
                if (e >= nModes) {
                    throw invalid("spatial entry " + e + " is not a mode index (there are " + nModes + " modes)");
                }
                if (spatialEntryOfMode[e] >= 0) {
                    throw invalid("mode " + e + " appears twice in spatialModes");
                }
                spatialEntryOfMode[e] = i;
                threads *= modeShape[e];
            }
            if (threads > Integer.MAX_VALUE) {
                throw invalid("more than 2^31-1 threads");
            }
        }
        long locals = 1;
        for (int i = 0; i < local.length; i++) {
            int e = local[i];
            if (e < 0 || e >= nModes) {
                throw invalid("local entry " + e + " is not a mode index (there are " + nModes + " modes)");
            }
            if (spatialEntryOfMode[e] >= 0) {
                throw invalid("mode " + e + " is both spatial and local");
            }
            if (localEntryOfMode[e] >= 0) {
                throw invalid("mode " + e + " appears twice in localModes");
            }
            localEntryOfMode[e] = i;
            locals *= modeShape[e];
            if (locals > Integer.MAX_VALUE) {
                throw invalid("more than 2^31-1 registers per thread");
            }
        }
        for (int m = 0; m < nModes; m++) {
            if (spatialEntryOfMode[m] < 0 && localEntryOfMode[m] < 0) {
                throw invalid("mode " + m + " is neither spatial nor local");
            }
        }
        this.numThreads = (int) threads;
        this.localSize = (int) locals;
        this.replication = (int) rep;
        this.spatialWeight = weights(spatial, modeShape);
        this.localWeight = weights(local, modeShape);
    }

    private static int[] weights(int[] entries, int[] modeShape) {
        int[] w = new int[entries.length];
        int acc = 1;
        for (int i = entries.length - 1; i >= 0; i--) {
            w[i] = acc;
            int e = entries[i];
            acc *= e < 0 ? -e : modeShape[e];
        }
        return w;
    }

    private LayoutException invalid(String problem) {
        return new LayoutException("invalid register layout " + rawText(shape, modeShape, spatial, local) + ": " + problem);
    }

    static String rawText(int[] shape, int[] modeShape, int[] spatial, int[] local) {
        return "layout(" + list(shape) + ", " + list(modeShape) + ", " + list(spatial) + ", " + list(local) + ")";
    }

    static String list(int[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(a[i]);
        }
        return sb.append(']').toString();
    }

    /**
     * Builds a layout from its raw representation. Modes are assigned to dimensions in order: dimension {@code d}
     * takes modes until their product reaches {@code shape[d]}; size-1 modes that follow go to the next dimension
     * (to the last one at the end).
     *
     * @throws LayoutException if the modes do not split the shape, an index is out of range, or a mode is missing
     *                         from or repeated in the two lists
     */
    public static RegisterLayout of(int[] shape, int[] modeShape, int[] spatialModes, int[] localModes) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(modeShape, "modeShape");
        Objects.requireNonNull(spatialModes, "spatialModes");
        Objects.requireNonNull(localModes, "localModes");
        String raw = rawText(shape, modeShape, spatialModes, localModes);
        int rank = shape.length;
        int[] counts = new int[rank];
        int idx = 0;
        for (int d = 0; d < rank; d++) {
            if (shape[d] < 1) {
                throw new LayoutException("invalid register layout " + raw + ": dimension " + d + " has size "
                        + shape[d] + " (must be >= 1)");
            }
            long prod = 1;
            while (idx < modeShape.length && (prod < shape[d] || d == rank - 1)) {
                if (modeShape[idx] < 1) {
                    throw new LayoutException("invalid register layout " + raw + ": mode " + idx + " has size "
                            + modeShape[idx] + " (must be >= 1)");
                }
                prod *= modeShape[idx];
                idx++;
                counts[d]++;
                if (prod > shape[d]) {
                    break;
                }
            }
            if (prod != shape[d]) {
                throw new LayoutException("invalid register layout " + raw + ": the modes do not split dimension "
                        + d + " of size " + shape[d]);
            }
        }
        if (idx != modeShape.length) {
            throw new LayoutException("invalid register layout " + raw + ": " + (modeShape.length - idx)
                    + " mode(s) left over after splitting the shape");
        }
        return new RegisterLayout(shape, modeShape, counts, spatialModes, localModes);
    }

    // ------------------------------------------------------------------ accessors

    public int rank() {
        return shape.length;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int shape(int dim) {
        checkDim(dim);
        return shape[dim];
    }

    public int[] modeShape() {
        return modeShape.clone();
    }

    public int[] spatialModes() {
        return spatial.clone();
    }

    public int[] localModes() {
        return local.clone();
    }

    /** The mode indices of dimension {@code dim}, most significant first. */
    public int[] modesOfDim(int dim) {
        checkDim(dim);
        int[] r = new int[dimStart[dim + 1] - dimStart[dim]];
        for (int i = 0; i < r.length; i++) {
            r[i] = dimStart[dim] + i;
        }
        return r;
    }

    int modeDimOf(int mode) {
        return modeDim[mode];
    }

    public int numThreads() {
        return numThreads;
    }

    public int localSize() {
        return localSize;
    }

    public int numElements() {
        return numElements;
    }

    /** True if some replication entry of size > 1 exists, i.e. some element is held by more than one thread. */
    public boolean isReplicated() {
        return replication > 1;
    }

    /** Product of the replication entries: how many (thread, local) slots hold each element. */
    public int replicationFactor() {
        return replication;
    }

    private void checkDim(int dim) {
        if (dim < 0 || dim >= shape.length) {
            throw new LayoutException("layout " + this + ": dimension " + dim + " out of range [0, " + shape.length + ")");
        }
    }

    // ------------------------------------------------------------------ the map

    /** The logical index held in register {@code local} of thread {@code thread}. */
    public int[] indexOf(int thread, int local) {
        if (thread < 0 || thread >= numThreads) {
            throw new LayoutException("layout " + this + ": thread " + thread + " out of range [0, " + numThreads + ")");
        }
        if (local < 0 || local >= localSize) {
            throw new LayoutException("layout " + this + ": local index " + local + " out of range [0, " + localSize + ")");
        }
        int[] idx = new int[shape.length];
        int t = thread;
        for (int i = spatial.length - 1; i >= 0; i--) {
            int e = spatial[i];
            int size = e < 0 ? -e : modeShape[e];
            int digit = t % size;
            t /= size;
            if (e >= 0) {
                idx[modeDim[e]] += digit * modeWeight[e];
            }
        }
        int l = local;
        for (int i = this.local.length - 1; i >= 0; i--) {
            int e = this.local[i];
            int digit = l % modeShape[e];
            l /= modeShape[e];
            idx[modeDim[e]] += digit * modeWeight[e];
        }
        return idx;
    }

    /**
     * One digit of the thread index and where it lands: {@code index[dim] += ((thread / divisor) %
     * modulus) * weight}. Replication digits are not listed (they move no index).
     */
    public record SpatialTerm(int dim, int divisor, int modulus, int weight) {}

    /**
     * The thread part of the map as data, for code generators that compute indices from a runtime
     * thread index. Postcondition: for every thread t and local l,
     * {@code indexOf(t, l)[d] == indexOf(0, l)[d] + sum over terms with dim d of ((t / divisor) % modulus) * weight}.
     */
    /**
     * The replication digits of the thread index, as terms with {@code dim == -1} and {@code
     * weight == 0}: threads that differ only in these digits hold the same elements. A thread is
     * the <em>first holder</em> of all its elements iff every replication digit
     * {@code (thread / divisor) % modulus} is 0.
     */
    public List<SpatialTerm> replicationTerms() {
        List<SpatialTerm> terms = new ArrayList<>();
        int divisor = 1;
        for (int i = spatial.length - 1; i >= 0; i--) {
            int e = spatial[i];
            int size = e < 0 ? -e : modeShape[e];
            if (e < 0 && size > 1) terms.add(new SpatialTerm(-1, divisor, size, 0));
            divisor *= size;
        }
        return List.copyOf(terms);
    }

    public List<SpatialTerm> spatialTerms() {
        List<SpatialTerm> terms = new ArrayList<>();
        int divisor = 1;
        for (int i = spatial.length - 1; i >= 0; i--) {
            int e = spatial[i];
            int size = e < 0 ? -e : modeShape[e];
            if (e >= 0 && size > 1) terms.add(new SpatialTerm(modeDim[e], divisor, size, modeWeight[e]));
            divisor *= size;
        }
        return List.copyOf(terms);
    }

    /** All (thread, local) slots holding the element at {@code index}, sorted by thread then local. */
    public List<Holder> holders(int... index) {
        Objects.requireNonNull(index, "index");
        if (index.length != shape.length) {
            throw new LayoutException("layout " + this + ": index " + list(index) + " has rank " + index.length
                    + ", expected " + shape.length);
        }
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new LayoutException("layout " + this + ": index " + list(index) + " out of range in dimension "
                        + d + " (size " + shape[d] + ")");
            }
        }
        int thread0 = 0;
        int loc = 0;
        for (int d = 0; d < shape.length; d++) {
            int v = index[d];
            for (int m = dimStart[d + 1] - 1; m >= dimStart[d]; m--) {
                int digit = v % modeShape[m];
                v /= modeShape[m];
                if (spatialEntryOfMode[m] >= 0) {
                    thread0 += digit * spatialWeight[spatialEntryOfMode[m]];
                } else {
                    loc += digit * localWeight[localEntryOfMode[m]];
                }
            }
        }
        int[] threads = {thread0};
        for (int i = 0; i < spatial.length; i++) {
            if (spatial[i] < 0) {
                int r = -spatial[i];
                int[] next = new int[threads.length * r];
                int k = 0;
                for (int t : threads) {
                    for (int j = 0; j < r; j++) {
                        next[k++] = t + j * spatialWeight[i];
                    }
                }
                threads = next;
            }
        }
        Arrays.sort(threads);
        List<Holder> out = new ArrayList<>(threads.length);
        for (int t : threads) {
            out.add(new Holder(t, loc));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ composition

    /**
     * Kronecker product {@code this (outer) x inner}. Ranks must match. Result: {@code shape = outer.shape *
     * inner.shape}; the element held by {@code (t, l)} with {@code t = to * inner.numThreads + ti} and
     * {@code l = lo * inner.localSize + li} is {@code outer.indexOf(to, lo) * inner.shape + inner.indexOf(ti, li)}
     * per dimension. Associative, not commutative.
     */
    public RegisterLayout compose(RegisterLayout inner) {
        Objects.requireNonNull(inner, "inner");
        if (inner.rank() != rank()) {
            throw new LayoutException("cannot compose " + this + " (rank " + rank() + ") with " + inner + " (rank "
                    + inner.rank() + "): ranks differ");
        }
        int[] sh = new int[rank()];
        for (int d = 0; d < sh.length; d++) {
            long p = (long) shape[d] * inner.shape[d];
            if (p > Integer.MAX_VALUE) {
                throw new LayoutException("cannot compose " + this + " with " + inner + ": dimension " + d + " overflows");
            }
            sh[d] = (int) p;
        }
        LayoutWork w = new LayoutWork(sh);
        int[] ida = new int[modeShape.length];
        int[] idb = new int[inner.modeShape.length];
        for (int d = 0; d < sh.length; d++) {
            for (int m = dimStart[d]; m < dimStart[d + 1]; m++) {
                ida[m] = w.addMode(d, modeShape[m]);
            }
            for (int m = inner.dimStart[d]; m < inner.dimStart[d + 1]; m++) {
                idb[m] = w.addMode(d, inner.modeShape[m]);
            }
        }
        appendMapped(w.spatial, spatial, ida);
        appendMapped(w.spatial, inner.spatial, idb);
        appendMapped(w.local, local, ida);
        appendMapped(w.local, inner.local, idb);
        try {
            return w.build();
        } catch (LayoutException e) {
            throw new LayoutException("cannot compose " + this + " with " + inner + ": " + e.getMessage(), e);
        }
    }

    private static void appendMapped(List<Integer> out, int[] entries, int[] ids) {
        for (int e : entries) {
            out.add(e < 0 ? e : ids[e]);
        }
    }

    /** {@code this.compose(Layouts.local(shape))}. */
    public RegisterLayout local(int... shape) {
        return compose(Layouts.local(shape));
    }

    /** {@code this.compose(Layouts.spatial(shape))}. */
    public RegisterLayout spatial(int... shape) {
        return compose(Layouts.spatial(shape));
    }

    /** {@code this.compose(Layouts.columnLocal(shape))}. */
    public RegisterLayout columnLocal(int... shape) {
        return compose(Layouts.columnLocal(shape));
    }

    /** {@code this.compose(Layouts.columnSpatial(shape))}. */
    public RegisterLayout columnSpatial(int... shape) {
        return compose(Layouts.columnSpatial(shape));
    }

    /** {@code this.compose(Layouts.replicated(r, rank()))}: every element is additionally held by r threads. */
    public RegisterLayout replicated(int r) {
        return compose(Layouts.replicated(r, rank()));
    }

    /**
     * Concatenates dimensions: {@code shape = this.shape ++ other.shape}; thread {@code t = t_this *
     * other.numThreads + t_other}, local {@code l = l_this * other.localSize + l_other}; the element is
     * {@code this.indexOf(t_this, l_this) ++ other.indexOf(t_other, l_other)}.
     */
    public RegisterLayout concat(RegisterLayout other) {
        Objects.requireNonNull(other, "other");
        int[] sh = new int[rank() + other.rank()];
        System.arraycopy(shape, 0, sh, 0, rank());
        System.arraycopy(other.shape, 0, sh, rank(), other.rank());
        LayoutWork w = new LayoutWork(sh);
        int[] ida = new int[modeShape.length];
        int[] idb = new int[other.modeShape.length];
        for (int m = 0; m < modeShape.length; m++) {
            ida[m] = w.addMode(modeDim[m], modeShape[m]);
        }
        for (int m = 0; m < other.modeShape.length; m++) {
            idb[m] = w.addMode(rank() + other.modeDim[m], other.modeShape[m]);
        }
        appendMapped(w.spatial, spatial, ida);
        appendMapped(w.spatial, other.spatial, idb);
        appendMapped(w.local, local, ida);
        appendMapped(w.local, other.local, idb);
        try {
            return w.build();
        } catch (LayoutException e) {
            throw new LayoutException("cannot concat " + this + " with " + other + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ division

    /**
     * Right division: returns {@code q} with {@code q.compose(rhs).equals(this)}.
     *
     * @throws LayoutException if no such q exists (or the mode structures do not line up)
     */
    public RegisterLayout divide(RegisterLayout rhs) {
        Objects.requireNonNull(rhs, "rhs");
        String[] why = new String[1];
        RegisterLayout q = tryDivide(this, rhs, why);
        if (q == null) {
            throw new LayoutException("cannot divide " + this + " by " + rhs + ": " + why[0]);
        }
        return q;
    }

    /** True if {@link #divide(RegisterLayout)} succeeds. */
    public boolean divisibleBy(RegisterLayout rhs) {
        Objects.requireNonNull(rhs, "rhs");
        return tryDivide(this, rhs, new String[1]) != null;
    }

    /**
     * Left division: returns {@code r} with {@code lhs.compose(r).equals(this)}.
     *
     * @throws LayoutException if no such r exists
     */
    public RegisterLayout leftDivide(RegisterLayout lhs) {
        Objects.requireNonNull(lhs, "lhs");
        String[] why = new String[1];
        // Reversing every dimension's modes and both lists turns compose(a, b) into compose(rev b, rev a).
        RegisterLayout q = tryDivide(this.reversed(), lhs.reversed(), why);
        if (q == null) {
            throw new LayoutException("cannot left-divide " + this + " by " + lhs + ": " + why[0]);
        }
        RegisterLayout r = q.reversed();
        if (!lhs.compose(r).equals(this)) {
            throw new LayoutException("cannot left-divide " + this + " by " + lhs + ": mode structures do not match");
        }
        return r;
    }

    RegisterLayout reversed() {
        LayoutWork w = new LayoutWork(this);
        w.reverse();
        return w.build();
    }

    private static RegisterLayout tryDivide(RegisterLayout whole, RegisterLayout rhs, String[] why) {
        if (whole.rank() != rhs.rank()) {
            why[0] = "ranks differ (" + whole.rank() + " vs " + rhs.rank() + ")";
            return null;
        }
        RegisterLayout lc = whole.canonical();
        RegisterLayout rc = rhs.canonical();
        int rank = whole.rank();
        for (int d = 0; d < rank; d++) {
            if (lc.shape[d] % rc.shape[d] != 0) {
                why[0] = "dimension " + d + ": " + lc.shape[d] + " is not a multiple of " + rc.shape[d];
                return null;
            }
        }
        if (lc.numThreads % rc.numThreads != 0) {
            why[0] = "thread count " + lc.numThreads + " is not a multiple of " + rc.numThreads;
            return null;
        }
        if (lc.localSize % rc.localSize != 0) {
            why[0] = "local size " + lc.localSize + " is not a multiple of " + rc.localSize;
            return null;
        }
        LayoutWork l = new LayoutWork(lc);
        LayoutWork r = new LayoutWork(rc);
        Map<Integer, Integer> pair = new HashMap<>();
        for (int d = 0; d < rank; d++) {
            List<Integer> dl = l.dims.get(d);
            int need = rc.shape[d];
            long acc = 1;
            int pos = dl.size();
            while (acc < need) {
                int id = dl.get(pos - 1);
                int s = l.size(id);
                if (need % (acc * s) == 0) {
                    acc *= s;
                    pos--;
                } else if (need % acc == 0 && s % (need / acc) == 0) {
                    int innerSize = (int) (need / acc);
                    l.split(id, s / innerSize, innerSize);
                    acc = need;
                } else {
                    why[0] = "dimension " + d + ": its inner " + need + " elements do not fall on mode boundaries";
                    return null;
                }
            }
            List<Integer> lt = new ArrayList<>(dl.subList(pos, dl.size()));
            List<Integer> rt = new ArrayList<>(r.dims.get(d));
            int i = lt.size() - 1;
            int j = rt.size() - 1;
            while (i >= 0 && j >= 0) {
                int p = lt.get(i);
                int q = rt.get(j);
                int sp = l.size(p);
                int sq = r.size(q);
                if (sp == sq) {
                    pair.put(p, q);
                    i--;
                    j--;
                } else if (sp > sq && sp % sq == 0) {
                    pair.put(l.split(p, sp / sq, sq), q);
                    j--;
                } else if (sq > sp && sq % sp == 0) {
                    pair.put(p, r.split(q, sq / sp, sp));
                    i--;
                } else {
                    why[0] = "dimension " + d + ": mode sizes " + sp + " and " + sq + " do not nest";
                    return null;
                }
            }
            if (i >= 0 || j >= 0) {
                why[0] = "dimension " + d + ": mode structures do not match";
                return null;
            }
        }
        int[] matched = new int[1];
        int spatialTail = matchTail(l.spatial, r.spatial, pair, matched, why, "spatial");
        if (spatialTail < 0) {
            return null;
        }
        int localTail = matchTail(l.local, r.local, pair, matched, why, "local");
        if (localTail < 0) {
            return null;
        }
        if (matched[0] != pair.size()) {
            why[0] = "the inner modes of the dimensions are not the inner thread/register digits";
            return null;
        }
        for (int id : pair.keySet()) {
            l.dims.get(l.dimOf(id)).remove(Integer.valueOf(id));
        }
        l.spatial = new ArrayList<>(l.spatial.subList(0, spatialTail));
        l.local = new ArrayList<>(l.local.subList(0, localTail));
        for (int d = 0; d < rank; d++) {
            l.shape[d] = lc.shape[d] / rc.shape[d];
        }
        RegisterLayout q;
        try {
            q = l.build();
        } catch (LayoutException | IllegalStateException e) {
            why[0] = "mode structures do not match";
            return null;
        }
        if (!q.compose(rhs).equals(whole)) {
            why[0] = "mode structures do not match";
            return null;
        }
        return q;
    }

    /** Matches the tail of list {@code ls} against all of {@code rs}; returns where the tail starts, or -1. */
    private static int matchTail(List<Integer> ls, List<Integer> rs, Map<Integer, Integer> pair, int[] matched,
                                 String[] why, String what) {
        int i = ls.size() - 1;
        int j = rs.size() - 1;
        while (j >= 0) {
            if (i < 0) {
                why[0] = "the " + what + " entries of the divisor are not the inner " + what + " entries";
                return -1;
            }
            int le = ls.get(i);
            int re = rs.get(j);
            if (re < 0) {
                if (le >= 0) {
                    why[0] = "a replication entry of the divisor meets a mode";
                    return -1;
                }
                int rl = -le;
                int rr = -re;
                if (rl == rr) {
                    i--;
                    j--;
                } else if (rl % rr == 0) {
                    ls.set(i, -(rl / rr));
                    ls.add(i + 1, -rr);
                    j--;
                } else if (rr % rl == 0) {
                    rs.set(j, -(rr / rl));
                    rs.add(j + 1, -rl);
                    i--;
                } else {
                    why[0] = "replication " + rl + " and " + rr + " do not nest";
                    return -1;
                }
            } else {
                Integer p = le < 0 ? null : pair.get(le);
                if (p == null || p != re) {
                    why[0] = "the " + what + " entries of the divisor are not the inner " + what + " entries";
                    return -1;
                }
                matched[0]++;
                i--;
                j--;
            }
        }
        return i + 1;
    }

    // ------------------------------------------------------------------ shape transformations

    /**
     * The layout of the result of reducing {@code dims}: each reduced dimension becomes size 1 ({@code keepDims})
     * or is removed; its spatial modes become replication entries of the same size at the same place in the thread
     * order (the threads that held different elements along it now hold the same result); its local modes vanish.
     * The thread count is unchanged.
     */
    public RegisterLayout reduce(int[] dims, boolean keepDims) {
        Objects.requireNonNull(dims, "dims");
        BitSet set = dimSet(dims, rank(), "reduce");
        LayoutWork w = new LayoutWork(this);
        for (int d = set.nextSetBit(0); d >= 0; d = set.nextSetBit(d + 1)) {
            for (int id : w.dims.get(d)) {
                int pos = w.spatial.indexOf(id);
                if (pos >= 0) {
                    w.spatial.set(pos, -w.size(id));
                } else {
                    w.local.remove(Integer.valueOf(id));
                }
            }
            w.dims.get(d).clear();
            w.shape[d] = 1;
        }
        if (!keepDims) {
            removeDims(w, set);
        }
        return w.build();
    }

    private static void removeDims(LayoutWork w, BitSet set) {
        List<List<Integer>> nd = new ArrayList<>();
        List<Integer> ns = new ArrayList<>();
        for (int d = 0; d < w.shape.length; d++) {
            if (!set.get(d)) {
                nd.add(w.dims.get(d));
                ns.add(w.shape[d]);
            } else {
                for (int id : w.dims.get(d)) {
                    w.spatial.remove(Integer.valueOf(id));
                    w.local.remove(Integer.valueOf(id));
                }
            }
        }
        w.dims = nd;
        w.shape = ns.stream().mapToInt(Integer::intValue).toArray();
    }

    private BitSet dimSet(int[] dims, int bound, String op) {
        BitSet set = new BitSet();
        for (int d : dims) {
            if (d < 0 || d >= bound) {
                throw new LayoutException(op + " of " + this + ": dimension " + d + " out of range [0, " + bound + ")");
            }
            if (set.get(d)) {
                throw new LayoutException(op + " of " + this + ": dimension " + d + " given twice");
            }
            set.set(d);
        }
        return set;
    }

    /** Result dimension {@code k} is this layout's dimension {@code dims[k]}; {@code dims} is a permutation. */
    public RegisterLayout permute(int... dims) {
        Objects.requireNonNull(dims, "dims");
        if (dims.length != rank()) {
            throw new LayoutException("permute of " + this + ": " + list(dims) + " is not a permutation of "
                    + rank() + " dimensions");
        }
        dimSet(dims, rank(), "permute");
        LayoutWork w = new LayoutWork(this);
        List<List<Integer>> nd = new ArrayList<>();
        int[] ns = new int[rank()];
        for (int k = 0; k < dims.length; k++) {
            nd.add(w.dims.get(dims[k]));
            ns[k] = shape[dims[k]];
        }
        w.dims = nd;
        w.shape = ns;
        return w.build();
    }

    /**
     * Reinterprets the row-major flattened index with a new shape (same number of elements). Works on the canonical
     * form, splitting modes where a new dimension boundary falls inside one.
     *
     * @throws LayoutException if the element counts differ or a mode cannot be split at a new boundary
     */
    public RegisterLayout reshape(int... newShape) {
        Objects.requireNonNull(newShape, "shape");
        long n = 1;
        for (int s : newShape) {
            if (s < 1) {
                throw new LayoutException("reshape of " + this + " to " + list(newShape) + ": sizes must be >= 1");
            }
            n *= s;
            if (n > Integer.MAX_VALUE) {
                break;
            }
        }
        if (n != numElements) {
            throw new LayoutException("reshape of " + this + " to " + list(newShape) + ": " + numElements
                    + " elements cannot become " + n);
        }
        RegisterLayout c = canonical();
        LayoutWork w = new LayoutWork(c);
        List<Integer> seq = new ArrayList<>();
        for (List<Integer> dl : w.dims) {
            seq.addAll(dl);
        }
        List<List<Integer>> nd = new ArrayList<>();
        int ptr = 0;
        for (int k = 0; k < newShape.length; k++) {
            List<Integer> dl = new ArrayList<>();
            int s = newShape[k];
            long acc = 1;
            while (acc < s) {
                int id = seq.get(ptr);
                int sz = w.size(id);
                if (s % (acc * sz) == 0) {
                    dl.add(id);
                    acc *= sz;
                    ptr++;
                } else if (s % acc == 0 && sz % (s / acc) == 0) {
                    int outer = (int) (s / acc);
                    int inner = w.split(id, outer, sz / outer);
                    dl.add(id);
                    seq.set(ptr, inner);
                    acc = s;
                } else {
                    throw new LayoutException("reshape of " + this + " to " + list(newShape) + ": a mode of size "
                            + sz + " straddles the boundary of new dimension " + k);
                }
            }
            nd.add(dl);
        }
        w.dims = nd;
        w.shape = newShape.clone();
        for (int k = 0; k < nd.size(); k++) {
            for (int id : nd.get(k)) {
                w.modeDim.set(id, k);
            }
        }
        return w.build();
    }

    /** {@code reshape(numElements())}: rank 1. */
    public RegisterLayout flatten() {
        return reshape(numElements);
    }

    /** Removes the given size-1 dimensions; with no arguments removes every size-1 dimension. */
    public RegisterLayout squeeze(int... dims) {
        Objects.requireNonNull(dims, "dims");
        BitSet set;
        if (dims.length == 0) {
            set = new BitSet();
            for (int d = 0; d < rank(); d++) {
                if (shape[d] == 1) {
                    set.set(d);
                }
            }
        } else {
            set = dimSet(dims, rank(), "squeeze");
            for (int d : dims) {
                if (shape[d] != 1) {
                    throw new LayoutException("squeeze of " + this + ": dimension " + d + " has size " + shape[d]
                            + ", not 1");
                }
            }
        }
        LayoutWork w = new LayoutWork(this);
        removeDims(w, set);
        return w.build();
    }

    /** Inserts size-1 dimensions so that they sit at positions {@code dims} of the result. */
    public RegisterLayout unsqueeze(int... dims) {
        Objects.requireNonNull(dims, "dims");
        int newRank = rank() + dims.length;
        BitSet set = dimSet(dims, newRank, "unsqueeze");
        LayoutWork w = new LayoutWork(this);
        List<List<Integer>> nd = new ArrayList<>();
        int[] ns = new int[newRank];
        int old = 0;
        for (int k = 0; k < newRank; k++) {
            if (set.get(k)) {
                nd.add(new ArrayList<>());
                ns[k] = 1;
            } else {
                nd.add(w.dims.get(old));
                ns[k] = shape[old];
                old++;
            }
        }
        w.dims = nd;
        w.shape = ns;
        return w.build();
    }

    // ------------------------------------------------------------------ canonical form

    /**
     * The canonical form: size-1 modes and size-1 replication entries dropped, adjacent replication entries merged,
     * and two modes merged whenever they are adjacent (in this order) both in their dimension and in their list;
     * modes numbered in dimension order. Two layouts have the same map iff their canonical forms are identical.
     */
    public RegisterLayout canonical() {
        RegisterLayout c = canonical;
        if (c != null) {
            return c;
        }
        LayoutWork w = new LayoutWork(this);
        for (int id = 0; id < w.sizes.size(); id++) {
            if (w.size(id) == 1) {
                w.remove(id);
            }
        }
        w.spatial.removeIf(e -> e == -1);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Integer> list : List.of(w.spatial, w.local)) {
                for (int p = 0; p + 1 < list.size(); p++) {
                    int a = list.get(p);
                    int b = list.get(p + 1);
                    if (a < 0 && b < 0) {
                        list.set(p, a * -b);
                        list.remove(p + 1);
                        changed = true;
                        p--;
                    } else if (a >= 0 && b >= 0 && w.dimOf(a) == w.dimOf(b)) {
                        List<Integer> dl = w.dims.get(w.dimOf(a));
                        if (dl.indexOf(b) == dl.indexOf(a) + 1) {
                            w.sizes.set(a, w.size(a) * w.size(b));
                            w.remove(b);
                            changed = true;
                            p--;
                        }
                    }
                }
            }
        }
        c = w.build();
        c.canonical = c;
        canonical = c;
        return c;
    }

    /** Equal iff the canonical forms are identical, i.e. iff the two layouts have the same map. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RegisterLayout other)) {
            return false;
        }
        RegisterLayout a = canonical();
        RegisterLayout b = other.canonical();
        return Arrays.equals(a.shape, b.shape) && Arrays.equals(a.modeShape, b.modeShape)
                && Arrays.equals(a.dimStart, b.dimStart) && Arrays.equals(a.spatial, b.spatial)
                && Arrays.equals(a.local, b.local);
    }

    @Override
    public int hashCode() {
        RegisterLayout c = canonical();
        int h = Arrays.hashCode(c.shape);
        h = 31 * h + Arrays.hashCode(c.modeShape);
        h = 31 * h + Arrays.hashCode(c.dimStart);
        h = 31 * h + Arrays.hashCode(c.spatial);
        return 31 * h + Arrays.hashCode(c.local);
    }

    /** The canonical form in the text syntax of {@link Layouts#parse(String)}. */
    @Override
    public String toString() {
        return LayoutText.format(canonical());
    }

    /** This layout's own (not canonicalized) representation as {@code layout(shape, modeShape, spatial, local)}. */
    public String toRawString() {
        return rawText(shape, modeShape, spatial, local);
    }
}
