package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Reduce;

/**
 * reduce (SPEC S6.5): for each result element, the source elements along the dimension are folded
 * left in ascending order, each step rounded or wrapped to the dtype ({@code acc =
 * encode(op(decode(acc), decode(x)))}, as the interpreter's {@code Numeric}). The source slots are
 * read through one constant map in fold order; the results go to a dense array, then to every
 * holder of out.
 */
final class ReduceGen {
    private ReduceGen() {}

    static void emit(Reduce ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg src = c.register(ins.src());
        RegTable st = src.table();
        int dim = ins.dim();
        int[] strides = RegTable.rowMajorStrides(st.shape);
        int step = strides[dim], count = st.shape[dim];
        int outer = st.numElements / (count * step);
        int outElems = outer * step;
        int[] order = new int[outElems * count];
        for (int o = 0, eo = 0; o < outer; o++) {
            for (int i = 0; i < step; i++, eo++) {
                int first = o * count * step + i;
                for (int kk = 0; kk < count; kk++) order[eo * count + kk] = st.firstSlot[first + kk * step];
            }
        }
        BinaryOp op = switch (ins.op()) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
        ElemGen el = new ElemGen(c, ins.src().type().dtype());
        Type elem = src.repr().elem;
        int results = c.newArray(src.repr(), outElems);
        int acc = g.newLocal(elem);
        Asm.forRange(g, outElems, eo -> {
            // acc = src[order[eo * count]]
            g.loadLocal(src.local());
            c.pushMap(order);
            g.loadLocal(eo);
            g.push(count);
            g.math(GeneratorAdapter.MUL, Type.INT_TYPE);
            g.arrayLoad(Type.INT_TYPE);
            g.arrayLoad(elem);
            g.storeLocal(acc);
            int base = g.newLocal(Type.INT_TYPE);
            g.loadLocal(eo);
            g.push(count);
            g.math(GeneratorAdapter.MUL, Type.INT_TYPE);
            g.storeLocal(base);
            Asm.forRange(g, count - 1, kk -> {
                g.loadLocal(acc);
                el.decode();
                g.loadLocal(src.local());
                c.pushMap(order);
                g.loadLocal(base);
                g.loadLocal(kk);
                g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
                g.push(1);
                g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
                g.arrayLoad(Type.INT_TYPE);
                g.arrayLoad(elem);
                el.decode();
                el.binary(op);
                el.encode();
                g.storeLocal(acc);
            });
            g.loadLocal(results);
            g.loadLocal(eo);
            g.loadLocal(acc);
            g.arrayStore(elem);
        });
        TensorSlot.Reg out = c.defineRegister(ins.out());
        RegTable ot = out.table();
        Asm.forRange(g, ot.numSlots, s -> {
            g.loadLocal(out.local());
            g.loadLocal(s);
            g.loadLocal(results);
            c.pushMap(ot.slotElem);
            g.loadLocal(s);
            g.arrayLoad(Type.INT_TYPE);
            g.arrayLoad(elem);
            g.arrayStore(elem);
        });
    }
}
