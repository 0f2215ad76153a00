package org.tilevm.codegen.ptx.sim;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/**
 * Global memory: the launch's pointer arguments, addressed relative to their parameter, with
 * every access checked against the segment's size.
 */
final class GlobalMemory {
    private final Map<String, MemorySegment> segments;

    GlobalMemory(Map<String, MemorySegment> segments) { this.segments = Map.copyOf(segments); }

    MemorySegment segment(String ptr) {
        MemorySegment s = segments.get(ptr);
        if (s == null) throw new Fault(-1, "'" + ptr + "' is not a pointer parameter");
        return s;
    }

    /** Fails unless bits {@code [bitAddr, bitAddr+nbits)} lie inside the segment of {@code ptr}. */
    void checkBounds(int t, String ptr, long bitAddr, long nbits, String what) {
        long size = segment(ptr).byteSize();
        if (bitAddr < 0 || Math.ceilDiv(bitAddr + nbits, 8) > size) {
            throw new Fault(t, what + " bits [" + bitAddr + ", " + (bitAddr + nbits) + ") (bytes [" + Math.floorDiv(bitAddr, 8) + ", "
                    + Math.ceilDiv(bitAddr + nbits, 8) + ")) of pointer parameter " + ptr + " are outside its segment of "
                    + size + " bytes");
        }
    }

    /** Bits {@code [bitAddr, bitAddr+nbits)} (nbits 1..64) of {@code ptr}'s stream, bounds already checked. */
    long read(String ptr, long bitAddr, int nbits) {
        MemorySegment s = segment(ptr);
        return Bits.readStream(i -> s.get(ValueLayout.JAVA_BYTE, i) & 0xFF, bitAddr, nbits);
    }

    /** Writes the low {@code nbits} (1..64) of {@code value}; other bits of partial bytes are kept. */
    void write(String ptr, long bitAddr, int nbits, long value) {
        MemorySegment s = segment(ptr);
        Bits.writeStream(i -> s.get(ValueLayout.JAVA_BYTE, i) & 0xFF, (i, v) -> s.set(ValueLayout.JAVA_BYTE, i, (byte) v),
                bitAddr, nbits, value);
    }
}
