package org.tilevm.spec.dtype;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitPackingTest {

    private static final int[] WIDTHS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16, 24, 31, 32, 33, 48, 57, 63, 64};

    private static long mask(int bits) { return bits == 64 ? -1L : (1L << bits) - 1; }

    /** Naive reference: bit k of the stream is bit k%8 of byte k/8. */
    private static long refGet(byte[] b, long index, int bits) {
        long r = 0;
        for (int j = 0; j < bits; j++) {
            long k = index * bits + j;
            if (((b[(int) (k >>> 3)] >>> (k & 7)) & 1) != 0) r |= 1L << j;
        }
        return r;
    }

    private static void refSet(byte[] b, long index, int bits, long code) {
        for (int j = 0; j < bits; j++) {
            long k = index * bits + j;
            int bit = (int) ((code >>> j) & 1);
            b[(int) (k >>> 3)] = (byte) ((b[(int) (k >>> 3)] & ~(1 << (k & 7))) | (bit << (k & 7)));
        }
    }

    @Test
    void bytesFor() {
        assertEquals(0, BitPacking.bytesFor(0, 4));
        assertEquals(1, BitPacking.bytesFor(1, 4));
        assertEquals(1, BitPacking.bytesFor(2, 4));
        assertEquals(2, BitPacking.bytesFor(3, 4));
        assertEquals(3, BitPacking.bytesFor(8, 3));
        assertEquals(4, BitPacking.bytesFor(9, 3));
        assertEquals(8, BitPacking.bytesFor(1, 64));
        assertEquals(12, BitPacking.bytesFor(6, 16));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.bytesFor(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.bytesFor(4, 0));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.bytesFor(4, 65));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.bytesFor(Long.MAX_VALUE, 8));
    }

    @Test
    void knownLayouts() {
        // u4: element 0 in the low nibble (GPTQ order)
        assertArrayEquals(new byte[] {0x21, 0x43}, BitPacking.pack(new long[] {1, 2, 3, 4}, 4));
        // u3: 5, 6, 7 -> bits 101 110 111 (LSB first) = 0b1_110_101 = 0xF5, then 0b1 in byte 1
        assertArrayEquals(new byte[] {(byte) 0xF5, 0x01}, BitPacking.pack(new long[] {5, 6, 7}, 3));
        assertArrayEquals(new byte[] {0x34, 0x12, 0x78, 0x56}, BitPacking.pack(new long[] {0x1234, 0x5678}, 16));
        assertArrayEquals(new byte[] {0x78, 0x56, 0x34, 0x12}, BitPacking.pack(new long[] {0x12345678}, 32));
        assertArrayEquals(new byte[] {(byte) 0xAA}, BitPacking.pack(new long[] {0, 1, 0, 1, 0, 1, 0, 1}, 1));
        // masks codes: only the low bits are stored
        assertArrayEquals(new byte[] {(byte) 0xF3}, BitPacking.pack(new long[] {-13, 0x7F}, 4));
        // int4 in int32 words, GPTQ: word = sum(q[i] << 4i)
        long[] q = {1, 2, 3, 4, 5, 6, 7, 8};
        MemorySegment seg = MemorySegment.ofArray(BitPacking.pack(q, 4));
        assertEquals(0x87654321, seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0));
    }

    @Test
    void roundTripsRandomDataAtEveryOffset() {
        SplittableRandom rnd = new SplittableRandom(0xB17);
        for (int bits : WIDTHS) {
            for (int count : new int[] {1, 2, 3, 7, 8, 9, 17, 64, 129}) {
                long[] codes = new long[count];
                for (int i = 0; i < count; i++) codes[i] = rnd.nextLong() & mask(bits);
                byte[] packed = BitPacking.pack(codes, bits);
                assertEquals(BitPacking.bytesFor(count, bits), packed.length);
                for (int i = 0; i < count; i++) assertEquals(codes[i], refGet(packed, i, bits), bits + "/" + i);
                assertArrayEquals(codes, BitPacking.unpack(MemorySegment.ofArray(packed), count, bits), "bits " + bits);
                // the exact-size segment exercises the near-the-end path for the last elements
                MemorySegment seg = MemorySegment.ofArray(packed);
                for (int i = 0; i < count; i++) assertEquals(codes[i], BitPacking.get(seg, i, bits));
            }
        }
    }

    @Test
    void setDoesNotDisturbNeighbours() {
        SplittableRandom rnd = new SplittableRandom(0x5E7);
        for (int bits : WIDTHS) {
            int count = 8 * 9 + 3;
            for (int trailing : new int[] {0, 1, 7, 16}) { // slack bytes after the last element
                byte[] mem = new byte[(int) BitPacking.bytesFor(count, bits) + trailing];
                rnd.nextBytes(mem); // garbage everywhere, never all zeros
                byte[] ref = mem.clone();
                MemorySegment seg = MemorySegment.ofArray(mem);
                for (int step = 0; step < 4 * count; step++) {
                    int i = rnd.nextInt(count);
                    long code = rnd.nextLong(); // high garbage bits must be masked off
                    BitPacking.set(seg, i, bits, code);
                    refSet(ref, i, bits, code & mask(bits));
                    assertArrayEquals(ref, mem, "bits " + bits + " set " + i);
                    int j = rnd.nextInt(count);
                    assertEquals(refGet(ref, j, bits), BitPacking.get(seg, j, bits), "bits " + bits + " get " + j);
                }
            }
        }
    }

    @Test
    void everyBitOffsetForNarrowWidths() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int bits = 1; bits <= 8; bits++) {
            // indices 0..7 cover every start offset i*bits mod 8 for odd widths; 0..15 for all
            for (int i = 0; i < 16; i++) {
                byte[] mem = new byte[(int) BitPacking.bytesFor(i + 1, bits)];
                rnd.nextBytes(mem);
                byte[] ref = mem.clone();
                long code = rnd.nextLong() & mask(bits);
                if (code == refGet(ref, i, bits)) code ^= 1;
                MemorySegment seg = MemorySegment.ofArray(mem);
                BitPacking.set(seg, i, bits, code);
                refSet(ref, i, bits, code);
                assertArrayEquals(ref, mem);
                assertEquals(code, BitPacking.get(seg, i, bits));
            }
        }
    }

    @Test
    void nativeSegmentsWork() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(37);
            SplittableRandom rnd = new SplittableRandom(3);
            long[] codes = new long[37 * 8 / 5];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = rnd.nextLong() & 31;
                BitPacking.set(seg, i, 5, codes[i]);
            }
            assertArrayEquals(codes, BitPacking.unpack(seg, codes.length, 5));
        }
    }

    @Test
    void boundsErrorsNameTheIndexAndSize() {
        MemorySegment seg = MemorySegment.ofArray(new byte[3]);
        assertEquals(0, BitPacking.get(seg, 5, 4)); // last nibble of byte 2
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.get(seg, 6, 4));
        assertTrue(e.getMessage().contains("element index 6") && e.getMessage().contains("3 bytes"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.set(seg, 3, 7, 1));
        assertTrue(e.getMessage().contains("element index 3") && e.getMessage().contains("3 bytes"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.get(seg, -1, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.get(seg, Long.MAX_VALUE / 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.unpack(seg, 7, 4));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.get(seg, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> BitPacking.get(seg, 0, 65));
        assertThrows(IndexOutOfBoundsException.class, () -> BitPacking.get(seg, 0, 32));
    }
}
