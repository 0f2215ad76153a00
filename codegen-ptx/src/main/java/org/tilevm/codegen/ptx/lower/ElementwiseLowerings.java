package org.tilevm.codegen.ptx.lower;

import java.util.function.IntFunction;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.AssignTensor;
import org.tilevm.spec.ir.Cast;
import org.tilevm.spec.ir.ElementwiseBinary;
import org.tilevm.spec.ir.ElementwiseScalar;
import org.tilevm.spec.ir.ElementwiseUnary;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.View;
import org.tilevm.spec.ir.Where;

/**
 * Per-element instructions, unrolled over the thread's local elements with constant register
 * indices. Each result element reads its operands from registers of the same thread (operands of
 * size 1 along a dimension are broadcast; the verifier's holder rule makes them local). An
 * instruction whose result overwrites an operand reads each element before writing it.
 */
final class ElementwiseLowerings {
    private ElementwiseLowerings() {}

    /** The operand element (a code) that result element {@code l} reads. */
    private static IntFunction<TExpr> operand(LowerContext ctx, TensorVar out, TensorVar in) {
        Binding.Reg r = ctx.reg(in);
        int[] shape = in.registerLayout().shape();
        int[] locals = Elements.sameThreadLocals(out.registerLayout(), r.layout(), Elements.broadcast(shape),
                java.util.Arrays.toString(shape));
        if (locals == null) {
            throw ctx.error("operand '" + in.name() + "' does not hold, in the same thread, the elements that result '"
                    + out.name() + "' needs (layouts " + r.layout() + " and " + out.registerLayout() + ")");
        }
        return l -> Elements.code(r, locals[l]);
    }

    private static TExpr value(DType t, TExpr code) { return new TExpr.Decode(t, code); }

    static void unary(ElementwiseUnary ins, LowerContext ctx) {
        IntFunction<TExpr> a = operand(ctx, ins.out(), ins.src());
        DType t = ins.src().type().dtype();
        Binding.Reg out = ctx.output(ins.out());
        for (int l = 0; l < out.layout().localSize(); l++) {
            Elements.setValue(ctx, out, l, ScalarLowering.unary(ins.op(), t, value(t, a.apply(l))));
        }
    }

    static void binary(ElementwiseBinary ins, LowerContext ctx) {
        IntFunction<TExpr> a = operand(ctx, ins.out(), ins.a()), b = operand(ctx, ins.out(), ins.b());
        DType t = ins.a().type().dtype();
        Binding.Reg out = ctx.output(ins.out());
        for (int l = 0; l < out.layout().localSize(); l++) {
            TExpr r = ScalarLowering.binaryRaw(ins.op(), t, value(t, a.apply(l)), value(t, b.apply(l)));
            Elements.setValue(ctx, out, l, r);
        }
    }

    static void scalar(ElementwiseScalar ins, LowerContext ctx) {
        IntFunction<TExpr> a = operand(ctx, ins.out(), ins.a());
        DType t = ins.a().type().dtype();
        TExpr s = ctx.let("scalar", ScalarLowering.cast(ins.scalar().type(), t, ScalarLowering.lower(ins.scalar())));
        Binding.Reg out = ctx.output(ins.out());
        for (int l = 0; l < out.layout().localSize(); l++) {
            Elements.setValue(ctx, out, l, ScalarLowering.binaryRaw(ins.op(), t, value(t, a.apply(l)), s));
        }
    }

    static void where(Where ins, LowerContext ctx) {
        IntFunction<TExpr> c = operand(ctx, ins.out(), ins.cond()), a = operand(ctx, ins.out(), ins.a()),
                b = operand(ctx, ins.out(), ins.b());
        DType ct = ins.cond().type().dtype();
        Binding.Reg out = ctx.output(ins.out());
        for (int l = 0; l < out.layout().localSize(); l++) {
            TExpr cv = value(ct, c.apply(l));
            TExpr nz = new TExpr.Bin(TExpr.BOp.NE, cv, new TExpr.Const(0, cv.type()));
            Elements.setCode(ctx, out, l, new TExpr.Select(nz, a.apply(l), b.apply(l)));
        }
    }

    static void assign(AssignTensor ins, LowerContext ctx) {
        IntFunction<TExpr> a = operand(ctx, ins.dst(), ins.src());
        Binding.Reg out = ctx.output(ins.dst());
        for (int l = 0; l < out.layout().localSize(); l++) Elements.setCode(ctx, out, l, a.apply(l));
    }

    static void cast(Cast ins, LowerContext ctx) {
        if (FastCasts.tryLower(ins, ctx)) return;
        IntFunction<TExpr> a = operand(ctx, ins.out(), ins.src());
        DType from = ins.src().type().dtype(), to = ins.out().type().dtype();
        Binding.Reg out = ctx.output(ins.out());
        for (int l = 0; l < out.layout().localSize(); l++) {
            Elements.setCode(ctx, out, l, from.equals(to) ? a.apply(l) : new TExpr.CastCode(from, to, a.apply(l)));
        }
    }

    /** {@code view}: the thread's bits unchanged, under a new dtype and layout. */
    static void view(View ins, LowerContext ctx) {
        Binding.Reg src = ctx.reg(ins.src());
        int total = src.layout().localSize() * src.dtype().bits();
        Binding.Reg out = ctx.output(ins.out());
        if (out.array().equals(src.array())) return;
        for (int bit = 0; bit < total; bit += 32) {
            int n = Math.min(32, total - bit);
            ctx.emit(new TStmt.SetBits(out.array(), bit, n, new TExpr.GetBits(src.array(), bit, n)));
        }
    }
}
