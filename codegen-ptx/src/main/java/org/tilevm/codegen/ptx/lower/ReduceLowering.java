package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Reduce;

/**
 * reduce over one dimension, folded left in ascending index order in the dtype, bit-identical to
 * the interpreter: the source tile is staged in shared memory and each result element is folded
 * by the threads that hold it. (A shuffle tree would be faster but reorders float sums; it is
 * left for a later pass that may use it where the order does not matter.)
 */
final class ReduceLowering {
    private ReduceLowering() {}

    static void reduce(Reduce ins, LowerContext ctx) {
        Binding.Reg src = ctx.reg(ins.src());
        DType t = src.dtype();
        BinaryOp op = switch (ins.op()) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
        int dim = ins.dim(), extent = src.layout().shape(dim), rank = src.layout().rank();
        Scratch s = Scratch.stage(ctx, src);
        Binding.Reg out = ctx.output(ins.out());
        RegisterLayout ol = out.layout();
        int words = Binding.Reg.wordsFor(1, t);
        String tmp = ctx.array("reduce_tmp", words);
        for (int l = 0; l < ol.localSize(); l++) {
            TExpr[] oidx = ctx.elementIndex(ol, l);
            TExpr[] sidx = new TExpr[rank];
            for (int d = 0, k = 0; d < rank; d++) {
                if (d == dim) {
                    sidx[d] = T.i32(0);
                    if (ins.keepDim()) k++;
                } else {
                    sidx[d] = oidx[k++];
                }
            }
            s.load(ctx, tmp, 0, sidx);
            TExpr.Var acc = new TExpr.Var(ctx.names.fresh("acc"), TExpr.valueType(t));
            ctx.emit(new TStmt.Let(acc, new TExpr.Decode(t, new TExpr.GetBits(tmp, 0, t.bits()))));
            for (int k = 1; k < extent; k++) {
                sidx[dim] = T.i32(k);
                s.load(ctx, tmp, 0, sidx);
                TExpr x = new TExpr.Decode(t, new TExpr.GetBits(tmp, 0, t.bits()));
                ctx.emit(new TStmt.Assign(acc, ScalarLowering.binary(op, t, acc, x)));
            }
            Elements.setValue(ctx, out, l, acc);
        }
        s.release(ctx);
    }
}
