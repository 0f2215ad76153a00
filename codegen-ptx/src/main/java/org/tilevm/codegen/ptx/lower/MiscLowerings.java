package org.tilevm.codegen.ptx.lower;

import java.util.ArrayList;
import java.util.List;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.LockSemaphore;
import org.tilevm.spec.ir.Print;
import org.tilevm.spec.ir.ReleaseSemaphore;
import org.tilevm.spec.ir.SyncThreads;
import org.tilevm.spec.ir.TensorVar;

/** Barriers, semaphores (one thread spins or releases, then the block synchronizes) and print. */
final class MiscLowerings {
    private MiscLowerings() {}

    static void sync(SyncThreads ins, LowerContext ctx) { ctx.emit(new TStmt.BarSync()); }

    static void lock(LockSemaphore ins, LowerContext ctx) {
        SemaphoreAddress a = address(ctx, ins.sem(), ins.index());
        ctx.emit(new TStmt.AtomicWait(a.ptr, a.byteAddr, T.to(ScalarType.I32, ScalarLowering.lower(ins.value())), thread0(ctx)));
        ctx.emit(new TStmt.BarSync());
    }

    static void release(ReleaseSemaphore ins, LowerContext ctx) {
        SemaphoreAddress a = address(ctx, ins.sem(), ins.index());
        ctx.emit(new TStmt.BarSync());
        ctx.emit(new TStmt.AtomicStore(a.ptr, a.byteAddr, T.to(ScalarType.I32, ScalarLowering.lower(ins.value())), thread0(ctx)));
    }

    private record SemaphoreAddress(String ptr, TExpr byteAddr) {}

    private static SemaphoreAddress address(LowerContext ctx, TensorVar sem, List<Expr> index) {
        Binding.Gmem g = MemoryLowerings.gmem(ctx, sem);
        if (g.dtype().bits() != 32) throw ctx.error("semaphores must be 32-bit integers, not " + g.dtype().name());
        TExpr[] idx = Transfers.offsets(index);
        return new SemaphoreAddress(g.ptr(), ctx.let("sem_addr", T.mul(Addressing.globalOffset(ctx, g, idx), T.i64(4))));
    }

    private static TExpr thread0(LowerContext ctx) { return T.eq(ctx.tid(), T.i32(0)); }

    static void print(Print ins, LowerContext ctx) {
        StringBuilder fmt = new StringBuilder("block (%d, %d, %d): ").append(ins.message().replace("%", "%%"));
        List<TExpr> args = new ArrayList<>(List.of(new TExpr.BlockIdx(0), new TExpr.BlockIdx(1), new TExpr.BlockIdx(2)));
        for (Expr e : ins.args()) {
            TExpr v = ScalarLowering.lower(e);
            switch (v.type()) {
                case F32, F64 -> fmt.append(" %f");
                case PRED -> { fmt.append(" %d"); v = T.to(ScalarType.I32, v); }
                case I64 -> fmt.append(" %lld");
                case U64 -> fmt.append(" %llu");
                case U32 -> fmt.append(" %u");
                default -> fmt.append(" %d");
            }
            args.add(v);
        }
        ctx.emit(new TStmt.Printf(fmt.append("\n").toString(), args, thread0(ctx)));
        if (ins.tensor() != null) {
            Binding.Reg r = ctx.reg(ins.tensor());
            TExpr first = ctx.firstHolder(r.layout());
            for (int l = 0; l < r.layout().localSize(); l++) {
                TExpr[] idx = ctx.elementIndex(r.layout(), l);
                StringBuilder f = new StringBuilder("  ").append(ins.tensor().name()).append('[');
                List<TExpr> a = new ArrayList<>();
                for (int d = 0; d < idx.length; d++) {
                    f.append(d == 0 ? "%d" : ", %d");
                    a.add(idx[d]);
                }
                TExpr v = Elements.value(r, l);
                f.append(v.type().isFloat() ? "] = %f\n" : "] = %d\n");
                a.add(v.type() == ScalarType.F32 ? v : T.to(ScalarType.I64, v));
                if (!v.type().isFloat()) f.replace(f.length() - 3, f.length() - 1, "%lld");
                ctx.emit(new TStmt.Printf(f.toString(), a, first));
            }
        }
    }
}
