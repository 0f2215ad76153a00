package org.tilevm.spec.interp;

import java.lang.foreign.MemorySegment;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.TensorVar;

/**
 * A global tensor: a view of a pointer argument or a launch workspace. Element {@code index} lives
 * at element offset {@code sum(index[d] * strides[d])} of the packed segment (bit stream of
 * {@code dtype.bits()}-bit codes, LSB first).
 */
final class GlobalValue implements TensorValue {
    final TensorVar var;
    final MemorySegment segment;
    final DType dtype;
    final int bits;
    final long[] shape;
    final long[] strides;
    /** What the memory is, for messages: "pointer parameter A" or "global workspace W". */
    final String origin;
    /** Number of whole elements the segment holds. */
    final long capacity;

    GlobalValue(TensorVar var, MemorySegment segment, long[] shape, long[] strides, String origin) {
        this.var = var;
        this.segment = segment;
        this.dtype = var.type().dtype();
        this.bits = dtype.bits();
        this.shape = shape;
        this.strides = strides;
        this.origin = origin;
        this.capacity = segment.byteSize() * 8 / bits;
    }

    public TensorVar var() { return var; }

    public String kind() { return "global"; }

    int rank() { return shape.length; }

    /** The element offset of {@code index}, which lies inside the shape; fails if outside the segment. */
    long offset(long[] index) {
        long pos = 0;
        for (int d = 0; d < index.length; d++) pos += index[d] * strides[d];
        checkInSegment(pos, index);
        return pos;
    }

    void checkInSegment(long pos, long[] index) {
        if (pos < 0 || pos >= capacity) {
            throw new InterpError("element " + Shapes.text(index) + " of global tensor " + var.name()
                    + " is at element offset " + pos + ", outside the " + segment.byteSize() + "-byte segment of "
                    + origin + " (" + capacity + " elements of " + dtype.name() + ")");
        }
    }

    long get(long pos) { return BitPacking.get(segment, pos, bits); }

    void set(long pos, long code) { BitPacking.set(segment, pos, bits, code); }

    boolean inside(long[] index) {
        for (int d = 0; d < index.length; d++) if (index[d] < 0 || index[d] >= shape[d]) return false;
        return true;
    }
}
