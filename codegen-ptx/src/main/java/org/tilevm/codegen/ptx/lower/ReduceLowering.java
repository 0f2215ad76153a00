package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Reduce;

/**
 * reduce over one dimension. Where the fold's order cannot change the result (max and min of any
 * dtype, sums of integers, which wrap), each thread first folds the elements it holds, butterfly
 * shuffles combine the lanes of a warp, and warp partials meet in shared memory when the
 * dimension spans warps ({@link #tryShuffles}). Otherwise (float sums, whose rounding depends on
 * the order) the tile is staged in shared memory and each result element is
 * folded left in ascending index order by the threads that hold it, bit-identical to the
 * interpreter.
 */
final class ReduceLowering {
    private ReduceLowering() {}

    static void reduce(Reduce ins, LowerContext ctx) {
        Binding.Reg src = ctx.reg(ins.src());
        DType t = src.dtype();
        BinaryOp op = switch (ins.op()) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
        int dim = ins.dim(), extent = src.layout().shape(dim), rank = src.layout().rank();
        if (tryShuffles(ins, ctx, src, op)) return;
        Scratch s = Scratch.stage(ctx, src);
        Binding.Reg out = ctx.output(ins.out());
        RegisterLayout ol = out.layout();
        int words = Binding.Reg.wordsFor(1, t);
        String tmp = ctx.array("reduce_tmp", words);
        for (int l = 0; l < ol.localSize(); l++) {
            TExpr[] oidx = ctx.elementIndex(ol, l);
            TExpr[] sidx = new TExpr[rank];
            for (int d = 0, k = 0; d < rank; d++) {
                if (d == dim) {
                    sidx[d] = T.i32(0);
                    if (ins.keepDim()) k++;
                } else {
                    sidx[d] = oidx[k++];
                }
            }
            s.load(ctx, tmp, 0, sidx);
            TExpr.Var acc = new TExpr.Var(ctx.names.fresh("acc"), TExpr.valueType(t));
            ctx.emit(new TStmt.Let(acc, new TExpr.Decode(t, new TExpr.GetBits(tmp, 0, t.bits()))));
            for (int k = 1; k < extent; k++) {
                sidx[dim] = T.i32(k);
                s.load(ctx, tmp, 0, sidx);
                TExpr x = new TExpr.Decode(t, new TExpr.GetBits(tmp, 0, t.bits()));
                ctx.emit(new TStmt.Assign(acc, ScalarLowering.binary(op, t, acc, x)));
            }
            Elements.setValue(ctx, out, l, acc);
        }
        s.release(ctx);
    }

    /** The shuffle path; false (nothing emitted) when it does not apply. */
    static boolean tryShuffles(Reduce ins, LowerContext ctx, Binding.Reg src, BinaryOp op) {
        DType t = src.dtype();
        boolean orderFree = op != BinaryOp.ADD || !t.isFloat();
        if (!orderFree || t.bits() > 32) return false;
        RegisterLayout sl = src.layout(), ol = ins.out().registerLayout();
        int dim = ins.dim();
        java.util.List<RegisterLayout.SpatialTerm> lanes = new java.util.ArrayList<>(), warps = new java.util.ArrayList<>();
        for (RegisterLayout.SpatialTerm term : sl.spatialTerms()) {
            if (term.dim() != dim) continue;
            if ((long) term.divisor() * term.modulus() <= 32) {
                if (Integer.bitCount(term.divisor()) != 1 || Integer.bitCount(term.modulus()) != 1) return false;
                lanes.add(term);
            } else if (term.divisor() >= 32) {
                warps.add(term);
            } else {
                return false; // a digit that mixes lane and warp bits
            }
        }
        // groups of the thread's locals that differ only in the reduced dimension, in ascending order
        java.util.Map<java.util.List<Integer>, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int l = 0; l < sl.localSize(); l++) {
            int[] idx = sl.indexOf(0, l);
            idx[dim] = 0;
            groups.computeIfAbsent(java.util.Arrays.stream(idx).boxed().toList(), x -> new java.util.ArrayList<>()).add(l);
        }
        java.util.List<java.util.List<Integer>> members = new java.util.ArrayList<>(groups.values());
        // each result local reads the group whose index (without the reduced dimension) is its own, in every thread
        int[] groupOf = new int[ol.localSize()];
        for (int lo = 0; lo < ol.localSize(); lo++) {
            groupOf[lo] = -1;
            for (int g = 0; g < members.size() && groupOf[lo] < 0; g++) {
                boolean all = true;
                for (int th = 0; th < sl.numThreads() && all; th++) {
                    int[] si = sl.indexOf(th, members.get(g).get(0));
                    int[] oi = ol.indexOf(th, lo);
                    all = sameButDim(si, oi, dim, ins.keepDim());
                }
                if (all) groupOf[lo] = g;
            }
            if (groupOf[lo] < 0) return false;
        }
        // the thread's elements and the lanes must cover the reduced dimension exactly once
        int laneExtent = 1;
        for (RegisterLayout.SpatialTerm term : lanes) laneExtent *= term.modulus();
        for (RegisterLayout.SpatialTerm term : warps) laneExtent *= term.modulus();
        for (java.util.List<Integer> g : members) if (g.size() * laneExtent != sl.shape(dim)) return false;

