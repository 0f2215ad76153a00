package org.tilevm.codegen.ptx.lower;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Static shared-memory allocation in program order: each {@code allocate_shared} gets the
 * lowest 128-byte aligned free range (first fit), {@code free_shared} returns its range for
 * later allocations. An allocation inside a loop gets one range, reused by every iteration.
 * The high-water mark is the block's dynamic shared memory size.
 */
final class SharedAllocator {
    static final int ALIGN = 128;

    private record Range(int start, int end) {}

    private final List<Range> live = new ArrayList<>();
    private int highWater;

    int allocate(int bytes) {
        int size = Math.max(ALIGN, (bytes + ALIGN - 1) / ALIGN * ALIGN);
        live.sort(Comparator.comparingInt(Range::start));
        int at = 0;
        for (Range r : live) {
            if (r.start() - at >= size) break;
            at = Math.max(at, r.end());
        }
        live.add(new Range(at, at + size));
        highWater = Math.max(highWater, at + size);
        return at;
    }

    void free(int start) { live.removeIf(r -> r.start() == start); }

    int highWater() { return highWater; }
}
