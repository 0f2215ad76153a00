package org.tilevm.codegen.ptx.lower;

import java.util.function.Function;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.ir.Reshape;
import org.tilevm.spec.ir.Squeeze;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.Transpose;
import org.tilevm.spec.ir.Unsqueeze;

/**
 * squeeze, unsqueeze, reshape (row-major element order kept) and transpose. When every result
 * element is held by the same thread in the source (the usual case: the result layout is the
 * source layout reshaped), registers are renamed by copies; otherwise the tile is exchanged
 * through shared memory ({@link Scratch}).
 */
final class ShapeLowerings {
    private ShapeLowerings() {}

    static void squeeze(Squeeze ins, LowerContext ctx) { sameOrder(ctx, ins.out(), ins.src()); }

    static void unsqueeze(Unsqueeze ins, LowerContext ctx) { sameOrder(ctx, ins.out(), ins.src()); }

    static void reshape(Reshape ins, LowerContext ctx) { sameOrder(ctx, ins.out(), ins.src()); }

    static void transpose(Transpose ins, LowerContext ctx) {
        move(ctx, ins.out(), ins.src(), idx -> new int[] {idx[1], idx[0]}, idx -> new TExpr[] {idx[1], idx[0]}, "transpose");
    }

    private static void sameOrder(LowerContext ctx, TensorVar out, TensorVar src) {
        int[] os = out.registerLayout().shape(), ss = src.registerLayout().shape();
        move(ctx, out, src, idx -> unflatten(flatten(idx, os), ss), idx -> resplit(idx, os, ss),
                "rowmajor" + java.util.Arrays.toString(os));
    }

    private static void move(LowerContext ctx, TensorVar outVar, TensorVar srcVar, Function<int[], int[]> map,
                             Function<TExpr[], TExpr[]> symbolic, String key) {
        Binding.Reg src = ctx.reg(srcVar);
        RegisterLayout ol = outVar.registerLayout();
        int[] locals = Elements.sameThreadLocals(ol, src.layout(), map, key);
        if (locals != null && !outVar.name().equals(srcVar.name())) {
            Binding.Reg out = ctx.output(outVar);
            for (int l = 0; l < ol.localSize(); l++) Elements.setCode(ctx, out, l, Elements.code(src, locals[l]));
            return;
        }
        Scratch s = Scratch.stage(ctx, src);
        Binding.Reg out = ctx.output(outVar);
        for (int l = 0; l < ol.localSize(); l++) {
            s.load(ctx, out.array(), l * out.dtype().bits(), symbolic.apply(ctx.elementIndex(ol, l)));
        }
        s.release(ctx);
    }

    /** The row-major position of {@code idx} in {@code from}, re-split over {@code to}. */
    private static TExpr[] resplit(TExpr[] idx, int[] from, int[] to) {
        TExpr lin = T.i32(0);
        for (int d = 0; d < from.length; d++) lin = T.add(T.mul(lin, T.i32(from[d])), idx[d]);
        TExpr[] out = new TExpr[to.length];
        TExpr rest = lin;
        for (int d = to.length - 1; d >= 0; d--) {
            out[d] = d == 0 ? rest : T.rem(rest, T.i32(to[d]));
            rest = T.div(rest, T.i32(to[d]));
        }
        return out;
    }

    static int flatten(int[] idx, int[] shape) {
        int lin = 0;
        for (int d = 0; d < shape.length; d++) lin = lin * shape[d] + idx[d];
        return lin;
    }

    static int[] unflatten(int lin, int[] shape) {
        int[] r = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            r[d] = lin % shape[d];
            lin /= shape[d];
        }
        return r;
    }
}
