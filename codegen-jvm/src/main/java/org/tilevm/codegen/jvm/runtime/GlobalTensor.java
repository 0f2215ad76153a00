package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A global tensor of one launch: a view of a pointer argument or a workspace. Element
 * {@code index} is element number {@code sum(index[d] * strides[d])} of the packed bit stream of
 * {@code bits}-bit codes (Part D7). Immutable; shared by every block.
 */
public final class GlobalTensor {
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public final String name;
    public final MemorySegment segment;
    public final long[] shape;
    public final long[] strides;
    public final int bits;
    public final String dtypeName;
    /** What the memory is, for messages: {@code pointer parameter a} or {@code global workspace w}. */
    public final String origin;
    /** Whole elements the segment holds. */
    public final long capacity;
    private final long mask;
    /**
     * Held while a tile of sub-byte elements is stored: elements of different blocks may share a
     * byte, and a store rewrites whole bytes; one lock per launch keeps blocks from losing each
     * other's bits (byte-aligned elements never share bytes and need no lock).
     */
    final Object storeLock;

    public GlobalTensor(String name, MemorySegment segment, long[] shape, long[] strides, int bits, String dtypeName,
                        String origin, Object storeLock) {
        this.storeLock = storeLock;
        this.name = name;
        this.segment = segment;
        this.shape = shape;
        this.strides = strides;
        this.bits = bits;
        this.dtypeName = dtypeName;
        this.origin = origin;
        this.capacity = segment.byteSize() * 8 / bits;
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
    }

    public int rank() { return shape.length; }

    /** The code at element offset {@code pos}, which lies inside the segment. */
    public long get(long pos) {
        return switch (bits) {
            case 8 -> segment.get(ValueLayout.JAVA_BYTE, pos) & 0xFFL;
            case 16 -> segment.get(LE_SHORT, pos << 1) & 0xFFFFL;
            case 32 -> segment.get(LE_INT, pos << 2) & 0xFFFF_FFFFL;
            case 64 -> segment.get(LE_LONG, pos << 3);
            default -> getBits(pos);
        };
    }

    /**
     * Codes of elements {@code pos .. pos + n - 1} (8, 16 or 32 bits, unsigned, all inside the
     * segment) into {@code dst[at ..]}: a bulk copy, then a widening loop.
     */
    public void getRow(long pos, int[] dst, int at, int n) {
        switch (bits) {
            case 8 -> {
                for (int j = 0; j < n; j++) dst[at + j] = segment.get(ValueLayout.JAVA_BYTE, pos + j) & 0xFF;
            }
            case 16 -> {
                for (int j = 0; j < n; j++) dst[at + j] = segment.get(LE_SHORT, (pos + j) << 1) & 0xFFFF;
            }
            case 32 -> MemorySegment.copy(segment, LE_INT, pos << 2, dst, at, n);
            default -> throw new IllegalStateException("getRow of " + bits + "-bit codes");
        }
    }

    /** f32 elements {@code pos .. pos + n - 1} (inside the segment) into {@code dst[at ..]}, bits unchanged. */
    public void getFloatRow(long pos, float[] dst, int at, int n) {
        MemorySegment.copy(segment, LE_FLOAT, pos << 2, dst, at, n);
    }

    /** The f32 value at element offset {@code pos} (its bits unchanged). */
    public float getFloat(long pos) { return segment.get(LE_FLOAT, pos << 2); }

    /** Sets the f32 element at offset {@code pos} to the bits of {@code v}. */
    public void setFloat(long pos, float v) { segment.set(LE_FLOAT, pos << 2, v); }

    /** Sets the element at offset {@code pos} to the low bits of {@code code}; neighbours keep their bits. */
    public void set(long pos, long code) {
        switch (bits) {
            case 8 -> segment.set(ValueLayout.JAVA_BYTE, pos, (byte) code);
            case 16 -> segment.set(LE_SHORT, pos << 1, (short) code);
            case 32 -> segment.set(LE_INT, pos << 2, (int) code);
            case 64 -> segment.set(LE_LONG, pos << 3, code);
            default -> setBits(pos, code);
        }
    }

    /** Elements of 1..7 bits span at most two bytes, both inside the segment (pos < capacity). */
    private long getBits(long pos) {
        long bitPos = pos * bits;
        long b = bitPos >>> 3;
        int shift = (int) (bitPos & 7);
        int w = segment.get(ValueLayout.JAVA_BYTE, b) & 0xFF;
        if (shift + bits > 8) w |= (segment.get(ValueLayout.JAVA_BYTE, b + 1) & 0xFF) << 8;
        return (w >>> shift) & mask;
    }

    private void setBits(long pos, long code) {
        long bitPos = pos * bits;
        long b = bitPos >>> 3;
        int shift = (int) (bitPos & 7);
        int m = (int) mask << shift;
        int v = ((int) (code & mask)) << shift;
        int w0 = segment.get(ValueLayout.JAVA_BYTE, b) & 0xFF;
        segment.set(ValueLayout.JAVA_BYTE, b, (byte) ((w0 & ~m) | v));
        if (shift + bits > 8) {
            int w1 = segment.get(ValueLayout.JAVA_BYTE, b + 1) & 0xFF;
            segment.set(ValueLayout.JAVA_BYTE, b + 1, (byte) ((w1 & ~(m >>> 8)) | (v >>> 8)));
        }
    }

    /** The interpreter's message for an element inside the shape but outside the segment. */
    KernelFault outsideSegment(long[] index, long pos) {
        return new KernelFault("element " + Arrays.toString(index) + " of global tensor " + name + " is at element offset "
                + pos + ", outside the " + segment.byteSize() + "-byte segment of " + origin + " (" + capacity
                + " elements of " + dtypeName + ")");
    }

    boolean inside(long[] index) {
        for (int d = 0; d < index.length; d++) if (index[d] < 0 || index[d] >= shape[d]) return false;
        return true;
    }
}
