package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * How the elements of a dtype are stored in register and shared tensors: {@code f32} as
 * {@code float[]} values (so float arithmetic and dot products need no conversion), {@code i64} as
 * {@code long[]} codes, every other dtype as {@code int[]} codes (the low bits(T) bits, higher bits
 * zero). Float arrays keep NaN payloads: loads and stores move raw bits.
 */
enum Repr {
    INT(Type.INT_TYPE), FLOAT(Type.FLOAT_TYPE), LONG(Type.LONG_TYPE);

    /** The element type and the array type. */
    final Type elem, array;

    Repr(Type elem) {
        this.elem = elem;
        this.array = Type.getType("[" + elem.getDescriptor());
    }

    static Repr of(DType t) {
        if (t.equals(DTypes.F32)) return FLOAT;
        if (t.bits() == 64) return LONG;
        return INT;
    }

    /** The representation number the runtime uses ({@code SharedTensor.allocate}). */
    int code() { return ordinal(); }
}
