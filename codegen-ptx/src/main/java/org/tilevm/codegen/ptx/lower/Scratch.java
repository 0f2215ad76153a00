package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.SharedLayout;

/**
 * A register tile staged in shared memory so that any thread can read any element: a row-major
 * buffer taken from the shared allocator for the duration of one instruction. {@link #stage}
 * writes the tile (first holders only) and synchronizes; {@link #release} synchronizes again (so
 * the next user of the range cannot overwrite elements still being read) and frees the range.
 */
final class Scratch {
    final Binding.Smem smem;

    private Scratch(Binding.Smem smem) { this.smem = smem; }

    static Scratch stage(LowerContext ctx, Binding.Reg src) {
        SharedLayout layout = SharedLayout.rowMajor(src.layout().shape());
        int bytes = (int) (((long) layout.cosize() * src.dtype().bits() + 7) / 8);
        Scratch s = new Scratch(new Binding.Smem(ctx.smem.allocate(bytes), src.dtype(), layout));
        TExpr[] zero = new TExpr[src.layout().rank()];
        java.util.Arrays.fill(zero, T.i32(0));
        Transfers.shared(ctx, false, src, s.smem, zero);
        ctx.emit(new TStmt.BarSync());
        return s;
    }

    /** Bit address (I32) of element {@code index}. */
    TExpr bitAddr(TExpr[] index) {
        TExpr off = Addressing.sharedOffset(smem.layout(), index);
        return T.add(T.mul(off, T.i32(smem.dtype().bits())), T.i32(8L * smem.byteOffset()));
    }

    /** Loads element {@code index} into bits {@code [bit, bit + dtype bits)} of {@code array}. */
    void load(LowerContext ctx, String array, int bit, TExpr[] index) {
        int bits = smem.dtype().bits();
        TExpr addr = bitAddr(index);
        ctx.emit(new TStmt.Load(TStmt.Space.SHARED, array, bit, bits, null, addr,
                (int) Math.min(128, ctx.align.of(addr)), T.TRUE));
    }

    void release(LowerContext ctx) {
        ctx.emit(new TStmt.BarSync());
        ctx.smem.free(smem.byteOffset());
    }
}