        TExpr.Var[] codes = new TExpr.Var[members.size()];
        for (int g = 0; g < members.size(); g++) {
            java.util.List<Integer> locals = members.get(g);
            TExpr v = Elements.value(src, locals.get(0));
            for (int i = 1; i < locals.size(); i++) v = ScalarLowering.binary(op, t, v, Elements.value(src, locals.get(i)));
            codes[g] = new TExpr.Var(ctx.names.fresh("red"), org.tilevm.codegen.ptx.tir.ScalarType.U32);
            ctx.emit(new TStmt.Let(codes[g], new TExpr.Encode(t, v, TExpr.Rounding.ARITH)));
            for (RegisterLayout.SpatialTerm term : lanes) {
                for (int bit = term.divisor(); bit < term.divisor() * term.modulus(); bit <<= 1) {
                    TExpr.Var other = new TExpr.Var(ctx.names.fresh("red_peer"), org.tilevm.codegen.ptx.tir.ScalarType.U32);
                    ctx.emit(new TStmt.Shfl(other, TStmt.ShflMode.BFLY, codes[g], T.i32(bit)));
                    TExpr r = ScalarLowering.binary(op, t, new TExpr.Decode(t, codes[g]), new TExpr.Decode(t, other));
                    ctx.emit(new TStmt.Assign(codes[g], new TExpr.Encode(t, r, TExpr.Rounding.ARITH)));
                }
            }
        }
        if (!warps.isEmpty()) acrossWarps(ctx, t, op, codes, warps);
        Binding.Reg out = ctx.output(ins.out());
        for (int lo = 0; lo < ol.localSize(); lo++) Elements.setCode(ctx, out, lo, codes[groupOf[lo]]);
        return true;
    }

    /**
     * The second stage: every thread publishes its warp's partial results in a shared scratch
     * buffer ({@code [group][thread]} codes), and after a barrier folds those of the threads that
     * differ from it only in the warp digits of the reduced dimension.
     */
    private static void acrossWarps(LowerContext ctx, DType t, BinaryOp op, TExpr.Var[] codes,
                                    java.util.List<RegisterLayout.SpatialTerm> warps) {
        int threads = ctx.program.numThreads(), groups = codes.length;
        int base = ctx.smem.allocate(4 * threads * groups);
        String buf = ctx.array("red_buf", 1), in = ctx.array("red_in", 1);
        for (int g = 0; g < groups; g++) {
            ctx.emit(new TStmt.SetBits(buf, 0, 32, codes[g]));
            TExpr addr = T.mul(T.add(T.i32(base / 4 + (long) g * threads), ctx.tid()), T.i32(32));
            ctx.emit(new TStmt.Store(TStmt.Space.SHARED, buf, 0, 32, null, addr, 32, T.TRUE));
        }
        ctx.emit(new TStmt.BarSync());
        int combos = 1;
        for (RegisterLayout.SpatialTerm w : warps) combos *= w.modulus();
        for (int g = 0; g < groups; g++) {
            TExpr.Var acc = null;
            for (int c = 0; c < combos; c++) {
                // the thread with warp digits c (mixed radix over the warp terms), all other digits ours
                TExpr peer = ctx.tid();
                int rest = c;
                for (RegisterLayout.SpatialTerm w : warps) {
                    int digit = rest % w.modulus();
                    rest /= w.modulus();
                    TExpr own = T.digit(ctx.tid(), w.divisor(), w.modulus());
                    peer = T.add(peer, T.mul(T.sub(T.i32(digit), own), T.i32(w.divisor())));
                }
                TExpr addr = T.mul(T.add(T.i32(base / 4 + (long) g * threads), peer), T.i32(32));
                ctx.emit(new TStmt.Load(TStmt.Space.SHARED, in, 0, 32, null, addr, 32, T.TRUE));
                TExpr v = new TExpr.Decode(t, new TExpr.GetBits(in, 0, t.bits()));
                if (acc == null) {
                    acc = new TExpr.Var(ctx.names.fresh("red_all"), v.type());
                    ctx.emit(new TStmt.Let(acc, v));
                } else {
                    ctx.emit(new TStmt.Assign(acc, ScalarLowering.binary(op, t, acc, v)));
                }
            }
            ctx.emit(new TStmt.Assign(codes[g], new TExpr.Encode(t, acc, TExpr.Rounding.ARITH)));
        }
        ctx.emit(new TStmt.BarSync());
        ctx.smem.free(base);
    }

    private static boolean sameButDim(int[] src, int[] out, int dim, boolean keepDim) {
        for (int d = 0, k = 0; d < src.length; d++) {
            if (d == dim) {
                if (keepDim && out[k++] != 0) return false;
                continue;
            }
            if (src[d] != out[k++]) return false;
        }
        return true;
    }
}
