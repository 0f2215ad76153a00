package org.tilevm.spec.dtype;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Dense bit packing of N-bit codes (N = 1..64). A tensor of N-bit elements is a bit stream,
 * least significant bit first within little-endian bytes: element {@code i} occupies stream bits
 * {@code [i*N, (i+1)*N)}, where stream bit {@code k} is bit {@code k % 8} of byte {@code k / 8}.
 * Elements may straddle bytes; for N = 8, 16, 32, 64 this is plain little-endian storage. (This
 * is the order GPTQ uses for int4 in int32 words: element 0 in bits 0..3 of word 0.)
 *
 * <p>{@link #set} writes only the bytes that hold bits of the element, and in them only the
 * element's bits (read-modify-write): neighbours are never changed, but two threads setting
 * different elements that share a byte race (as on a GPU); byte-aligned elements do not.
 * {@link #set} uses only the low N bits of the code (it masks, it does not check).
 */
public final class BitPacking {
    private BitPacking() {}

    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Bytes needed for {@code count} elements of {@code bits} bits: {@code ceil(count*bits/8)}. */
    public static long bytesFor(long count, int bits) {
        checkBits(bits);
        if (count < 0) throw new IllegalArgumentException("negative element count " + count);
        long totalBits;
        try {
            totalBits = Math.multiplyExact(count, (long) bits);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(count + " elements of " + bits + " bits overflow a 64-bit bit count");
        }
        return (totalBits >>> 3) + ((totalBits & 7) != 0 ? 1 : 0);
    }

    /** The raw code of element {@code index} (in the low {@code bits} bits; higher bits are zero). */
    public static long get(MemorySegment seg, long index, int bits) {
        checkBits(bits);
        long bitPos = bitPosition(index, bits);
        long byteStart = bitPos >>> 3;
        int shift = (int) (bitPos & 7);
        int nbytes = (shift + bits + 7) >>> 3;
        long size = seg.byteSize();
        if (byteStart > size - nbytes) throw outOfBounds(index, bits, byteStart, nbytes, size);
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        if (size - byteStart >= 8) {
            long r = seg.get(LE_LONG, byteStart) >>> shift;
            if (shift + bits > 64) r |= (seg.get(ValueLayout.JAVA_BYTE, byteStart + 8) & 0xFFL) << (64 - shift);
            return r & mask;
        }
        // Near the end of the segment: fewer than 8 bytes remain, so nbytes < 8.
        long w = 0;
        for (int k = 0; k < nbytes; k++) {
            w |= (seg.get(ValueLayout.JAVA_BYTE, byteStart + k) & 0xFFL) << (8 * k);
        }
        return (w >>> shift) & mask;
    }

    /** Sets element {@code index} to the low {@code bits} bits of {@code code}; no other bit changes. */
    public static void set(MemorySegment seg, long index, int bits, long code) {
        checkBits(bits);
        long bitPos = bitPosition(index, bits);
        long byteStart = bitPos >>> 3;
        int shift = (int) (bitPos & 7);
        int nbytes = (shift + bits + 7) >>> 3;
        long size = seg.byteSize();
        if (byteStart > size - nbytes) throw outOfBounds(index, bits, byteStart, nbytes, size);
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long v = code & mask;
        if (shift == 0) {
            switch (bits) {
                case 8 -> { seg.set(ValueLayout.JAVA_BYTE, byteStart, (byte) v); return; }
                case 16 -> { seg.set(LE_SHORT, byteStart, (short) v); return; }
                case 32 -> { seg.set(LE_INT, byteStart, (int) v); return; }
                case 64 -> { seg.set(LE_LONG, byteStart, v); return; }
                default -> { }
            }
        }
        if (nbytes == 1) {
            int old = seg.get(ValueLayout.JAVA_BYTE, byteStart);
            int m = (int) (mask << shift);
            seg.set(ValueLayout.JAVA_BYTE, byteStart, (byte) ((old & ~m) | ((int) v << shift)));
            return;
        }
        if (nbytes <= 8) {
            long w = 0;
            for (int k = 0; k < nbytes; k++) {
                w |= (seg.get(ValueLayout.JAVA_BYTE, byteStart + k) & 0xFFL) << (8 * k);
            }
            w = (w & ~(mask << shift)) | (v << shift);
            for (int k = 0; k < nbytes; k++) {
                seg.set(ValueLayout.JAVA_BYTE, byteStart + k, (byte) (w >>> (8 * k)));
            }
            return;
        }
        // nbytes == 9: bits > 56 and the element ends in the 9th byte. Bytes 1..7 are wholly the
        // element's, byte 0 from bit `shift` up, byte 8 its low (shift + bits - 64) bits.
        long w = seg.get(LE_LONG, byteStart);
        w = (w & ~(mask << shift)) | (v << shift);
        seg.set(LE_LONG, byteStart, w);
        int highMask = (int) (mask >>> (64 - shift));
        int old = seg.get(ValueLayout.JAVA_BYTE, byteStart + 8);
        seg.set(ValueLayout.JAVA_BYTE, byteStart + 8, (byte) ((old & ~highMask) | (int) (v >>> (64 - shift))));
    }

    /** The codes packed into a new byte array of {@link #bytesFor} bytes (low {@code bits} bits of each; trailing bits 0). */
    public static byte[] pack(long[] codes, int bits) {
        long n = bytesFor(codes.length, bits);
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(n + " bytes do not fit in a byte[]");
        byte[] out = new byte[(int) n];
        MemorySegment seg = MemorySegment.ofArray(out);
        for (int i = 0; i < codes.length; i++) set(seg, i, bits, codes[i]);
        return out;
    }

    /** The first {@code count} codes of the segment. */
    public static long[] unpack(MemorySegment seg, long count, int bits) {
        long need = bytesFor(count, bits);
        if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(count + " elements do not fit in a long[]");
        if (need > seg.byteSize()) {
            throw new IndexOutOfBoundsException(count + " elements of " + bits + " bits need " + need
                    + " bytes but the segment has " + seg.byteSize() + " bytes");
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < out.length; i++) out[i] = get(seg, i, bits);
        return out;
    }

    private static void checkBits(int bits) {
        if (bits < 1 || bits > 64) throw new IllegalArgumentException("element width " + bits + " bits: expected 1..64");
    }

    private static long bitPosition(long index, int bits) {
        if (index < 0) throw new IndexOutOfBoundsException("element index " + index + " is negative");
        if (index > (Long.MAX_VALUE - 64) / bits) {
            throw new IndexOutOfBoundsException("element index " + index + " of " + bits + "-bit elements is too large");
        }
        return index * bits;
    }

    private static IndexOutOfBoundsException outOfBounds(long index, int bits, long byteStart, int nbytes, long size) {
        return new IndexOutOfBoundsException("element index " + index + " of " + bits + "-bit elements (bits ["
                + index * bits + ", " + (index + 1) * bits + "), bytes [" + byteStart + ", " + (byteStart + nbytes)
                + ")) is outside the segment of " + size + " bytes");
    }
}
