package org.tilevm.spec.interp;

import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Reduce;

/**
 * reduce: {@code out[j] = x_0 op x_1 op ... op x_{n-1}} over the reduced dimension, folded left
 * in ascending index order ({@code acc = x_0; acc = acc op x_k}), each step in the dtype (sums
 * rounded or wrapped after every addition; max/min as the binary operators).
 */
final class ReduceOps {
    private ReduceOps() {}

    /** For each result element, the first source element; successive ones are {@code step} apart. */
    private record Plan(LayoutTable out, LayoutTable src, int[] first, int step, int count, Numeric numeric) {}

    static void execute(Reduce ins, BlockState b) {
        Plan p = b.plan(ins, () -> plan(ins, b));
        RegisterValue src = b.register(ins.src());
        BinaryOp op = switch (ins.op()) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
        long[] data = new long[p.out.numSlots];
        for (int eo = 0; eo < p.first.length; eo++) {
            int e = p.first[eo];
            long acc = src.element(e);
            for (int k = 1; k < p.count; k++) {
                e += p.step;
                acc = p.numeric.binary(op, acc, src.element(e));
            }
            p.out.write(data, eo, acc);
        }
        b.setRegister(ins.out(), data);
    }

    private static Plan plan(Reduce ins, BlockState b) {
        LayoutTable st = b.table(ins.src()), ot = b.table(ins.out());
        ElementwiseOps.checkDtype(ins.out(), ins.src().type().dtype(), "result");
        int dim = ins.dim();
        if (dim < 0 || dim >= st.rank) throw new InterpError("reduce dimension " + dim + " of a rank-" + st.rank + " tile");
        int[] expect = new int[ins.keepDim() ? st.rank : st.rank - 1];
        for (int d = 0, k = 0; d < st.rank; d++) {
            if (d == dim) {
                if (ins.keepDim()) expect[k++] = 1;
            } else {
                expect[k++] = st.shape[d];
            }
        }
        if (!java.util.Arrays.equals(expect, ot.shape)) {
            throw new InterpError("reduce of shape " + Shapes.text(st.shape) + " over dimension " + dim + " gives shape "
                    + Shapes.text(expect) + ", but the result has shape " + Shapes.text(ot.shape));
        }
        int[] sstr = Shapes.strides(st.shape);
        int step = sstr[dim];
        int outer = st.numElements / (st.shape[dim] * step); // product of dims before dim
        int[] first = new int[ot.numElements];
        // result element (o, i) with o over dims before dim and i over dims after: first = o*shape[dim]*step + i
        for (int o = 0, eo = 0; o < outer; o++) {
            for (int i = 0; i < step; i++) first[eo++] = o * st.shape[dim] * step + i;
        }
        return new Plan(ot, st, first, step, st.shape[dim], Numeric.of(ins.src().type().dtype()));
    }
}
