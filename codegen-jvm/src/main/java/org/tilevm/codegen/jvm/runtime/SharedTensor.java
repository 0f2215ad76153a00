package org.tilevm.codegen.jvm.runtime;

/**
 * A shared tensor of one block: its slots (one array, by the dtype's representation: {@code int[]}
 * codes, {@code float[]} f32 values or {@code long[]} i64 codes), the number of its issued
 * {@code copy_async}s not yet waited for, and whether it was freed.
 *
 * <p>A {@code copy_async} always writes the whole tensor, so "some copy into it is pending" is
 * the same as "every slot it covers is pending": one counter replaces the interpreter's per-slot
 * marks with the same errors.
 */
public final class SharedTensor {
    public final String name;
    public final int[] ints;
    public final float[] floats;
    public final long[] longs;
    public int pending;
    public boolean freed;

    private SharedTensor(String name, int[] ints, float[] floats, long[] longs) {
        this.name = name;
        this.ints = ints;
        this.floats = floats;
        this.longs = longs;
    }

    /** A zero-filled tensor of {@code cosize} slots; {@code repr} 0 = int codes, 1 = f32 values, 2 = i64 codes. */
    public static SharedTensor allocate(String name, int repr, int cosize) {
        return switch (repr) {
            case 0 -> new SharedTensor(name, new int[cosize], null, null);
            case 1 -> new SharedTensor(name, null, new float[cosize], null);
            default -> new SharedTensor(name, null, null, new long[cosize]);
        };
    }

    /** The checks before reading slots (load_shared, print): freed, then pending copies. */
    public static SharedTensor readable(SharedTensor s) {
        if (s.freed) throw new KernelFault("shared tensor " + s.name + " is used after free_shared");
        if (s.pending != 0) throw new KernelFault("read of shared tensor " + s.name + " before copy_async completed");
        return s;
    }

    /** The checks before writing slots (store_shared). */
    public static SharedTensor writable(SharedTensor s) {
        if (s.freed) throw new KernelFault("shared tensor " + s.name + " is used after free_shared");
        if (s.pending != 0) {
            throw new KernelFault("write to shared tensor " + s.name + " before copy_async into it completed");
        }
        return s;
    }

    /** The check of a copy_async destination and of instructions that only name the tensor. */
    public static SharedTensor live(SharedTensor s) {
        if (s.freed) throw new KernelFault("shared tensor " + s.name + " is used after free_shared");
        return s;
    }

    public static void free(SharedTensor s) {
        live(s);
        if (s.pending != 0) {
            throw new KernelFault("free_shared of shared tensor " + s.name + " while a copy_async into it has not completed");
        }
        s.freed = true;
    }
}
