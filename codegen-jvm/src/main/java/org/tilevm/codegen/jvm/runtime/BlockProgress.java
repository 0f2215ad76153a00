package org.tilevm.codegen.jvm.runtime;

import java.util.BitSet;

/**
 * Which blocks of a launch have finished (completed or failed), as the longest finished prefix of
 * the linear block order. Blocks are started in linear order, so a block that waits on a
 * semaphore for a value only an earlier block may set can tell when no block can set it any more:
 * every block before it has finished.
 */
public final class BlockProgress {
    private final BitSet finished = new BitSet();
    private volatile int prefix;

    public synchronized void finished(int block) {
        finished.set(block);
        int p = prefix;
        while (finished.get(p)) p++;
        prefix = p;
    }

    /** Whether every block with a linear index below {@code block} has finished. */
    public boolean allBefore(int block) { return prefix >= block; }
}
