package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.LayoutException;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Dot;

/**
 * dot as {@code mma.sync}. The result, a and b layouts are divided by the fragment atoms of
 * {@link MmaAtoms}; the quotients are layouts over <em>warps</em> whose locals number the
 * fragments a warp holds (a thread's registers for fragment q are words
 * {@code [q * words, (q+1) * words)}, because a composed layout numbers locals outer-major).
 * For each result fragment (i, j) of a warp and each k-step in ascending order, the warp's A
 * fragment (i, kk) and B fragment (kk, j) must be held by that warp at a local index that does not
 * depend on the warp (replicated A tiles are the usual way); one {@code mma.sync} is emitted per
 * (fragment, k-step), accumulating in place.
 */
final class MmaDot {
    private MmaDot() {}

    static boolean tryLower(Dot ins, LowerContext ctx) {
        Binding.Reg a = ctx.reg(ins.a()), b = ctx.reg(ins.b()), c = ctx.reg(ins.c());
        DType acc = ins.out().type().dtype();
        RegisterLayout ol = ins.out().registerLayout();
        for (MmaAtoms atoms : MmaAtoms.candidates(a.dtype(), acc)) {
            Plan p = plan(atoms, a.layout(), b.layout(), c.layout(), ol);
            if (p == null) continue;
            Binding.Reg out = ctx.output(ins.out());
            int cw = atoms.cWords(), aw = atoms.aWords(), bw = atoms.bWords();
            for (int q = 0; q < p.out.localSize(); q++) {
                for (int kk = 0; kk < p.ksteps; kk++) {
                    boolean first = kk == 0;
                    ctx.emit(new TStmt.Mma(atoms.shape(), atoms.ab(), acc, out.array(), q * cw,
                            a.array(), p.aLocal[q][kk] * aw, b.array(), p.bLocal[q][kk] * bw,
                            first ? c.array() : out.array(), (first ? p.cLocal[q] : q) * cw));
                }
            }
            return true;
        }
        return false;
    }

    /** For each result fragment q and k-step: the A and B fragment locals; for each q, the C fragment local. */
    private record Plan(RegisterLayout out, int ksteps, int[][] aLocal, int[][] bLocal, int[] cLocal) {}

    private static Plan plan(MmaAtoms atoms, RegisterLayout a, RegisterLayout b, RegisterLayout c, RegisterLayout out) {
        RegisterLayout qa, qb, qc, qo;
        try {
            if (!a.divisibleBy(atoms.a()) || !b.divisibleBy(atoms.b()) || !c.divisibleBy(atoms.c())
                    || !out.divisibleBy(atoms.c())) {
                return null;
            }
            qa = a.divide(atoms.a());
            qb = b.divide(atoms.b());
            qc = c.divide(atoms.c());
            qo = out.divide(atoms.c());
        } catch (LayoutException e) {
            return null;
        }
        int warps = qo.numThreads();
        if (qa.numThreads() != warps || qb.numThreads() != warps || qc.numThreads() != warps) return null;
        int ksteps = qa.shape(1);
        if (qb.shape(0) != ksteps) return null;
        int n = qo.localSize();
        int[][] al = new int[n][ksteps], bl = new int[n][ksteps];
        int[] cl = new int[n];
        for (int q = 0; q < n; q++) {
            for (int kk = 0; kk < ksteps; kk++) {
                al[q][kk] = -1;
                bl[q][kk] = -1;
            }
            cl[q] = -1;
            for (int w = 0; w < warps; w++) {
                int[] ij = qo.indexOf(w, q);
                for (int kk = 0; kk < ksteps; kk++) {
                    int la = holder(qa, w, ij[0], kk), lb = holder(qb, w, kk, ij[1]);
                    if (la < 0 || lb < 0) return null;
                    if (!agree(al[q], kk, la) || !agree(bl[q], kk, lb)) return null;
                }
                int lc = holder(qc, w, ij[0], ij[1]);
                if (lc < 0) return null;
                if (cl[q] < 0) cl[q] = lc;
                else if (cl[q] != lc) return null;
            }
        }
        return new Plan(qo, ksteps, al, bl, cl);
    }

    private static boolean agree(int[] slots, int i, int v) {
        if (slots[i] < 0) slots[i] = v;
        return slots[i] == v;
    }

    /** The local index at which warp {@code w} holds fragment (i, j) of a quotient layout, or -1. */
    private static int holder(RegisterLayout q, int w, int i, int j) {
        for (RegisterLayout.Holder h : q.holders(i, j)) if (h.thread() == w) return h.local();
        return -1;
    }
}
