package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.DotKernels;
import org.tilevm.codegen.jvm.runtime.FloatRounding;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.ir.Dot;

/**
 * dot (SPEC S6.5): register tensors are row-major arrays, so a, b and c are already the dense
 * matrices a {@link DotKernels} kernel wants. Operands whose values are not the kernel's
 * (another dtype than an f32 accumulator's) are converted into per-block scratch arrays first,
 * and accumulators other than f32 are decoded into scratch and encoded back. An f32 accumulation
 * runs in place in out (after copying c there, unless out is c). The kernels keep the spec's
 * order per result element; integer accumulators wrap once at the end (wrapping each step is the
 * same modulo 2^N).
 */
final class DotGen {
    private DotGen() {}

    static void emit(Dot ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg a = c.register(ins.a()), b = c.register(ins.b()), acc = c.register(ins.c());
        DType t = ins.out().type().dtype();
        ElemGen el = new ElemGen(c, t);
        int m = a.table().shape[0], k = a.table().shape[1], n = b.table().shape[1];
        Type dense = switch (el.kind) {
            case F32, F16, BF16 -> Type.FLOAT_TYPE;
            case DBL -> Type.DOUBLE_TYPE;
            case INT, U32 -> Type.INT_TYPE;
            case LONG -> Type.LONG_TYPE;
        };
        int ad = operand(c, a, ins.a().type().dtype(), el, dense, m * k);
        int bd = operand(c, b, ins.b().type().dtype(), el, dense, k * n);
        TensorSlot.Reg out = c.defineRegister(ins.out());
        boolean f32 = el.kind == ElemKind.F32;
        // f32: accumulate in out itself, unless out is an operand array the kernel still reads
        boolean inPlace = f32 && out.local() != ad && out.local() != bd;
        int cd;
        if (inPlace) {
            cd = out.local();
            if (acc.local() != out.local()) ElementwiseGen.arraycopy(g, acc.local(), out.local(), m * n);
        } else {
            cd = c.newArray(dense, m * n);
            convert(c, acc, t, el, dense, cd, m * n);
        }
        g.loadLocal(ad);
        g.loadLocal(bd);
        g.loadLocal(cd);
        g.push(m);
        g.push(n);
        g.push(k);
        switch (el.kind) {
            case F32 -> call(g, "f32", float[].class);
            case F16 -> call(g, "f16", float[].class);
            case BF16 -> call(g, "bf16", float[].class);
            case INT, U32 -> call(g, "ints", int[].class);
            case LONG -> call(g, "longs", long[].class);
            case DBL -> {
                c.pushConst(Rounders.of((FloatType) t), Type.getType(FloatRounding.class));
                Asm.callStatic(g, DotKernels.class, "rounded", void.class, double[].class, double[].class, double[].class,
                        int.class, int.class, int.class, FloatRounding.class);
            }
        }
        if (inPlace) {
            // NaN results become the canonical NaN, as every f32 result does
            Asm.forRange(g, m * n, e -> {
                g.loadLocal(out.local());
                g.loadLocal(e);
                g.loadLocal(out.local());
                g.loadLocal(e);
                g.arrayLoad(Type.FLOAT_TYPE);
                el.encode();
                g.arrayStore(Type.FLOAT_TYPE);
            });
            return;
        }
        Asm.forRange(g, m * n, e -> {
            g.loadLocal(out.local());
            g.loadLocal(e);
            g.loadLocal(cd);
            g.loadLocal(e);
            g.arrayLoad(dense);
            el.encode(); // values are already rounded: this makes the code (and the canonical NaN)
            g.arrayStore(out.repr().elem);
        });
    }

    private static void call(GeneratorAdapter g, String name, Class<?> array) {
        Asm.callStatic(g, DotKernels.class, name, void.class, array, array, array, int.class, int.class, int.class);
    }

    /** The operand as the kernel's dense values: the tensor's own array when it already is, else a converted copy. */
    private static int operand(MethodCtx c, TensorSlot.Reg v, DType from, ElemGen acc, Type dense, int size) {
        if (acc.kind == ElemKind.F32 && from.equals(DTypes.F32)) return v.local();
        int local = c.newArray(dense, size);
        convert(c, v, from, acc, dense, local, size);
        return local;
    }

    /** dense[e] = element e of {@code v} converted to the accumulator type, as the kernel's value. */
    private static void convert(MethodCtx c, TensorSlot.Reg v, DType from, ElemGen acc, Type dense, int local, int size) {
        GeneratorAdapter g = c.g;
        Asm.forRange(g, size, e -> {
            g.loadLocal(local);
            g.loadLocal(e);
            g.loadLocal(v.local());
            g.loadLocal(e);
            g.arrayLoad(v.repr().elem);
            CastGen.emit(c, from, acc.type);
            switch (acc.kind) {
                case F16, BF16, DBL -> acc.decode();
                default -> { } // f32 values; integer codes
            }
            g.arrayStore(dense);
        });
    }
}
