package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.LayoutException;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;

/**
 * {@code load_shared} of a 16-bit tile as {@code ldmatrix}. One 8x8 matrix of 16-bit elements
 * lands in one register per lane: lane l gets row l/4, columns 2(l%4) and +1, i.e. the atom
 * {@code spatial(8,4).local(1,2)}; with {@code .trans} it gets the transposed pair, the atom
 * {@code columnSpatial(4,8).local(2,1)}. When the tile's layout is divisible by an atom, the
 * quotient (over warps) numbers the matrices each warp loads, one register each, in order; they
 * are loaded four (or two, or one) at a time, lane l giving the address of row l%8 of matrix
 * l/8 of the group. Each row of 16 bytes must be contiguous and 16-byte aligned in shared memory.
 */
final class Ldmatrix {
    private Ldmatrix() {}

    private static final RegisterLayout ATOM = Layouts.spatial(8, 4).local(1, 2);
    private static final RegisterLayout ATOM_TRANS = Layouts.columnSpatial(4, 8).local(2, 1);

    static boolean tryLower(LowerContext ctx, Binding.Reg out, Binding.Smem s, TExpr[] offsets) {
        if (out.dtype().bits() != 16 || out.layout().rank() != 2) return false;
        if (!rowsOk(ctx, s, offsets)) return false;
        for (boolean trans : new boolean[] {false, true}) {
            RegisterLayout atom = trans ? ATOM_TRANS : ATOM;
            RegisterLayout q;
            try {
                if (!out.layout().divisibleBy(atom)) continue;
                q = out.layout().divide(atom);
            } catch (LayoutException e) {
                continue;
            }
            if (q.numThreads() * 32 != ctx.program.numThreads()) continue;
            emit(ctx, out, s, offsets, q, trans);
            return true;
        }
        return false;
    }

    /** Rows of 8 elements are contiguous and start 16-byte aligned, wherever the tile starts. */
    private static boolean rowsOk(LowerContext ctx, Binding.Smem s, TExpr[] offsets) {
        SharedLayout l = s.layout();
        if (l.rank() != 2 || s.byteOffset() % 16 != 0 || !Transfers.contiguous(l, 8)) return false;
        int[] idx = new int[2];
        for (idx[0] = 0; idx[0] < l.shape(0); idx[0]++) {
            for (idx[1] = 0; idx[1] < l.shape(1); idx[1] += 8) if (l.offsetOf(idx) % 8 != 0) return false;
        }
        return ctx.align.of(offsets[1]) % 8 == 0;
    }

    private static void emit(LowerContext ctx, Binding.Reg out, Binding.Smem s, TExpr[] offsets, RegisterLayout q, boolean trans) {
        TExpr warp = ctx.let("warp", T.div(ctx.tid(), T.i32(32)));
        TExpr lane = ctx.let("lane", T.rem(ctx.tid(), T.i32(32)));
        TExpr row = T.rem(lane, T.i32(8));
        TExpr[] warpPart = {T.i32(0), T.i32(0)};
        for (RegisterLayout.SpatialTerm t : q.spatialTerms()) {
            warpPart[t.dim()] = T.add(warpPart[t.dim()], T.mul(T.digit(warp, t.divisor(), t.modulus()), T.i32(8L * t.weight())));
        }
        int n = q.localSize();
        for (int m = 0; m < n; ) {
            int count = n - m >= 4 ? 4 : n - m >= 2 ? 2 : 1;
            // lane l addresses row l%8 of matrix m + (l/8) % count
            TExpr which = count == 1 ? T.i32(0) : T.rem(T.div(lane, T.i32(8)), T.i32(count));
            TExpr r0 = T.i32(0), c0 = T.i32(0);
            for (int j = 0; j < count; j++) {
                int[] origin = q.indexOf(0, m + j);
                TExpr isJ = count == 1 ? T.TRUE : T.eq(which, T.i32(j));
                r0 = j == 0 ? T.i32(8L * origin[0]) : new TExpr.Select(isJ, T.i32(8L * origin[0]), r0);
                c0 = j == 0 ? T.i32(8L * origin[1]) : new TExpr.Select(isJ, T.i32(8L * origin[1]), c0);
            }
            TExpr[] idx = {T.add(T.add(T.add(T.to(org.tilevm.codegen.ptx.tir.ScalarType.I32, offsets[0]), warpPart[0]), r0), row),
                           T.add(T.add(T.to(org.tilevm.codegen.ptx.tir.ScalarType.I32, offsets[1]), warpPart[1]), c0)};
            TExpr byteAddr = T.add(T.mul(Addressing.sharedOffset(s.layout(), idx), T.i32(2)), T.i32(s.byteOffset()));
            ctx.emit(new TStmt.Ldmatrix(out.array(), m, count, trans, ctx.let("ldm_addr", byteAddr)));
            m += count;
        }
    }
}
