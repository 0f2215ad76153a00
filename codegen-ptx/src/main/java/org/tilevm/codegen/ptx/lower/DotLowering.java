package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Dot;

/**
 * dot: {@code mma.sync} when the operand layouts divide into mma fragments ({@link MmaDot});
 * otherwise on CUDA cores: a and b are staged in shared memory, and each thread computes the
 * result elements it holds with the interpreter's exact recipe (operands converted to the
 * accumulator type, {@code acc = round(acc + round(a*b))} for k ascending), so the fallback is
 * bit-identical to the reference.
 */
final class DotLowering {
    private DotLowering() {}

    static void dot(Dot ins, LowerContext ctx) {
        if (MmaDot.tryLower(ins, ctx)) return;
        Binding.Reg a = ctx.reg(ins.a()), b = ctx.reg(ins.b()), c = ctx.reg(ins.c());
        DType opType = a.dtype(), accType = ins.out().type().dtype();
        int k = a.layout().shape(1);
        RegisterLayout ol = ins.out().registerLayout();
        int n = ol.localSize();
        TExpr.Var[] acc = new TExpr.Var[n];
        int[] cLocals = Elements.sameThreadLocals(ol, c.layout(), idx -> idx, "dot-c");
        if (cLocals == null) throw ctx.error("the accumulator's layout must match the result's");
        for (int l = 0; l < n; l++) {
            acc[l] = new TExpr.Var(ctx.names.fresh("acc"), TExpr.valueType(accType));
            ctx.emit(new TStmt.Let(acc[l], Elements.value(c, cLocals[l])));
        }
        Scratch sa = Scratch.stage(ctx, a);
        Scratch sb = Scratch.stage(ctx, b);
        String ta = ctx.array("dot_a", Binding.Reg.wordsFor(1, opType)), tb = ctx.array("dot_b", Binding.Reg.wordsFor(1, opType));
        TExpr.Var kv = new TExpr.Var(ctx.names.fresh("kk"), org.tilevm.codegen.ptx.tir.ScalarType.I32);
        TStmt.Seq body = ctx.block(() -> {
            for (int l = 0; l < n; l++) {
                TExpr[] idx = ctx.elementIndex(ol, l);
                sa.load(ctx, ta, 0, new TExpr[] {idx[0], kv});
                sb.load(ctx, tb, 0, new TExpr[] {kv, idx[1]});
                TExpr x = operand(opType, accType, ta), y = operand(opType, accType, tb);
                TExpr prod = ScalarLowering.binary(BinaryOp.MUL, accType, x, y);
                ctx.emit(new TStmt.Assign(acc[l], ScalarLowering.binary(BinaryOp.ADD, accType, acc[l], prod)));
            }
        });
        ctx.emit(new TStmt.For(kv, T.i32(k), 0, body));
        sb.release(ctx);
        ctx.smem.free(sa.smem.byteOffset());
        Binding.Reg out = ctx.output(ins.out());
        for (int l = 0; l < n; l++) Elements.setValue(ctx, out, l, acc[l]);
    }

    /** An operand element converted to the accumulator type, as a value of it. */
    private static TExpr operand(DType opType, DType accType, String array) {
        TExpr code = new TExpr.GetBits(array, 0, opType.bits());
        if (!opType.equals(accType)) code = new TExpr.CastCode(opType, accType, code);
        return new TExpr.Decode(accType, code);
    }
}
