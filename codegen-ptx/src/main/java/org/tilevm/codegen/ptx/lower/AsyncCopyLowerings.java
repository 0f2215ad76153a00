package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Sym;
import org.tilevm.spec.ir.CopyAsync;
import org.tilevm.spec.ir.CopyAsyncCommitGroup;
import org.tilevm.spec.ir.CopyAsyncWaitAll;
import org.tilevm.spec.ir.CopyAsyncWaitGroup;

/**
 * {@code copy_async} as {@code cp.async}: the shared tile is cut into runs of 16, 8 or 4 bytes
 * along its last dimension (the largest size for which both sides are contiguous and aligned),
 * and the runs are dealt to the threads round-robin. Out-of-bounds bytes are zero-filled with
 * the instruction's source size, which is exact because a run never straddles the tile's left
 * edge (runs start at multiples of their length). When no size qualifies (sub-4-byte rows,
 * unaligned strides), elements are copied synchronously through registers, which is
 * indistinguishable for a program that waits before reading (SPEC S6.4).
 */
final class AsyncCopyLowerings {
    private AsyncCopyLowerings() {}

    static void commit(CopyAsyncCommitGroup ins, LowerContext ctx) { ctx.emit(new TStmt.CpAsyncCommit()); }

    static void waitGroup(CopyAsyncWaitGroup ins, LowerContext ctx) { ctx.emit(new TStmt.CpAsyncWait(ins.n())); }

    static void waitAll(CopyAsyncWaitAll ins, LowerContext ctx) {
        ctx.emit(new TStmt.CpAsyncCommit());
        ctx.emit(new TStmt.CpAsyncWait(0));
    }

    static void copyAsync(CopyAsync ins, LowerContext ctx) {
        Binding.Smem dst = MemoryLowerings.smem(ctx, ins.dst());
        Binding.Gmem src = MemoryLowerings.gmem(ctx, ins.src());
        TExpr[] offsets = Transfers.offsets(ins.offsets());
        int bits = dst.dtype().bits();
        for (int bytes : new int[] {16, 8, 4}) {
            if ((bytes * 8) % bits != 0) continue;
            int len = bytes * 8 / bits;
            if (fits(ctx, dst, src, offsets, len)) {
                asyncRuns(ctx, dst, src, offsets, len, bytes);
                return;
            }
        }
        synchronousCopy(ctx, dst, src, offsets);
    }

    /** Whether runs of {@code len} elements are contiguous and aligned on both sides. */
    private static boolean fits(LowerContext ctx, Binding.Smem dst, Binding.Gmem src, TExpr[] offsets, int len) {
        SharedLayout s = dst.layout();
        int last = s.rank() - 1;
        if (!Transfers.contiguous(s, len) || !startsAligned(s, len)) return false;
        if (((long) dst.byteOffset() * 8) % ((long) len * dst.dtype().bits()) != 0) return false;
        Sym stride = src.layout().strides().get(last);
        if (!stride.isConstant() || stride.constantValue() != 1) return false;
        if (ctx.align.of(offsets[last]) % len != 0) return false;
        for (int d = 0; d < last; d++) if (ctx.divisibility.of(src.layout().strides().get(d)) % len != 0) return false;
        // partial runs need byte granularity for the source size
        return dst.dtype().bits() % 8 == 0 || ctx.divisibility.of(src.layout().shape().get(last)) % len == 0;
    }

    private static boolean startsAligned(SharedLayout s, int len) {
        int[] shape = s.shape();
        int[] idx = new int[shape.length];
        for (int e = 0; e < s.numElements(); e += len) {
            int rest = e;
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
            if (s.offsetOf(idx) % len != 0) return false;
        }
        return true;
    }

