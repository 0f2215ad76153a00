package org.tilevm.spec.interp;

import org.tilevm.spec.ir.LoadShared;
import org.tilevm.spec.ir.StoreShared;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/**
 * load_shared and store_shared: the register tile covers shared indices {@code offsets + i}, all
 * of which must lie inside the shared tensor.
 */
final class SharedMemoryOps {
    private SharedMemoryOps() {}

    /**
     * The register tile's table and, for each of its elements, its row-major position in the
     * shared tensor's shape relative to the tile's origin.
     */
    record Plan(LayoutTable table, SharedTable shared, int[] relative) {
        static Plan of(BlockState b, TensorVar reg, TensorVar sh) {
            LayoutTable t = b.table(reg);
            if (!(sh.type() instanceof TensorType.Shared s)) throw new InterpError("tensor " + sh.name() + " is not shared");
            SharedTable st = b.launch.sharedTable(s.layout());
            if (st.rank != t.rank) {
                throw new InterpError("shared tensor " + sh.name() + " has rank " + st.rank + " but the tile has rank " + t.rank);
            }
            int[] coords = Shapes.coords(t.shape);
            int[] rel = new int[t.numElements];
            for (int e = 0; e < rel.length; e++) {
                int r = 0;
                for (int d = 0; d < t.rank; d++) r += coords[e * t.rank + d] * st.strides[d];
                rel[e] = r;
            }
            return new Plan(t, st, rel);
        }
    }

    static void load(LoadShared ins, BlockState b) {
        Plan p = b.plan(ins, () -> Plan.of(b, ins.out(), ins.src()));
        SharedValue s = b.shared(ins.src());
        checkDtype(ins.out(), s);
        int base = base(p, b.offsets(ins.offsets(), p.table.rank, "load_shared"), s, "load_shared reads");
        long[] data = new long[p.table.numSlots];
        int[] offsetOf = p.shared.offsetOf;
        for (int e = 0, n = p.table.numElements; e < n; e++) {
            int o = offsetOf[base + p.relative[e]];
            s.checkReadable(o);
            p.table.write(data, e, s.data[o]);
        }
        b.setRegister(ins.out(), data);
    }

    static void store(StoreShared ins, BlockState b) {
        Plan p = b.plan(ins, () -> Plan.of(b, ins.src(), ins.dst()));
        RegisterValue src = b.register(ins.src());
        SharedValue s = b.shared(ins.dst());
        checkDtype(ins.src(), s);
        int base = base(p, b.offsets(ins.offsets(), p.table.rank, "store_shared"), s, "store_shared writes");
        int[] offsetOf = p.shared.offsetOf;
        for (int e = 0, n = p.table.numElements; e < n; e++) {
            int o = offsetOf[base + p.relative[e]];
            s.checkWritable(o);
            s.data[o] = src.element(e);
        }
    }

    /** The row-major position of the tile's origin; fails unless the whole tile lies inside the shared tensor. */
    private static int base(Plan p, long[] off, SharedValue s, String what) {
        int base = 0;
        for (int d = 0; d < off.length; d++) {
            if (off[d] < 0 || off[d] + p.table.shape[d] > p.shared.shape[d]) {
                long[] hi = new long[off.length];
                for (int k = 0; k < off.length; k++) hi[k] = off[k] + p.table.shape[k];
                throw new InterpError(what + " indices " + Shapes.text(off) + " to " + Shapes.text(hi)
                        + " (exclusive) of shared tensor " + s.var.name() + " of shape " + Shapes.text(p.shared.shape)
                        + ": dimension " + d + " is outside the tensor");
            }
            base += (int) off[d] * p.shared.strides[d];
        }
        return base;
    }

    private static void checkDtype(TensorVar tile, SharedValue s) {
        if (!tile.type().dtype().equals(s.dtype)) {
            throw new InterpError("tile " + tile.name() + " has dtype " + tile.type().dtype().name() + " but shared tensor "
                    + s.var.name() + " has dtype " + s.dtype.name());
        }
    }
}
