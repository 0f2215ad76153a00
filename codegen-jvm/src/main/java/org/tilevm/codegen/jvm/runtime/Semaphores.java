package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code lock_semaphore} and {@code release_semaphore} on an {@code i32} element of a global
 * tensor (SPEC S6.9), for blocks that run in parallel. The lock reads with acquire semantics and
 * waits (spinning, then yielding, then parking briefly) until the element equals the value; the
 * release writes with release semantics, after all earlier global stores of the block. A lock that
 * still finds another value when every earlier block has finished can never be satisfied (a block
 * may only wait for values set by blocks before it) and fails instead of hanging, as in the
 * interpreter.
 */
public final class Semaphores {
    private Semaphores() {}

    private static final ValueLayout.OfInt ALIGNED = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt UNALIGNED = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = ALIGNED.varHandle();

    public static void lock(GlobalTensor g, long[] idx, long value, BlockProgress progress, int block) {
        long byteOffset = position(g, idx) * 4;
        int want = (int) value;
        for (int spins = 0; ; spins++) {
            int have = read(g.segment, byteOffset);
            if (have == want) return;
            if (progress.allBefore(block)) {
                have = read(g.segment, byteOffset);
                if (have == want) return;
                throw new KernelFault("lock_semaphore waits for " + g.name + Arrays.toString(idx) + " == " + want
                        + " but it is " + have + "; every block before this one has finished, so no block can change it "
                        + "(a block may only wait for values set by blocks that come before it)");
            }
            if (spins < 1_000) Thread.onSpinWait();
            else if (spins < 2_000) Thread.yield();
            else LockSupport.parkNanos(20_000);
        }
    }

    public static void release(GlobalTensor g, long[] idx, long value) {
        long byteOffset = position(g, idx) * 4;
        MemorySegment seg = g.segment;
        if (aligned(seg, byteOffset)) {
            INT.setRelease(seg, byteOffset, (int) value);
        } else {
            VarHandle.releaseFence();
            seg.set(UNALIGNED, byteOffset, (int) value);
            VarHandle.fullFence();
        }
    }

    private static int read(MemorySegment seg, long byteOffset) {
        if (aligned(seg, byteOffset)) return (int) INT.getAcquire(seg, byteOffset);
        VarHandle.fullFence();
        int v = seg.get(UNALIGNED, byteOffset);
        VarHandle.acquireFence();
        return v;
    }

    private static boolean aligned(MemorySegment seg, long byteOffset) {
        return seg.isNative() && ((seg.address() + byteOffset) & 3) == 0;
    }

    /** The element offset of {@code idx}: inside the shape and the segment, or an error. */
    private static long position(GlobalTensor g, long[] idx) {
        if (!g.inside(idx)) {
            throw new KernelFault("semaphore index " + Arrays.toString(idx) + " is outside " + g.name + " of shape "
                    + Arrays.toString(g.shape));
        }
        long pos = 0;
        for (int d = 0; d < idx.length; d++) pos += idx[d] * g.strides[d];
        if (pos < 0 || pos >= g.capacity) throw g.outsideSegment(idx, pos);
        return pos;
    }
}
