package org.tilevm.codegen.ptx.sim;

/**
 * Bit-level helpers: fields of register arrays (32-bit words concatenated LSB first), and the
 * PTX bit instructions {@code lop3.b32} and {@code prmt.b32}.
 */
final class Bits {
    private Bits() {}

    /** Bits {@code [bit, bit+n)} (n in 1..64) of the words, zero-extended. */
    static long get(int[] words, int bit, int n) {
        long out = 0;
        int done = 0;
        while (done < n) {
            int b = bit + done;
            int w = b >>> 5, off = b & 31;
            int take = Math.min(32 - off, n - done);
            long chunk = ((words[w] & 0xFFFF_FFFFL) >>> off) & mask(take);
            out |= chunk << done;
            done += take;
        }
        return out;
    }

    /** Sets bits {@code [bit, bit+n)} (n in 1..64) of the words to the low n bits of {@code value}. */
    static void set(int[] words, int bit, int n, long value) {
        int done = 0;
        while (done < n) {
            int b = bit + done;
            int w = b >>> 5, off = b & 31;
            int take = Math.min(32 - off, n - done);
            int m = (int) (mask(take) << off);
            int v = (int) (((value >>> done) & mask(take)) << off);
            words[w] = (words[w] & ~m) | v;
            done += take;
        }
    }

    /** Reads byte {@code i} (0..255) of a memory. */
    @FunctionalInterface
    interface ByteGet { int get(long i); }

    /** Writes byte {@code i} of a memory. */
    @FunctionalInterface
    interface ByteSet { void set(long i, int v); }

    /**
     * Bits {@code [bitAddr, bitAddr+n)} (n in 1..64) of a memory read as the LSB-first bit stream
     * of vm-spec's packing (stream bit k is bit k mod 8 of byte k / 8), zero-extended.
     */
    static long readStream(ByteGet mem, long bitAddr, int n) {
        long out = 0;
        int done = 0;
        while (done < n) {
            long b = bitAddr + done;
            int off = (int) (b & 7);
            int take = Math.min(8 - off, n - done);
            long chunk = (mem.get(b >>> 3) >>> off) & mask(take);
            out |= chunk << done;
            done += take;
        }
        return out;
    }

    /** Writes the low n bits (n in 1..64) of {@code value} to the bit stream; other bits of partial bytes are kept. */
    static void writeStream(ByteGet get, ByteSet set, long bitAddr, int n, long value) {
        int done = 0;
        while (done < n) {
            long b = bitAddr + done;
            int off = (int) (b & 7);
            int take = Math.min(8 - off, n - done);
            int m = (int) (mask(take) << off);
            int v = (int) (((value >>> done) & mask(take)) << off);
            long idx = b >>> 3;
            set.set(idx, take == 8 ? v : (get.get(idx) & ~m) | v);
            done += take;
        }
    }

    /** The low n bits set (n in 0..64). */
    static long mask(int n) { return n >= 64 ? -1L : (1L << n) - 1; }

    /**
     * PTX {@code lop3.b32}: bit i of the result is bit {@code (a_i << 2) | (b_i << 1) | c_i} of
     * {@code lut} (the PTX definition with the operand tables a = 0xF0, b = 0xCC, c = 0xAA).
     */
    static int lop3(int a, int b, int c, int lut) {
        int r = 0;
        for (int idx = 0; idx < 8; idx++) {
            if (((lut >>> idx) & 1) == 0) continue;
            int ta = (idx & 4) != 0 ? a : ~a;
            int tb = (idx & 2) != 0 ? b : ~b;
            int tc = (idx & 1) != 0 ? c : ~c;
            r |= ta & tb & tc;
        }
        return r;
    }

    /**
     * PTX {@code prmt.b32} default mode: bytes 0..3 of {@code a} and 4..7 of {@code b} form an
     * 8-byte source; result byte i is chosen by selector nibble i: its low 3 bits pick the byte,
     * and when its bit 3 is set the byte's sign bit is replicated to all 8 bits instead.
     */
    static int prmt(int a, int b, int selector) {
        long src = (a & 0xFFFF_FFFFL) | ((b & 0xFFFF_FFFFL) << 32);
        int r = 0;
        for (int i = 0; i < 4; i++) {
            int nib = (selector >>> (4 * i)) & 0xF;
            int byteVal = (int) ((src >>> (8 * (nib & 7))) & 0xFF);
            if ((nib & 8) != 0) byteVal = (byteVal & 0x80) != 0 ? 0xFF : 0x00;
            r |= byteVal << (8 * i);
        }
        return r;
    }
}
