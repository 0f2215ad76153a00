package org.tilevm.codegen.ptx.sim;

import java.util.Arrays;
import java.util.List;

/**
 * The block's shared memory with a race detector. Between two barriers (an <em>epoch</em>) it
 * remembers, per bit, the last thread that wrote it and the threads that read it, and reports:
 * a read of a bit another thread wrote (read after write), a write of a bit another thread wrote
 * (write after write) or read (write after read) in the same epoch, and any access to a byte
 * that a pending {@code cp.async} will still write. Reads by many threads are fine. Bounds are
 * checked against the program's {@code sharedBytes}.
 *
 * <p>Memory starts each block filled with {@link #POISON} rather than zero, so a program that
 * reads shared memory it never wrote gets visibly wrong values instead of lucky zeros.
 */
final class SharedMemory {
    /** The fill byte of fresh shared memory. */
    static final byte POISON = (byte) 0xA5;

    private static final int THREAD_BITS = 11;
    private static final int THREAD_MASK = (1 << THREAD_BITS) - 1;
    /** Set in a read record when a second, different thread read the bit. */
    private static final int MANY = 1 << 30;

    final int size;
    final byte[] data;
    private final List<Site> sites;
    private final int[] wEpoch, wInfo, rEpoch, rInfo;
    /** Per byte: copies pending to it, and the (site, thread) of the latest one. */
    private final int[] pending, pendingInfo;
    private int epoch;

    SharedMemory(int size, List<Site> sites) {
        this.size = size;
        this.sites = sites;
        this.data = new byte[size];
        int bits = Math.multiplyExact(size, 8);
        wEpoch = new int[bits];
        wInfo = new int[bits];
        rEpoch = new int[bits];
        rInfo = new int[bits];
        pending = new int[size];
        pendingInfo = new int[size];
    }

    /** A new block: poisoned contents, no history, no pending copies. */
    void startBlock() {
        Arrays.fill(data, POISON);
        Arrays.fill(pending, 0);
        epoch++;
    }

    /** {@code bar.sync}: accesses before it no longer race with accesses after it. */
    void barrier() { epoch++; }

    /** Whether {@code [bitAddr, bitAddr+nbits)} lies inside shared memory; a Fault otherwise. */
    void checkBounds(int t, long bitAddr, int nbits, String what) {
        if (bitAddr < 0 || bitAddr + nbits > 8L * size) {
            throw new Fault(t, what + " bits [" + bitAddr + ", " + (bitAddr + nbits) + ") (bytes [" + Math.floorDiv(bitAddr, 8)
                    + ", " + Math.ceilDiv(bitAddr + nbits, 8) + ")) are outside the " + size + " bytes of shared memory");
        }
    }

    /** Reads {@code nbits} (1..64) at {@code bitAddr} for thread {@code t}, checking races. */
    long read(int t, Site site, long bitAddr, int nbits) {
        checkBounds(t, bitAddr, nbits, "read of");
        int first = (int) bitAddr;
        for (int i = first; i < first + nbits; i++) {
            int byteIdx = i >>> 3;
            if (pending[byteIdx] > 0) {
                throw new Fault(t, "reads byte " + byteIdx + " of shared memory, which a cp.async by "
                        + who(pendingInfo[byteIdx]) + " will still write (its group has not been waited for)");
            }
            if (wEpoch[i] == epoch && (wInfo[i] & THREAD_MASK) != t) {
                throw new Fault(t, "shared-memory race: reads bit " + i + " (byte " + byteIdx + ") that " + who(wInfo[i])
                        + " wrote since the last bar.sync");
            }
            if (rEpoch[i] != epoch) {
                rEpoch[i] = epoch;
                rInfo[i] = pack(site, t);
            } else if ((rInfo[i] & THREAD_MASK) != t) {
                rInfo[i] |= MANY;
            }
        }
        return Bits.readStream(this::getByte, bitAddr, nbits);
    }

    /** Writes the low {@code nbits} (1..64) of {@code value} at {@code bitAddr} for thread {@code t}, checking races. */
    void write(int t, Site site, long bitAddr, int nbits, long value) {
        checkBounds(t, bitAddr, nbits, "write of");
        int first = (int) bitAddr;
        for (int i = first; i < first + nbits; i++) {
            int byteIdx = i >>> 3;
            if (pending[byteIdx] > 0) {
                throw new Fault(t, "writes byte " + byteIdx + " of shared memory, which a cp.async by "
                        + who(pendingInfo[byteIdx]) + " will still write (its group has not been waited for)");
            }
            checkWrite(t, i);
        }
        for (int i = first; i < first + nbits; i++) recordWrite(t, site, i);
        Bits.writeStream(this::getByte, this::setByte, bitAddr, nbits, value);
    }

    /**
     * A {@code cp.async} of {@code bytes} to {@code byteAddr} was issued by thread {@code t}: its
     * write may happen any time until it is waited for, so it must not race with accesses of this
     * epoch and no access may touch the bytes until then.
     */
    void issueAsync(int t, Site site, int byteAddr, int bytes) {
        for (int j = byteAddr; j < byteAddr + bytes; j++) {
            if (pending[j] > 0) {
                throw new Fault(t, "cp.async to byte " + j + " of shared memory while a cp.async by " + who(pendingInfo[j])
                        + " to the same byte is still pending");
            }
            for (int i = 8 * j; i < 8 * j + 8; i++) checkWrite(t, i);
        }
        for (int j = byteAddr; j < byteAddr + bytes; j++) {
            pending[j]++;
            pendingInfo[j] = pack(site, t);
        }
    }

    /** The wait of thread {@code t} retires a copy: its bytes are written now. */
    void completeAsync(int t, Site site, int byteAddr, byte[] bytes) {
        for (int j = 0; j < bytes.length; j++) {
            int b = byteAddr + j;
            pending[b]--;
            for (int i = 8 * b; i < 8 * b + 8; i++) {
                checkWrite(t, i);
                recordWrite(t, site, i);
            }
            data[b] = bytes[j];
        }
    }

    private void checkWrite(int t, int i) {
        if (wEpoch[i] == epoch && (wInfo[i] & THREAD_MASK) != t) {
            throw new Fault(t, "shared-memory race: writes bit " + i + " (byte " + (i >>> 3) + ") that " + who(wInfo[i])
                    + " also wrote since the last bar.sync");
        }
        if (rEpoch[i] == epoch && ((rInfo[i] & THREAD_MASK) != t || (rInfo[i] & MANY) != 0)) {
            String reader = (rInfo[i] & THREAD_MASK) != t ? who(rInfo[i] & ~MANY) : "another thread";
            throw new Fault(t, "shared-memory race: writes bit " + i + " (byte " + (i >>> 3) + ") that " + reader
                    + " read since the last bar.sync");
        }
    }

    private void recordWrite(int t, Site site, int i) {
        wEpoch[i] = epoch;
        wInfo[i] = pack(site, t);
    }

    private static int pack(Site site, int t) { return (site.id() << THREAD_BITS) | t; }

    /** "thread 5 (at body[2] st.shared ...)" for a packed (site, thread). */
    private String who(int info) {
        int t = info & THREAD_MASK;
        int s = (info & ~MANY) >>> THREAD_BITS;
        return "thread " + t + " (at " + sites.get(s) + ")";
    }

    int getByte(long i) { return data[(int) i] & 0xFF; }

    void setByte(long i, int v) { data[(int) i] = (byte) v; }
}
