package org.tilevm.spec.interp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import org.tilevm.spec.ir.CopyAsync;
import org.tilevm.spec.ir.TensorType;

/**
 * copy_async and its groups, for one block. A copy reads global memory when it is issued
 * (elements outside the global tensor read as 0), but its writes to shared memory become visible
 * only when a wait completes its group; until then the destination slots are marked pending, and
 * reading (or writing) a pending slot is an error. {@code commit} closes the current group;
 * {@code wait_group n} completes the oldest committed groups until at most n remain;
 * {@code wait_all} completes every issued copy, committed or not. Completion applies copies in
 * issue order.
 */
final class AsyncCopies {
    /** One issued copy: the destination slots and the codes to write there. */
    private record Pending(SharedValue dst, int[] offsets, long[] codes) {}

    private ArrayList<Pending> current = new ArrayList<>();
    private final ArrayDeque<ArrayList<Pending>> committed = new ArrayDeque<>();

    /** Plan: the shared tile's coordinates and each element's slot. */
    private record Plan(SharedTable table, int[] coords) {}

    static void issue(CopyAsync ins, BlockState b) {
        Plan p = b.plan(ins, () -> {
            if (!(ins.dst().type() instanceof TensorType.Shared s)) {
                throw new InterpError("copy_async destination " + ins.dst().name() + " is not a shared tensor");
            }
            SharedTable t = b.launch.sharedTable(s.layout());
            return new Plan(t, Shapes.coords(t.shape));
        });
        SharedValue dst = b.shared(ins.dst());
        GlobalValue src = b.global(ins.src());
        if (!dst.dtype.equals(src.dtype)) {
            throw new InterpError("copy_async from " + src.dtype.name() + " tensor " + src.var.name() + " into "
                    + dst.dtype.name() + " tensor " + dst.var.name());
        }
        int rank = p.table.rank;
        GlobalMemoryOps.checkRank(src, rank);
        long[] off = b.offsets(ins.offsets(), rank, "copy_async");
        long[] idx = new long[rank];
        int n = p.table.numElements;
        int[] offsets = new int[n];
        long[] codes = new long[n];
        for (int e = 0; e < n; e++) {
            offsets[e] = p.table.offsetOf[e];
            if (GlobalMemoryOps.globalIndex(p.coords, e, off, src, idx)) codes[e] = src.get(src.offset(idx));
        }
        if (dst.pending == null) dst.pending = new int[dst.data.length];
        for (int o : offsets) dst.pending[o]++;
        b.copies.current.add(new Pending(dst, offsets, codes));
    }

    void commit() {
        committed.addLast(current);
        current = new ArrayList<>();
    }

    void waitGroup(int n) {
        while (committed.size() > n) complete(committed.removeFirst());
    }

    void waitAll() {
        while (!committed.isEmpty()) complete(committed.removeFirst());
        complete(current);
        current = new ArrayList<>();
    }

    private static void complete(ArrayList<Pending> group) {
        for (Pending c : group) {
            for (int i = 0; i < c.offsets.length; i++) {
                c.dst.data[c.offsets[i]] = c.codes[i];
                c.dst.pending[c.offsets[i]]--;
            }
        }
    }
}
