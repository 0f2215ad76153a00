package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The first step of every fused kernel: the tile's packed rows ({@code k} rows of {@code rowBytes}
 * bytes, {@code rowStride} bytes apart in the segment) copied into a dense array, one bulk copy per
 * row. The copies stream through the hardware prefetcher; decoding column strips straight from
 * memory touched each row's cache lines once per strip and waited for DRAM there.
 */
final class TileRows {
    private TileRows() {}

    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Row kk lands at {@code bytes[kk * rowBytes ..]}. */
    static void toBytes(MemorySegment seg, long origin, long rowStride, int k, int rowBytes, byte[] bytes) {
        for (int kk = 0; kk < k; kk++) {
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, origin + kk * rowStride, bytes, kk * rowBytes, rowBytes);
        }
    }

    /** The same as little-endian ints ({@code rowBytes} a multiple of 4): row kk at {@code words[kk * rowBytes / 4 ..]}. */
    static void toInts(MemorySegment seg, long origin, long rowStride, int k, int rowBytes, int[] words) {
        int rowInts = rowBytes / 4;
        for (int kk = 0; kk < k; kk++) MemorySegment.copy(seg, LE_INT, origin + kk * rowStride, words, kk * rowInts, rowInts);
    }
}
