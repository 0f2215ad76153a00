package org.tilevm.spec.interp;

import org.tilevm.spec.ir.LoadGlobal;
import org.tilevm.spec.ir.StoreGlobal;
import org.tilevm.spec.ir.TensorVar;

/**
 * load_global and store_global. The tile covers global indices {@code offsets + i} for every
 * index i of the register tile; elements outside the global tensor's shape load as 0 and are not
 * stored; an element inside the shape whose offset falls outside the segment is an error.
 */
final class GlobalMemoryOps {
    private GlobalMemoryOps() {}

    /** The register side of a transfer: its table and the coordinates of its elements. */
    record Plan(LayoutTable table, int[] coords) {
        static Plan of(BlockState b, TensorVar reg) {
            LayoutTable t = b.table(reg);
            return new Plan(t, Shapes.coords(t.shape));
        }
    }

    static void load(LoadGlobal ins, BlockState b) {
        Plan p = b.plan(ins, () -> Plan.of(b, ins.out()));
        GlobalValue g = b.global(ins.src());
        checkDtype(ins.out(), g);
        int rank = p.table.rank;
        checkRank(g, rank);
        long[] off = b.offsets(ins.offsets(), rank, "load_global");
        long[] idx = new long[rank];
        long[] data = new long[p.table.numSlots];
        for (int e = 0, n = p.table.numElements; e < n; e++) {
            if (globalIndex(p.coords, e, off, g, idx)) {
                long pos = g.offset(idx);
                long code = g.get(pos);
                if (code != 0) p.table.write(data, e, code);
            }
        }
        b.setRegister(ins.out(), data);
    }

    static void store(StoreGlobal ins, BlockState b) {
        Plan p = b.plan(ins, () -> Plan.of(b, ins.src()));
        RegisterValue src = b.register(ins.src());
        GlobalValue g = b.global(ins.dst());
        checkDtype(ins.src(), g);
        int rank = p.table.rank;
        checkRank(g, rank);
        long[] off = b.offsets(ins.offsets(), rank, "store_global");
        long[] idx = new long[rank];
        for (int e = 0, n = p.table.numElements; e < n; e++) {
            if (globalIndex(p.coords, e, off, g, idx)) {
                g.set(g.offset(idx), src.element(e));
            }
        }
    }

    /** Fills {@code idx} with {@code off + coords(e)}; false when it lies outside the global shape. */
    static boolean globalIndex(int[] coords, int e, long[] off, GlobalValue g, long[] idx) {
        int rank = idx.length;
        boolean inside = true;
        for (int d = 0; d < rank; d++) {
            long v = off[d] + coords[e * rank + d];
            idx[d] = v;
            if (v < 0 || v >= g.shape[d]) inside = false;
        }
        return inside;
    }

    static void checkRank(GlobalValue g, int rank) {
        if (g.rank() != rank) {
            throw new InterpError("global tensor " + g.var.name() + " has rank " + g.rank() + " but the tile has rank " + rank);
        }
    }

    static void checkDtype(TensorVar tile, GlobalValue g) {
        if (!tile.type().dtype().equals(g.dtype)) {
            throw new InterpError("tile " + tile.name() + " has dtype " + tile.type().dtype().name() + " but global tensor "
                    + g.var.name() + " has dtype " + g.dtype.name());
        }
    }
}
