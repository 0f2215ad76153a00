package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.DotKernels;
import org.tilevm.codegen.jvm.runtime.FloatRounding;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.ir.Dot;

/**
 * dot (SPEC S6.5) in three steps: generated loops gather a, b and c from their first holders into
 * dense row-major arrays, converting the operands to the accumulator type T; a
 * {@link DotKernels} kernel runs the products in the spec's order; a generated loop writes the
 * result to every slot of out. The dense arrays are per-block scratch, and hold values in the
 * representation the kernel computes in: float for f32/f16/bf16, double for other floats, int or
 * long codes for integers (wrapping each step is the same as wrapping once at the end).
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
        int ad = c.newArray(dense, m * k), bd = c.newArray(dense, k * n), cd = c.newArray(dense, m * n);
        gather(c, a, ins.a().type().dtype(), el, dense, ad);
        gather(c, b, ins.b().type().dtype(), el, dense, bd);
        gather(c, acc, t, el, dense, cd);
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
        TensorSlot.Reg out = c.defineRegister(ins.out());
        RegTable ot = out.table();
        Asm.forRange(g, ot.numSlots, s -> {
            g.loadLocal(out.local());
            g.loadLocal(s);
            g.loadLocal(cd);
            c.pushMap(ot.slotElem);
            g.loadLocal(s);
            g.arrayLoad(Type.INT_TYPE);
            g.arrayLoad(dense);
            el.encode(); // values are already rounded: this makes the code (and the canonical NaN)
            g.arrayStore(out.repr().elem);
        });
    }

    private static void call(GeneratorAdapter g, String name, Class<?> array) {
        Asm.callStatic(g, DotKernels.class, name, void.class, array, array, array, int.class, int.class, int.class);
    }

    /** dense[e] = the value of element e of {@code v} (first holder), converted to the accumulator type. */
    private static void gather(MethodCtx c, TensorSlot.Reg v, DType from, ElemGen acc, Type dense, int local) {
        GeneratorAdapter g = c.g;
        RegTable t = v.table();
        Asm.forRange(g, t.numElements, e -> {
            g.loadLocal(local);
            g.loadLocal(e);
            g.loadLocal(v.local());
            c.pushMap(t.firstSlot);
            g.loadLocal(e);
            g.arrayLoad(Type.INT_TYPE);
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
