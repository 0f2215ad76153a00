package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.AllocateGlobal;
import org.tilevm.spec.ir.AllocateRegister;
import org.tilevm.spec.ir.AllocateShared;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.FreeShared;
import org.tilevm.spec.ir.GlobalView;
import org.tilevm.spec.ir.TensorType;

/** Tensor definitions: register arrays, static shared ranges, global views. */
final class AllocationLowerings {
    private AllocationLowerings() {}

    static void allocateRegister(AllocateRegister ins, LowerContext ctx) {
        boolean existed = ctx.isBound(ins.out());
        Binding.Reg r = ctx.output(ins.out());
        DType t = r.dtype();
        Expr init = ins.init();
        TExpr code;
        if (init == null) {
            if (!existed) return;
            code = T.u32(0);
        } else if (init instanceof Expr.IntConst c) {
            code = T.u32(DType.convert(c.type(), c.value(), t));
        } else if (init instanceof Expr.FloatConst c) {
            code = T.u32(DType.convert(c.type(), c.type().encode(c.value()), t));
        } else {
            code = ctx.let("init", new TExpr.CastCode(init.type(), t,
                    ScalarLowering.encode(init.type(), ScalarLowering.lower(init))));
        }
        if (!existed && T.isConst(code, 0)) return;
        for (int l = 0; l < r.layout().localSize(); l++) Elements.setCode(ctx, r, l, code);
    }

    static void allocateShared(AllocateShared ins, LowerContext ctx) {
        TensorType.Shared s = (TensorType.Shared) ins.out().type();
        int bytes = (int) (((long) s.layout().cosize() * s.dtype().bits() + 7) / 8);
        ctx.bind(ins.out(), new Binding.Smem(ctx.smem.allocate(bytes), s.dtype(), s.layout()));
    }

    static void freeShared(FreeShared ins, LowerContext ctx) {
        if (ctx.binding(ins.tensor()) instanceof Binding.Smem s) ctx.smem.free(s.byteOffset());
        else throw ctx.error("free_shared of a tensor that is not shared");
    }

    static void globalView(GlobalView ins, LowerContext ctx) {
        TensorType.Global g = (TensorType.Global) ins.out().type();
        ctx.bind(ins.out(), new Binding.Gmem(ins.ptr().name(), g.dtype(), g.layout()));
    }

    /**
     * A workspace becomes an extra pointer parameter of the kernel, which the launcher allocates
     * zero-filled for each launch (one per instruction, shared by all blocks, as SPEC S6.1 says).
     */
    static void allocateGlobal(AllocateGlobal ins, LowerContext ctx) {
        TensorType.Global g = (TensorType.Global) ins.out().type();
        var ws = new org.tilevm.codegen.ptx.tir.ThreadProgram.Workspace(ctx.names.fresh("ws_" + ins.out().name()), g.dtype(),
                g.layout());
        ctx.workspaces.add(ws);
        ctx.bind(ins.out(), new Binding.Gmem(ws.param(), g.dtype(), g.layout()));
    }
}
