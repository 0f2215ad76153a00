package org.tilevm.codegen.ptx.lower;

import org.tilevm.spec.ir.LoadGlobal;
import org.tilevm.spec.ir.LoadShared;
import org.tilevm.spec.ir.StoreGlobal;
import org.tilevm.spec.ir.StoreShared;

/** Register tiles to and from memory ({@link Transfers}; {@link Ldmatrix} for eligible shared loads). */
final class MemoryLowerings {
    private MemoryLowerings() {}

    static void loadGlobal(LoadGlobal ins, LowerContext ctx) {
        Binding.Gmem g = gmem(ctx, ins.src());
        Binding.Reg out = ctx.output(ins.out());
        Transfers.global(ctx, true, out, g, Transfers.offsets(ins.offsets()));
    }

    static void storeGlobal(StoreGlobal ins, LowerContext ctx) {
        Transfers.global(ctx, false, ctx.reg(ins.src()), gmem(ctx, ins.dst()), Transfers.offsets(ins.offsets()));
    }

    static void loadShared(LoadShared ins, LowerContext ctx) {
        Binding.Smem s = smem(ctx, ins.src());
        Binding.Reg out = ctx.output(ins.out());
        if (Ldmatrix.tryLower(ctx, out, s, Transfers.offsets(ins.offsets()))) return;
        Transfers.shared(ctx, true, out, s, Transfers.offsets(ins.offsets()));
    }

    static void storeShared(StoreShared ins, LowerContext ctx) {
        Transfers.shared(ctx, false, ctx.reg(ins.src()), smem(ctx, ins.dst()), Transfers.offsets(ins.offsets()));
    }

    static Binding.Gmem gmem(LowerContext ctx, org.tilevm.spec.ir.TensorVar v) {
        if (ctx.binding(v) instanceof Binding.Gmem g) return g;
        throw ctx.error("tensor '" + v.name() + "' is not a global tensor");
    }

    static Binding.Smem smem(LowerContext ctx, org.tilevm.spec.ir.TensorVar v) {
        if (ctx.binding(v) instanceof Binding.Smem s) return s;
        throw ctx.error("tensor '" + v.name() + "' is not a shared tensor");
    }
}
