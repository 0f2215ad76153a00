package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.ViewOps;
import org.tilevm.codegen.jvm.runtime.ViewPlan;
import org.tilevm.spec.ir.View;

/**
 * view (SPEC S6.6): a {@link ViewPlan} (the per-thread bit regrouping, made at compile time) run
 * by {@link ViewOps} on the source and result arrays; f32 values pass as their raw bits, and a
 * side of 64-bit codes takes the general path over long codes.
 */
final class ViewGen {
    private ViewGen() {}

    static void emit(View ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        RegTable st = src.table(), ot = out.table();
        int b1 = ins.src().type().dtype().bits(), b2 = ins.out().type().dtype().bits();
        if (st.numThreads != ot.numThreads || (long) st.localSize * b1 != (long) ot.localSize * b2) {
            throw new IllegalStateException("view changes the threads or the bits per thread");
        }
        ViewPlan plan = new ViewPlan(ot.numThreads, st.localSize, b1, ot.localSize, b2,
                ot.replicated ? ot.holderStart : null, ot.replicated ? ot.holderSlots : null, ot.shape, ins.out().name());
        Type planType = Type.getType(ViewPlan.class);
        if (src.repr() == Repr.LONG || out.repr() == Repr.LONG) {
            int codes = c.newArray(Type.LONG_TYPE, ot.numSlots);
            g.loadLocal(src.local());
            g.push(b1);
            Asm.callStatic(g, ViewOps.class, "codesOf", long[].class, Object.class, int.class);
            g.loadLocal(codes);
            c.pushConst(plan, planType);
            Asm.callStatic(g, ViewOps.class, "longs", void.class, long[].class, long[].class, ViewPlan.class);
            g.loadLocal(codes);
            g.loadLocal(out.local());
            Asm.callStatic(g, ViewOps.class, "storeCodes", void.class, long[].class, Object.class);
            return;
        }
        g.loadLocal(src.local());
        g.loadLocal(out.local());
        c.pushConst(plan, planType);
        boolean fin = src.repr() == Repr.FLOAT, fout = out.repr() == Repr.FLOAT;
        String name = fin && fout ? "floats" : fin ? "fromFloats" : fout ? "toFloats" : "ints";
        Class<?> in = fin ? float[].class : int[].class, o = fout ? float[].class : int[].class;
        Asm.callStatic(g, ViewOps.class, name, void.class, in, o, ViewPlan.class);
    }
}
