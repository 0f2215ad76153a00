package org.tilevm.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A global-memory layout: symbolic shape and strides (in elements) over program parameters. The offset of an index
 * is {@code sum index[d] * strides[d]}. Immutable; lists returned are unmodifiable.
 */
public final class GlobalLayout {
    private final List<Sym> shape;
    private final List<Sym> strides;

    private GlobalLayout(List<Sym> shape, List<Sym> strides) {
        this.shape = shape;
        this.strides = strides;
    }

    /** @throws LayoutException if the lists differ in length */
    public static GlobalLayout of(List<Sym> shape, List<Sym> strides) {
        List<Sym> sh = List.copyOf(Objects.requireNonNull(shape, "shape"));
        List<Sym> st = List.copyOf(Objects.requireNonNull(strides, "strides"));
        if (sh.size() != st.size()) {
            throw new LayoutException("global layout with shape " + sh + " and strides " + st
                    + ": ranks differ (" + sh.size() + " vs " + st.size() + ")");
        }
        for (Sym s : sh) {
            if (s.isConstant() && s.constantValue() < 0) {
                throw new LayoutException("global layout with shape " + sh + ": negative size " + s);
            }
        }
        return new GlobalLayout(sh, st);
    }

    /** Strides: last dimension 1, {@code strides[d] = strides[d+1] * shape[d+1]}. */
    public static GlobalLayout rowMajor(List<Sym> shape) {
        List<Sym> sh = List.copyOf(Objects.requireNonNull(shape, "shape"));
        Sym[] st = new Sym[sh.size()];
        Sym acc = Sym.constant(1);
        for (int d = sh.size() - 1; d >= 0; d--) {
            st[d] = acc;
            acc = acc.times(sh.get(d));
        }
        return of(sh, List.of(st));
    }

    /** Strides: first dimension 1, {@code strides[d] = strides[d-1] * shape[d-1]}. */
    public static GlobalLayout columnMajor(List<Sym> shape) {
        List<Sym> sh = List.copyOf(Objects.requireNonNull(shape, "shape"));
        Sym[] st = new Sym[sh.size()];
        Sym acc = Sym.constant(1);
        for (int d = 0; d < sh.size(); d++) {
            st[d] = acc;
            acc = acc.times(sh.get(d));
        }
        return of(sh, List.of(st));
    }

    public int rank() {
        return shape.size();
    }

    public List<Sym> shape() {
        return shape;
    }

    public List<Sym> strides() {
        return strides;
    }

    /** {@code sum index[d] * strides[d]}. @throws LayoutException on a rank mismatch */
    public Sym offsetOf(List<Sym> index) {
        Objects.requireNonNull(index, "index");
        if (index.size() != rank()) {
            throw new LayoutException("global layout " + this + ": index " + index + " has rank " + index.size()
                    + ", expected " + rank());
        }
        Sym off = Sym.constant(0);
        for (int d = 0; d < rank(); d++) {
            off = off.plus(Objects.requireNonNull(index.get(d), "index element").times(strides.get(d)));
        }
        return off;
    }

    /** Concrete offset of a concrete index, checked against the evaluated shape. */
    public long evalOffset(long[] index, Map<String, Long> env) {
        Objects.requireNonNull(index, "index");
        long[] sh = evalShape(env);
        long[] st = evalStrides(env);
        if (index.length != sh.length) {
            throw new LayoutException("global layout " + this + ": index has rank " + index.length + ", expected "
                    + sh.length);
        }
        long off = 0;
        for (int d = 0; d < sh.length; d++) {
            if (index[d] < 0 || index[d] >= sh[d]) {
                throw new LayoutException("global layout " + this + ": index " + index[d] + " out of range [0, "
                        + sh[d] + ") in dimension " + d);
            }
            try {
                off = Math.addExact(off, Math.multiplyExact(index[d], st[d]));
            } catch (ArithmeticException e) {
                throw new LayoutException("global layout " + this + ": offset overflows a long", e);
            }
        }
        return off;
    }

    public long[] evalShape(Map<String, Long> env) {
        return evalAll(shape, env);
    }

    public long[] evalStrides(Map<String, Long> env) {
        return evalAll(strides, env);
    }

    private static long[] evalAll(List<Sym> l, Map<String, Long> env) {
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i).eval(env);
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalLayout g && shape.equals(g.shape) && strides.equals(g.strides);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + strides.hashCode();
    }

    /** E.g. {@code global(shape=[M, K], strides=[K, 1])}. */
    @Override
    public String toString() {
        List<String> a = new ArrayList<>();
        for (Sym s : shape) {
            a.add(s.toString());
        }
        List<String> b = new ArrayList<>();
        for (Sym s : strides) {
            b.add(s.toString());
        }
        return "global(shape=" + a + ", strides=" + b + ")";
    }
}
