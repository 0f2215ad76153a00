package org.tilevm.codegen.jvm;

import java.lang.foreign.MemorySegment;

/**
 * Pointer arguments as the block threads can use them. Segments of a confined arena may only be
 * accessed by their owner thread, the caller of {@code launch}; since the caller waits in
 * {@code launch} until every block has finished, its arena cannot be closed meanwhile, and a
 * global-scope alias of the same native memory is safe for the duration of the launch. Making the
 * alias needs native access ({@code --enable-native-access}); without it the launch runs its blocks
 * on the calling thread.
 */
final class Segments {
    private Segments() {}

    /** A thread that is never started: any thread but a confined segment's owner. */
    private static final Thread PROBE = new Thread(() -> { }, "tilevm-segment-probe");

    /** {@code seg}, or an alias other threads may access, or null when there is none. */
    static MemorySegment shareable(MemorySegment seg) {
        if (seg == null || seg.isAccessibleBy(PROBE)) return seg;
        if (!seg.isNative()) return null;
        try {
            return MemorySegment.ofAddress(seg.address()).reinterpret(seg.byteSize());
        } catch (IllegalCallerException | UnsupportedOperationException e) {
            return null;
        }
    }
}
