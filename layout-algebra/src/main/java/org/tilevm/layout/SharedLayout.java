package org.tilevm.layout;

/**
 * A shared-memory layout: logical index -> element offset within the shared buffer.
 * CONTRACT STUB: signatures are fixed; the implementation is being written.
 */
public final class SharedLayout {
    SharedLayout() {}
    public static SharedLayout rowMajor(int... shape) { throw new UnsupportedOperationException(); }
    public static SharedLayout columnMajor(int... shape) { throw new UnsupportedOperationException(); }
    public static SharedLayout of(int[] shape, int[] modeShape, int[] modeStrides) { throw new UnsupportedOperationException(); }
    /** Row-major [rows, cols] tile with the XOR swizzle that makes ldmatrix conflict-free for elements of elemBytes. */
    public static SharedLayout swizzledRowMajor(int rows, int cols, int elemBytes) { throw new UnsupportedOperationException(); }
    public SharedLayout withSwizzle(Swizzle swizzle) { throw new UnsupportedOperationException(); }
    public int rank() { throw new UnsupportedOperationException(); }
    public int[] shape() { throw new UnsupportedOperationException(); }
    public int shape(int dim) { throw new UnsupportedOperationException(); }
    /** Number of element slots the layout spans (the allocation size in elements). */
    public int cosize() { throw new UnsupportedOperationException(); }
    public int offsetOf(int... index) { throw new UnsupportedOperationException(); }
    public SharedLayout compose(SharedLayout inner) { throw new UnsupportedOperationException(); }
    public SharedLayout slice(int[] offsets, int[] shape) { throw new UnsupportedOperationException(); }
}
