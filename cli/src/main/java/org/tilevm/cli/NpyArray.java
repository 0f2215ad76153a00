package org.tilevm.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array as stored in a {@code .npy} file: element type, shape and the raw
 * little-endian data in C (row-major) order. Immutable; the factories and getters copy.
 */
public final class NpyArray {
    private final NpyType type;
    private final int[] shape;
    private final byte[] data;

    /**
     * @throws IllegalArgumentException when a dimension is negative or {@code data} does not hold
     *                                  exactly {@code product(shape) * itemSize} bytes
     */
    public NpyArray(NpyType type, int[] shape, byte[] data) {
        this.type = type;
        this.shape = shape.clone();
        long count = elementCount(this.shape);
        long bytes = count * type.itemSize();
        if (bytes != data.length) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " and dtype " + type.describe()
                    + " needs " + bytes + " bytes of data, got " + data.length);
        }
        this.data = data.clone();
    }

    /** Number of elements of an array of this shape; checks that no dimension is negative. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    /** A float32 array of the values. */
    public static NpyArray ofFloat32(int[] shape, float[] values) {
        ByteBuffer b = buffer(values.length * 4L);
        for (float v : values) b.putFloat(v);
        return new NpyArray(NpyType.F32, shape, b.array());
    }

    /** A float16 array of the values, each rounded to the nearest float16 (ties to even). */
    public static NpyArray ofFloat16(int[] shape, float[] values) {
        ByteBuffer b = buffer(values.length * 2L);
        for (float v : values) b.putShort(Float.floatToFloat16(v));
        return new NpyArray(NpyType.F16, shape, b.array());
    }

    /** A uint8 array of the low 8 bits of each value. */
    public static NpyArray ofUint8(int[] shape, long[] values) {
        return ofBytes(NpyType.U8, shape, values);
    }

    /** An int8 array of the low 8 bits of each value (two's complement). */
    public static NpyArray ofInt8(int[] shape, long[] values) {
        return ofBytes(NpyType.I8, shape, values);
    }

    private static NpyArray ofBytes(NpyType t, int[] shape, long[] values) {
        byte[] d = new byte[values.length];
        for (int i = 0; i < d.length; i++) d[i] = (byte) values[i];
        return new NpyArray(t, shape, d);
    }

    private static ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(bytes + " bytes do not fit in one array");
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public NpyType type() { return type; }

    public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    /** Number of elements. */
    public int size() { return (int) elementCount(shape); }

    /** The raw little-endian data (a copy). */
    public byte[] data() { return data.clone(); }

    /** The elements as floats; only for {@link NpyType#F32} and {@link NpyType#F16} (exact). */
    public float[] toFloats() {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[size()];
        switch (type) {
            case F32 -> { for (int i = 0; i < out.length; i++) out[i] = b.getFloat(); }
            case F16 -> { for (int i = 0; i < out.length; i++) out[i] = Float.float16ToFloat(b.getShort()); }
            default -> throw new IllegalStateException("toFloats() on an array of dtype " + type.describe());
        }
        return out;
    }

    /** The elements as integers: 0..255 for {@link NpyType#U8}, -128..127 for {@link NpyType#I8}. */
    public long[] toLongs() {
        long[] out = new long[data.length];
        switch (type) {
            case U8 -> { for (int i = 0; i < out.length; i++) out[i] = data[i] & 0xFF; }
            case I8 -> { for (int i = 0; i < out.length; i++) out[i] = data[i]; }
            default -> throw new IllegalStateException("toLongs() on an array of dtype " + type.describe());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && a.type == type && Arrays.equals(a.shape, shape) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() { return 31 * (31 * type.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data); }

    @Override
    public String toString() { return "NpyArray[" + type.descr() + ", shape " + Arrays.toString(shape) + "]"; }
}