    private static void asyncRuns(LowerContext ctx, Binding.Smem dst, Binding.Gmem src, TExpr[] offsets, int len, int bytes) {
        int[] shape = dst.layout().shape();
        int rank = shape.length, last = rank - 1;
        int total = dst.layout().numElements() / len, threads = ctx.program.numThreads();
        int runsPerRow = shape[last] / len;
        int bits = dst.dtype().bits();
        TExpr shapeLast = Addressing.sym(ctx, src.layout().shape().get(last));
        boolean[] outer = Addressing.all(rank);
        outer[last] = false;
        for (int i = 0; i * threads < total; i++) {
            TExpr q = T.add(ctx.tid(), T.i32((long) i * threads));
            TExpr[] idx = new TExpr[rank];
            idx[last] = T.mul(T.rem(q, T.i32(runsPerRow)), T.i32(len));
            TExpr rest = T.div(q, T.i32(runsPerRow));
            for (int d = last - 1; d >= 0; d--) {
                idx[d] = d == 0 ? rest : T.rem(rest, T.i32(shape[d]));
                rest = T.div(rest, T.i32(shape[d]));
            }
            TExpr[] gidx = Addressing.plus(offsets, idx);
            TExpr smemByte = T.add(T.div(T.mul(Addressing.sharedOffset(dst.layout(), idx), T.i32(bits)), T.i32(8)),
                    T.i32(dst.byteOffset()));
            TExpr gByte = T.div(T.mul(Addressing.globalOffset(ctx, src, gidx), T.i64(bits)), T.i64(8));
            TExpr start = T.to(ScalarType.I64, gidx[last]);
            TExpr inside = T.and(Addressing.inBounds(ctx, src, gidx, outer),
                    T.and(T.ge(start, T.i64(0)), T.lt(start, shapeLast)));
            TExpr avail = T.bin(BOp.MIN, T.sub(shapeLast, start), T.i64(len));
            TExpr srcBytes = new TExpr.Select(inside,
                    T.to(ScalarType.I32, T.div(T.mul(avail, T.i64(bits)), T.i64(8))), T.i32(0));
            TExpr pred = total % threads == 0 ? T.TRUE : T.lt(q, T.i32(total));
            ctx.emit(new TStmt.CpAsync(ctx.let("cp_dst", smemByte), src.ptr(), ctx.let("cp_src", gByte), bytes,
                    ctx.let("cp_bytes", srcBytes), pred));
        }
    }

    private static void synchronousCopy(LowerContext ctx, Binding.Smem dst, Binding.Gmem src, TExpr[] offsets) {
        int[] shape = dst.layout().shape();
        int rank = shape.length, bits = dst.dtype().bits();
        int total = dst.layout().numElements(), threads = ctx.program.numThreads();
        String tmp = ctx.array("copy_tmp", Math.max(1, (bits + 31) / 32));
        for (int i = 0; i * threads < total; i++) {
            TExpr q = T.add(ctx.tid(), T.i32((long) i * threads));
            TExpr[] idx = new TExpr[rank];
            TExpr rest = q;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = d == 0 ? rest : T.rem(rest, T.i32(shape[d]));
                rest = T.div(rest, T.i32(shape[d]));
            }
            TExpr active = total % threads == 0 ? T.TRUE : T.lt(q, T.i32(total));
            TExpr[] gidx = Addressing.plus(offsets, idx);
            TExpr gBit = T.mul(Addressing.globalOffset(ctx, src, gidx), T.i64(bits));
            TExpr inb = ctx.let("in_bounds", T.and(active, Addressing.inBounds(ctx, src, gidx, Addressing.all(rank))));
            ctx.emit(new TStmt.Load(TStmt.Space.GLOBAL, tmp, 0, bits, src.ptr(), gBit, (int) Math.min(128, ctx.align.of(gBit)), inb));
            TExpr sBit = T.add(T.mul(Addressing.sharedOffset(dst.layout(), idx), T.i32(bits)), T.i32(8L * dst.byteOffset()));
            ctx.emit(new TStmt.Store(TStmt.Space.SHARED, tmp, 0, bits, null, sBit, (int) Math.min(128, ctx.align.of(sBit)), active));
        }
    }
}
