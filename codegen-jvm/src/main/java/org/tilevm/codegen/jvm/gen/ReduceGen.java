package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Reduce;

/**
 * reduce (SPEC S6.5): result element (o, i) (o over the dimensions before {@code dim}, i over those
 * after) folds source elements {@code o * count * step + i + kk * step}, kk ascending, each step
 * rounded or wrapped to the dtype ({@code acc = encode(op(decode(acc), decode(x)))}, as the
 * interpreter's {@code Numeric}); in row-major order that result is element {@code o * step + i}
 * of out, with or without the kept size-1 dimension.
 */
final class ReduceGen {
    private ReduceGen() {}

    static void emit(Reduce ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg src = c.register(ins.src());
        RegTable st = src.table();
        int dim = ins.dim();
        int step = RegTable.rowMajorStrides(st.shape)[dim], count = st.shape[dim];
        int outer = st.numElements / (count * step);
        BinaryOp op = switch (ins.op()) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
        ElemGen el = new ElemGen(c, ins.src().type().dtype());
        Type elem = src.repr().elem;
        TensorSlot.Reg out = c.defineRegister(ins.out());
        int acc = g.newLocal(elem), first = g.newLocal(Type.INT_TYPE);
        Asm.forRange(g, outer, o -> Asm.forRange(g, step, i -> {
            // first = o * count * step + i; acc = src[first]
            g.loadLocal(o);
            g.push(count * step);
            g.math(GeneratorAdapter.MUL, Type.INT_TYPE);
            g.loadLocal(i);
            g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
            g.storeLocal(first);
            g.loadLocal(src.local());
            g.loadLocal(first);
            g.arrayLoad(elem);
            g.storeLocal(acc);
            Asm.forRange(g, count - 1, kk -> {
                g.loadLocal(acc);
                el.decode();
                g.loadLocal(src.local());
                g.loadLocal(first);
                g.loadLocal(kk);
                g.push(1);
                g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
                g.push(step);
                g.math(GeneratorAdapter.MUL, Type.INT_TYPE);
                g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
                g.arrayLoad(elem);
                el.decode();
                el.binary(op);
                el.encode();
                g.storeLocal(acc);
            });
            g.loadLocal(out.local());
            g.loadLocal(o);
            g.push(step);
            g.math(GeneratorAdapter.MUL, Type.INT_TYPE);
            g.loadLocal(i);
            g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
            g.loadLocal(acc);
            g.arrayStore(elem);
        }));
    }
}
