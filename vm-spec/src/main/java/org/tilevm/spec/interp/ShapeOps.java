package org.tilevm.spec.interp;

import java.util.function.IntUnaryOperator;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Reshape;
import org.tilevm.spec.ir.Squeeze;
import org.tilevm.spec.ir.Transpose;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.Unsqueeze;

/**
 * squeeze, unsqueeze, reshape (element k in row-major order stays element k) and transpose
 * ({@code out[j, i] = src[i, j]}). Element values move to the result's layout: each result
 * register reads the element from the same thread when it holds it, else from its first holder.
 */
final class ShapeOps {
    private ShapeOps() {}

    static void squeeze(Squeeze ins, BlockState b) { sameOrder(ins, ins.out(), ins.src(), b); }

    static void unsqueeze(Unsqueeze ins, BlockState b) { sameOrder(ins, ins.out(), ins.src(), b); }

    static void reshape(Reshape ins, BlockState b) { sameOrder(ins, ins.out(), ins.src(), b); }

    static void transpose(Transpose ins, BlockState b) {
        int[] map = b.plan(ins, () -> {
            LayoutTable ot = b.table(ins.out()), st = b.table(ins.src());
            if (st.rank != 2 || ot.rank != 2 || ot.shape[0] != st.shape[1] || ot.shape[1] != st.shape[0]) {
                throw new InterpError("transpose of shape " + Shapes.text(st.shape) + " into shape " + Shapes.text(ot.shape));
            }
            int rows = ot.shape[0], cols = ot.shape[1];
            // out element (j, i) at j*cols + i reads src element (i, j) at i*rows + j
            return LayoutTable.gather(ot, st, e -> (e % cols) * rows + e / cols);
        });
        move(ins.out(), ins.src(), map, b);
    }

    private static void sameOrder(Instruction ins, TensorVar out, TensorVar src, BlockState b) {
        int[] map = b.plan(ins, () -> {
            LayoutTable ot = b.table(out), st = b.table(src);
            if (ot.numElements != st.numElements) {
                throw new InterpError(ins.opName() + " of shape " + Shapes.text(st.shape) + " into shape "
                        + Shapes.text(ot.shape) + " changes the number of elements");
            }
            return LayoutTable.gather(ot, st, IntUnaryOperator.identity());
        });
        move(out, src, map, b);
    }

    private static void move(TensorVar out, TensorVar src, int[] map, BlockState b) {
        ElementwiseOps.checkDtype(out, src.type().dtype(), "result");
        long[] in = b.register(src).data;
        long[] data = new long[map.length];
        for (int s = 0; s < map.length; s++) data[s] = in[map[s]];
        b.setRegister(out, data);
    }
}
