package org.tilevm.codegen.jvm.gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.ViewOps;
import org.tilevm.codegen.jvm.runtime.ViewPlan;
import org.tilevm.spec.ir.View;

/**
 * view (SPEC S6.6): the only instruction that depends on which thread holds which element. At
 * compile time, for every register j of every thread t of the result, the bits it takes from the
 * thread's source registers are traced back to source elements; result element e gets the pieces
 * of its first holder (a {@link ViewPlan}), and elements whose holders trace back to different
 * source bits are checked at run time, as the interpreter checks every replicated copy.
 */
final class ViewGen {
    private ViewGen() {}

    static void emit(View ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        ViewPlan plan = plan(src.table(), out.table(), ins.src().type().dtype().bits(), ins.out().type().dtype().bits(),
                ins.out().name());
        Type planType = Type.getType(ViewPlan.class);
        int b1 = ins.src().type().dtype().bits();
        int dest = out.local() == src.local() ? c.newArray(out.repr(), out.table().numElements) : out.local();
        if (src.repr() == Repr.LONG || out.repr() == Repr.LONG) {
            int codes = c.newArray(Type.LONG_TYPE, out.table().numElements);
            g.loadLocal(src.local());
            g.push(b1);
            Asm.callStatic(g, ViewOps.class, "codesOf", long[].class, Object.class, int.class);
            g.loadLocal(codes);
            c.pushConst(plan, planType);
            Asm.callStatic(g, ViewOps.class, "longs", void.class, long[].class, long[].class, ViewPlan.class);
            g.loadLocal(codes);
            g.loadLocal(dest);
            Asm.callStatic(g, ViewOps.class, "storeCodes", void.class, long[].class, Object.class);
        } else {
            g.loadLocal(src.local());
            g.loadLocal(dest);
            c.pushConst(plan, planType);
            boolean fin = src.repr() == Repr.FLOAT, fout = out.repr() == Repr.FLOAT;
            String name = fin && fout ? "floats" : fin ? "fromFloats" : fout ? "toFloats" : "ints";
            Class<?> in = fin ? float[].class : int[].class, o = fout ? float[].class : int[].class;
            Asm.callStatic(g, ViewOps.class, name, void.class, in, o, ViewPlan.class);
        }
        if (dest != out.local()) ElementwiseGen.arraycopy(g, dest, out.local(), out.table().numElements);
    }

    /** The pieces of every result element, traced through the threads' registers. */
    static ViewPlan plan(RegTable st, RegTable ot, int b1, int b2, String outName) {
        if (st.numThreads != ot.numThreads || (long) st.localSize * b1 != (long) ot.localSize * b2) {
            throw new IllegalStateException("view changes the threads or the bits per thread");
        }
        int n1 = st.localSize, n2 = ot.localSize;
        // per result register j: (source register, bit offset, width, destination bit)
        List<int[]> perRegister = new ArrayList<>();
        for (int j = 0; j < n2; j++) {
            List<Integer> pc = new ArrayList<>();
            long pos = (long) j * b2;
            int got = 0;
            while (got < b2) {
                int li = (int) (pos / b1), off = (int) (pos % b1);
                int take = Math.min(b1 - off, b2 - got);
                pc.addAll(List.of(li, off, take, got));
                got += take;
                pos += take;
            }
            perRegister.add(pc.stream().mapToInt(Integer::intValue).toArray());
        }
        int ne = ot.numElements;
        int[][] pieces = new int[ne][];
        List<Integer> checkElems = new ArrayList<>();
        List<int[]> checkThreads = new ArrayList<>();
        List<int[][]> checkPieces = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            int h0 = ot.holderStart[e], h1 = ot.holderStart[e + 1];
            int[][] hp = new int[h1 - h0][];
            boolean same = true;
            for (int h = h0; h < h1; h++) {
                hp[h - h0] = slotPieces(ot.holderSlots[h], n1, n2, perRegister, st);
                same &= Arrays.equals(hp[h - h0], hp[0]);
            }
            pieces[e] = hp[0];
            if (!same) {
                checkElems.add(e);
                int[] threads = new int[h1 - h0];
                for (int h = h0; h < h1; h++) threads[h - h0] = ot.holderSlots[h] / n2;
                checkThreads.add(threads);
                checkPieces.add(hp);
            }
        }
        return new ViewPlan(b2, pieces, checkElems.stream().mapToInt(Integer::intValue).toArray(),
                checkThreads.toArray(new int[0][]), checkPieces.toArray(new int[0][][]), ot.shape, outName);
    }

    /** The pieces of result slot s, with source registers replaced by the source elements they hold. */
    private static int[] slotPieces(int s, int n1, int n2, List<int[]> perRegister, RegTable st) {
        int t = s / n2;
        int[] p = perRegister.get(s % n2).clone();
        for (int i = 0; i < p.length; i += 4) p[i] = st.slotElem[t * n1 + p[i]];
        return p;
    }
}
