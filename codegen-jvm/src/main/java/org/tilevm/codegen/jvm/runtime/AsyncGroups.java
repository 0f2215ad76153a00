package org.tilevm.codegen.jvm.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The {@code copy_async} groups of one block (SPEC S6.4). The data of a copy is written into the
 * shared tensor when it is issued; what the groups track is only when the destination becomes
 * readable again. That is unobservable: until the copy's group completes, every read or write of
 * the destination is an error (checked through {@link SharedTensor#pending}), completion order is
 * issue order, and a later copy into the same tensor overwrites an earlier one exactly as applying
 * them in issue order would.
 */
public final class AsyncGroups {
    private ArrayList<SharedTensor> current = new ArrayList<>();
    private final ArrayDeque<ArrayList<SharedTensor>> committed = new ArrayDeque<>();

    /** Records an issued copy into {@code s} in the current group. */
    public void issued(SharedTensor s) {
        s.pending++;
        current.add(s);
    }

    public void commit() {
        committed.addLast(current);
        current = new ArrayList<>();
    }

    public void waitGroup(int n) {
        while (committed.size() > n) complete(committed.removeFirst());
    }

    public void waitAll() {
        while (!committed.isEmpty()) complete(committed.removeFirst());
        complete(current);
        current = new ArrayList<>();
    }

    private static void complete(ArrayList<SharedTensor> group) {
        for (SharedTensor s : group) s.pending--;
    }
}
