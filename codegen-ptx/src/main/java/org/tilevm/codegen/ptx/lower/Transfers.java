package org.tilevm.codegen.ptx.lower;

import java.util.ArrayList;
import java.util.List;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Sym;

/**
 * Moves a register tile to or from global or shared memory, vectorized. The thread's elements
 * are cut into <em>runs</em>: consecutive local elements whose indices are consecutive along the
 * last dimension. A run becomes one access of up to 128 bits when the memory side is contiguous
 * for it, its address is provably aligned to its size ({@link Align}), and (global) its bounds
 * check is all-or-nothing (the last dimension's size and the run's start are multiples of the
 * run length); otherwise it is halved until it is, down to single elements. Stores from
 * replicated layouts are done by the first holder only.
 */
final class Transfers {
    private Transfers() {}

    /** A run of {@code length} local elements starting at {@code local}. */
    record Run(int local, int length) {}

    /** The maximal runs of {@code layout} of at most {@code maxBits} bits each. */
    static List<Run> runs(RegisterLayout layout, int bits, int maxBits) {
        List<Run> out = new ArrayList<>();
        int n = layout.localSize(), last = layout.rank() - 1;
        int maxLen = Math.max(1, maxBits / bits);
        int l = 0;
        while (l < n) {
            int[] start = layout.indexOf(0, l);
            int len = 1;
            while (len < maxLen && l + len < n && follows(layout.indexOf(0, l + len), start, last, len)) len++;
            out.add(new Run(l, len));
            l += len;
        }
        return out;
    }

    private static boolean follows(int[] idx, int[] start, int last, int j) {
        for (int d = 0; d < idx.length; d++) if (idx[d] != start[d] + (d == last ? j : 0)) return false;
        return true;
    }

    /** Global side of a transfer. */
    static void global(LowerContext ctx, boolean load, Binding.Reg reg, Binding.Gmem g, TExpr[] offsets) {
        RegisterLayout layout = reg.layout();
        int bits = reg.dtype().bits(), last = layout.rank() - 1;
        Sym stride = g.layout().strides().get(last);
        boolean unitStride = stride.isConstant() && stride.constantValue() == 1;
        long shapeDiv = ctx.divisibility.of(g.layout().shape().get(last));
        TExpr holder = load ? T.TRUE : ctx.firstHolder(layout);
        boolean[] outer = Addressing.all(layout.rank());
        outer[last] = false;
        for (Run run : runs(layout, bits, 128)) {
            for (int l = run.local(); l < run.local() + run.length(); ) {
                TExpr[] idx = Addressing.plus(offsets, ctx.elementIndex(layout, l));
                TExpr off = Addressing.globalOffset(ctx, g, idx);
                long elemAlign = ctx.align.of(off);
                int len = largestPow2(run.local() + run.length() - l);
                while (len > 1 && !(unitStride && vectorOk(len, bits, elemAlign) && shapeDiv % len == 0
                        && ctx.align.of(idx[last]) % len == 0)) {
                    len /= 2;
                }
                TExpr pred = len == 1
                        ? Addressing.inBounds(ctx, g, idx, Addressing.all(layout.rank()))
                        : T.and(Addressing.inBounds(ctx, g, idx, outer), lastInBounds(ctx, g, idx[last]));
                pred = ctx.let("in_bounds", T.and(holder, pred));
                TExpr bitAddr = T.mul(off, T.i64(bits));
                int align = (int) Math.min(128, ctx.align.of(bitAddr));
                if (load) {
                    ctx.emit(new TStmt.Load(TStmt.Space.GLOBAL, reg.array(), l * bits, len * bits, g.ptr(), bitAddr, align, pred));
                } else {
                    ctx.emit(new TStmt.Store(TStmt.Space.GLOBAL, reg.array(), l * bits, len * bits, g.ptr(), bitAddr, align, pred));
                }
                l += len;
            }
        }
    }

    private static TExpr lastInBounds(LowerContext ctx, Binding.Gmem g, TExpr i) {
        boolean[] only = new boolean[g.layout().rank()];
        only[only.length - 1] = true;
        TExpr[] idx = new TExpr[only.length];
        java.util.Arrays.fill(idx, T.i32(0));
        idx[only.length - 1] = i;
        return Addressing.inBounds(ctx, g, idx, only);
    }

    /** Shared side of a transfer (the whole tile must lie inside the shared tensor, as the spec requires). */
    static void shared(LowerContext ctx, boolean load, Binding.Reg reg, Binding.Smem s, TExpr[] offsets) {
        RegisterLayout layout = reg.layout();
        int bits = reg.dtype().bits(), last = layout.rank() - 1;
        TExpr holder = load ? T.TRUE : ctx.firstHolder(layout);
        for (Run run : runs(layout, bits, 128)) {
            for (int l = run.local(); l < run.local() + run.length(); ) {
                TExpr[] idx = Addressing.plus(offsets, ctx.elementIndex(layout, l));
                TExpr off = Addressing.sharedOffset(s.layout(), idx);
                TExpr bitAddr = ctx.let("smem_bit", T.add(T.mul(off, T.i32(bits)), T.i32(8L * s.byteOffset())));
                long elemAlign = ctx.align.of(off);
                int len = largestPow2(run.local() + run.length() - l);
                while (len > 1 && !(vectorOk(len, bits, elemAlign) && ctx.align.of(idx[last]) % len == 0
                        && contiguous(s.layout(), len))) {
                    len /= 2;
                }
                int align = (int) Math.min(128, ctx.align.of(bitAddr));
                if (load) {
                    ctx.emit(new TStmt.Load(TStmt.Space.SHARED, reg.array(), l * bits, len * bits, null, bitAddr, align, T.TRUE));
                } else {
                    ctx.emit(new TStmt.Store(TStmt.Space.SHARED, reg.array(), l * bits, len * bits, null, bitAddr, align, holder));
                }
                l += len;
            }
        }
    }

    /** A run of {@code len} elements of {@code bits} is a vector access when its size is 8..128 bits and aligned. */
    static boolean vectorOk(int len, int bits, long elemAlign) {
        int total = len * bits;
        return total >= 8 && total <= 128 && Integer.bitCount(total) == 1 && elemAlign % len == 0;
    }

    /**
     * Whether every run of {@code len} elements along the last dimension that starts at a multiple of
     * {@code len} occupies {@code len} consecutive offsets of the shared layout.
     */
    static boolean contiguous(SharedLayout s, int len) {
        int[] shape = s.shape();
        int rank = shape.length, lastSize = shape[rank - 1];
        if (lastSize % len != 0) return false;
        int[] idx = new int[rank];
        int total = s.numElements();
        for (int e = 0; e < total; e += len) {
            int rest = e;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
            int base = s.offsetOf(idx);
            for (int j = 1; j < len; j++) {
                idx[rank - 1]++;
                if (s.offsetOf(idx) != base + j) return false;
            }
        }
        return true;
    }

    static int largestPow2(int n) { return Integer.highestOneBit(n); }

    static TExpr[] offsets(List<org.tilevm.spec.ir.Expr> offsets) {
        TExpr[] r = new TExpr[offsets.size()];
        for (int i = 0; i < r.length; i++) r[i] = T.to(ScalarType.I32, ScalarLowering.lower(offsets.get(i)));
        return r;
    }
}
