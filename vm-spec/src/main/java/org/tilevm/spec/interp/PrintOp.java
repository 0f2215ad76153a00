package org.tilevm.spec.interp;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Print;
import org.tilevm.spec.ir.TensorVar;

/**
 * print: one line {@code [block (x, y, z)] message arg...}; then, for a register or shared
 * tensor, a line {@code name: type} and one line per row (last dimension) of element values;
 * for a global tensor, a line with its shape and strides. The format is informative, not
 * normative.
 */
final class PrintOp {
    private PrintOp() {}

    static void execute(Print ins, BlockState b) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(b.blockText()).append("] ").append(ins.message());
        for (Expr e : ins.args()) sb.append(' ').append(format(e.type(), b.eval.evalCode(e)));
        sb.append('\n');
        TensorVar v = ins.tensor();
        if (v != null) {
            sb.append(v.name()).append(": ").append(BlockState.describe(v.type())).append('\n');
            if (v.isRegister()) {
                RegisterValue r = b.register(v);
                rows(sb, r.table.shape, r.dtype, e -> r.element(e));
            } else if (v.isShared()) {
                SharedValue s = b.shared(v);
                rows(sb, s.table.shape, s.dtype, e -> {
                    int o = s.table.offsetOf[e];
                    s.checkReadable(o);
                    return s.data[o];
                });
            } else {
                GlobalValue g = b.global(v);
                sb.append("  shape ").append(Shapes.text(g.shape)).append(" strides ").append(Shapes.text(g.strides))
                        .append(" in ").append(g.origin).append('\n');
            }
        }
        b.launch.out.print(sb);
        b.launch.out.flush();
    }

    private static void rows(StringBuilder sb, int[] shape, DType t, java.util.function.IntToLongFunction code) {
        int n = Shapes.numElements(shape);
        int row = shape.length == 0 ? 1 : shape[shape.length - 1];
        for (int e = 0; e < n; e++) {
            sb.append(e % row == 0 ? "  " : " ").append(format(t, code.applyAsLong(e)));
            if (e % row == row - 1) sb.append('\n');
        }
    }

    static String format(DType t, long code) {
        if (t instanceof IntType it) return Long.toString(it.decodeLong(code));
        if (t.equals(DTypes.F32)) return Float.toString(Float.intBitsToFloat((int) code));
        return Double.toString(t.decode(code));
    }
}
