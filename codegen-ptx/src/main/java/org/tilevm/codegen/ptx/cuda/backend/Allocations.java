package org.tilevm.codegen.ptx.cuda.backend;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The live device allocations of this process, by address, so that a launch can tell a
 * {@link DeviceTensor}'s segment (a device address, which the host must never dereference) from
 * host memory. One registry for all devices: with unified addressing their ranges never overlap.
 */
final class Allocations {
    private Allocations() {}

    /** One {@code cuMemAlloc}: {@code [base, base + size)} on {@code device}. */
    record Allocation(CudaDevice device, long base, long size) {
        boolean contains(long address) { return Long.compareUnsigned(address - base, size) < 0; }
    }

    private static final ConcurrentSkipListMap<Long, Allocation> LIVE = new ConcurrentSkipListMap<>(Long::compareUnsigned);

    static void add(Allocation a) { LIVE.put(a.base(), a); }

    static void remove(long base) { LIVE.remove(base); }

    /** The allocation holding {@code address}, if it is device memory. */
    static Optional<Allocation> find(long address) {
        Map.Entry<Long, Allocation> e = LIVE.floorEntry(address);
        return e != null && e.getValue().contains(address) ? Optional.of(e.getValue()) : Optional.empty();
    }

    /** The allocation {@code segment} points into, if it is a (live) device segment. */
    static Optional<Allocation> find(MemorySegment segment) {
        return segment.isNative() ? find(segment.address()) : Optional.empty();
    }
}
