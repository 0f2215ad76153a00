package org.tilevm.codegen.ptx.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cp.async} groups of each thread of a block. A copy reads global memory when it is
 * issued and joins the thread's open group; {@code commit_group} closes the open group (possibly
 * empty); {@code wait_group n} retires the thread's oldest committed groups until at most n are
 * pending, writing their bytes to shared memory in issue order. Copies never waited for are
 * dropped when the block ends (their shared bytes stay unwritten).
 */
final class AsyncCopies {
    /** One issued copy: its destination and the bytes it read. */
    record Copy(Site site, int smemByte, byte[] bytes) {}

    private final List<List<Copy>> open = new ArrayList<>();
    private final List<ArrayDeque<List<Copy>>> committed = new ArrayList<>();

    AsyncCopies(int numThreads) {
        for (int t = 0; t < numThreads; t++) {
            open.add(new ArrayList<>());
            committed.add(new ArrayDeque<>());
        }
    }

    void issue(int t, Copy c) { open.get(t).add(c); }

    void commit(int t) {
        committed.get(t).addLast(open.get(t));
        open.set(t, new ArrayList<>());
    }

    /** Retires thread t's oldest committed groups until at most {@code n} are pending. */
    void waitGroups(int t, int n, SharedMemory shared) {
        ArrayDeque<List<Copy>> q = committed.get(t);
        while (q.size() > n) {
            for (Copy c : q.removeFirst()) shared.completeAsync(t, c.site(), c.smemByte(), c.bytes());
        }
    }
}
