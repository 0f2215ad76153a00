package org.tilevm.layout;

import java.util.List;
import java.util.Map;

/**
 * A global-memory layout: symbolic shape and strides (in elements) over program parameters.
 * CONTRACT STUB: signatures are fixed; the implementation is being written.
 */
public final class GlobalLayout {
    GlobalLayout() {}
    public static GlobalLayout of(List<Sym> shape, List<Sym> strides) { throw new UnsupportedOperationException(); }
    public static GlobalLayout rowMajor(List<Sym> shape) { throw new UnsupportedOperationException(); }
    public static GlobalLayout columnMajor(List<Sym> shape) { throw new UnsupportedOperationException(); }
    public int rank() { throw new UnsupportedOperationException(); }
    public List<Sym> shape() { throw new UnsupportedOperationException(); }
    public List<Sym> strides() { throw new UnsupportedOperationException(); }
    public Sym offsetOf(List<Sym> index) { throw new UnsupportedOperationException(); }
    public long[] evalShape(Map<String, Long> env) { throw new UnsupportedOperationException(); }
    public long[] evalStrides(Map<String, Long> env) { throw new UnsupportedOperationException(); }
}
