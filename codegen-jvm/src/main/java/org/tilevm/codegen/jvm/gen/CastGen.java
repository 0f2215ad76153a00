package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.Conv;
import org.tilevm.codegen.jvm.runtime.Half;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;

/**
 * Conversion of one stored element from one dtype to another as bytecode ({@code DType.convert},
 * Part D6), from the storage of {@link Repr} to the storage of the target:
 * <ul>
 * <li>a source of at most 8 bits: one lookup in a table of all its codes, computed at compile time
 *     with {@code DType.convert} itself (this is how low-bit weights become f16/f32);</li>
 * <li>f16/bf16/f32 to each other and integers to f32: inline, exact;</li>
 * <li>float to integer, and integers of 16 or more bits to other floats: small helpers with the
 *     exact rules (round once, saturate).</li>
 * </ul>
 */
final class CastGen {
    private CastGen() {}

    /** Stack: stored element of {@code from} -> stored element of {@code to}. */
    static void emit(MethodCtx c, DType from, DType to) {
        GeneratorAdapter g = c.g;
        if (from.equals(to)) return;
        Repr out = Repr.of(to);
        if (from.bits() <= 8) {
            Object table = table(from, to, out);
            Type tt = switch (out) {
                case INT -> Asm.INT_ARRAY;
                case FLOAT -> Asm.FLOAT_ARRAY;
                case LONG -> Asm.LONG_ARRAY;
            };
            c.pushConst(table, tt);
            g.swap();
            g.arrayLoad(out.elem);
            return;
        }
        // push the source as a value: float (f16/bf16/f32), double (wider exactness needs), or long (integers)
        switch (from) {
            case FloatType ff -> {
                if (ff.equals(DTypes.F32)) {
                    // already a float value
                } else if (ff.equals(DTypes.F16) || ff.equals(DTypes.BF16)) {
                    new ElemGen(c, ff).decode(); // exact float value
                } else {
                    throw new IllegalStateException("float type " + ff + " of more than 8 bits");
                }
                fromFloatValue(c, to);
            }
            case IntType fi -> {
                // the value as a long: decode the code of the source type
                ElemGen src = new ElemGen(c, fi);
                src.decode();
                if (src.kind == ElemKind.U32) {
                    g.cast(Type.INT_TYPE, Type.LONG_TYPE);
                    g.push(0xFFFF_FFFFL);
                    g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
                } else if (src.kind == ElemKind.INT) {
                    g.cast(Type.INT_TYPE, Type.LONG_TYPE);
                }
                fromLongValue(c, to);
            }
        }
    }

    /** A float value (exact, of an f16/bf16/f32 source) -> stored element of {@code to}. */
    private static void fromFloatValue(MethodCtx c, DType to) {
        GeneratorAdapter g = c.g;
        if (to.equals(DTypes.F32)) {
            // a NaN converts to the canonical NaN (its payload is not kept)
            Asm.callStatic(g, Half.class, "f32Canonical", float.class, float.class);
            return;
        }
        if (to.equals(DTypes.F16)) {
            Asm.callStatic(g, Half.class, "f16Convert", int.class, float.class);
            return;
        }
        if (to.equals(DTypes.BF16)) {
            Asm.callStatic(g, Half.class, "bf16Convert", int.class, float.class);
            return;
        }
        g.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
        switch (to) {
            case IntType ti -> {
                g.push(ti.minLong());
                g.push(ti.maxLong());
                g.push(ti.mask());
                Asm.callStatic(g, Conv.class, "floatToIntCode", long.class, double.class, long.class, long.class, long.class);
                longCodeToStorage(g, to);
            }
            case FloatType tf -> {
                c.pushConst(tf, Type.getType(FloatType.class));
                Asm.callStatic(g, Conv.class, "encode", long.class, double.class, FloatType.class);
                longCodeToStorage(g, to);
            }
        }
    }

    /** An integer value (long) -> stored element of {@code to}. */
    private static void fromLongValue(MethodCtx c, DType to) {
        GeneratorAdapter g = c.g;
        switch (to) {
            case IntType ti -> {
                if (ti.bits() < 64) {
                    g.push(ti.mask());
                    g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
                }
                longCodeToStorage(g, to);
            }
            case FloatType tf -> {
                if (tf.equals(DTypes.F32)) {
                    g.cast(Type.LONG_TYPE, Type.FLOAT_TYPE); // correctly rounded, never beyond f32's range
                } else {
                    c.pushConst(tf, Type.getType(FloatType.class));
                    Asm.callStatic(g, Conv.class, "encodeLong", long.class, long.class, FloatType.class);
                    longCodeToStorage(g, to);
                }
            }
        }
    }

    /** A long code -> the storage of {@code to}. */
    static void longCodeToStorage(GeneratorAdapter g, DType to) {
        switch (Repr.of(to)) {
            case INT -> g.cast(Type.LONG_TYPE, Type.INT_TYPE);
            case FLOAT -> {
                g.cast(Type.LONG_TYPE, Type.INT_TYPE);
                Asm.callStatic(g, Float.class, "intBitsToFloat", float.class, int.class);
            }
            case LONG -> { }
        }
    }

    /** Stored element -> its code as a long (low bits(T) bits). */
    static void storageToLongCode(GeneratorAdapter g, DType t) {
        switch (Repr.of(t)) {
            case INT -> {
                g.cast(Type.INT_TYPE, Type.LONG_TYPE);
                g.push(t.bits() == 32 ? 0xFFFF_FFFFL : t.mask());
                g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
            }
            case FLOAT -> {
                Asm.callStatic(g, Float.class, "floatToRawIntBits", int.class, float.class);
                g.cast(Type.INT_TYPE, Type.LONG_TYPE);
                g.push(0xFFFF_FFFFL);
                g.math(GeneratorAdapter.AND, Type.LONG_TYPE);
            }
            case LONG -> { }
        }
    }

    /** The converted storage element of every code of {@code from} (at most 8 bits). */
    private static Object table(DType from, DType to, Repr out) {
        int n = 1 << from.bits();
        return switch (out) {
            case INT -> {
                int[] t = new int[n];
                for (int code = 0; code < n; code++) t[code] = (int) DType.convert(from, code, to);
                yield t;
            }
            case FLOAT -> {
                float[] t = new float[n];
                for (int code = 0; code < n; code++) t[code] = Float.intBitsToFloat((int) DType.convert(from, code, to));
                yield t;
            }
            case LONG -> {
                long[] t = new long[n];
                for (int code = 0; code < n; code++) t[code] = DType.convert(from, code, to);
                yield t;
            }
        };
    }
}
