package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;

/**
 * How generated code computes with the elements of a dtype: the JVM type of an element's value
 * during arithmetic, between decoding from and encoding to the storage of {@link Repr}.
 * <ul>
 * <li>{@code INT}: integers of up to 31 bits and i32, as an int value (sign- or zero-extended);</li>
 * <li>{@code U32}: u32, as an int holding the bits (unsigned division, comparison, shift);</li>
 * <li>{@code LONG}: i64;</li>
 * <li>{@code F32}: f32 values;</li>
 * <li>{@code F16}, {@code BF16}: float values (float arithmetic rounds exactly, see
 *     {@link org.tilevm.codegen.jvm.runtime.Half});</li>
 * <li>{@code DBL}: every other float type, as double values decoded by table and rounded by
 *     {@link org.tilevm.codegen.jvm.runtime.FloatRounding} (the interpreter's own method).</li>
 * </ul>
 */
enum ElemKind {
    INT(Type.INT_TYPE), U32(Type.INT_TYPE), LONG(Type.LONG_TYPE), F32(Type.FLOAT_TYPE), F16(Type.FLOAT_TYPE),
    BF16(Type.FLOAT_TYPE), DBL(Type.DOUBLE_TYPE);

    final Type compute;

    ElemKind(Type compute) { this.compute = compute; }

    static ElemKind of(DType t) {
        if (t instanceof IntType it) {
            if (it.bits() == 64) return LONG;
            if (it.bits() == 32 && !it.signed()) return U32;
            return INT;
        }
        if (t.equals(DTypes.F32)) return F32;
        if (t.equals(DTypes.F16)) return F16;
        if (t.equals(DTypes.BF16)) return BF16;
        return DBL;
    }
}
