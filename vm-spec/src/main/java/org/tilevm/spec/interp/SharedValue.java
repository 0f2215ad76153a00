package org.tilevm.spec.interp;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.TensorVar;

/**
 * A shared tensor: {@code data[offset]} is the code at element offset {@code offset} of its
 * shared layout. {@code pending[offset]} counts the issued {@code copy_async} writes to that slot
 * that have not yet been waited for (null while there never were any).
 */
final class SharedValue implements TensorValue {
    final TensorVar var;
    final SharedTable table;
    final DType dtype;
    final long[] data;
    int[] pending;
    boolean freed;

    SharedValue(TensorVar var, SharedTable table) {
        this.var = var;
        this.table = table;
        this.dtype = var.type().dtype();
        this.data = new long[table.cosize];
    }

    public TensorVar var() { return var; }

    public String kind() { return "shared"; }

    /** Fails when a copy_async into slot {@code offset} has not completed yet. */
    void checkReadable(int offset) {
        if (pending != null && pending[offset] > 0) {
            throw new InterpError("read of shared tensor " + var.name() + " before copy_async completed");
        }
    }

    /** Fails when a copy_async into slot {@code offset} has not completed yet (the write would race with it). */
    void checkWritable(int offset) {
        if (pending != null && pending[offset] > 0) {
            throw new InterpError("write to shared tensor " + var.name() + " before copy_async into it completed");
        }
    }

    boolean hasPending() {
        if (pending == null) return false;
        for (int p : pending) if (p > 0) return true;
        return false;
    }
}
