package org.tilevm.spec.interp;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.TensorVar;

/**
 * A register tensor: {@code data[thread * localSize + local]} is the raw code (the element's bits
 * in its dtype, in the low bits) that register {@code local} of thread {@code thread} holds.
 * Instructions replace {@code data} with a freshly computed array, so reading operands while
 * writing the result (e.g. {@code dot} accumulating in place) is safe.
 */
final class RegisterValue implements TensorValue {
    final TensorVar var;
    final LayoutTable table;
    final DType dtype;
    long[] data;

    RegisterValue(TensorVar var, LayoutTable table, long[] data) {
        this.var = var;
        this.table = table;
        this.dtype = var.type().dtype();
        this.data = data;
    }

    public TensorVar var() { return var; }

    public String kind() { return "register"; }

    /** The code of element e (from its first holder; every holder holds the same code). */
    long element(int e) { return data[table.firstSlot(e)]; }
}
