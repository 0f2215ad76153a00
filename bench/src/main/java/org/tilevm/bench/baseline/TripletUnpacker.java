package org.tilevm.bench.baseline;

import static org.tilevm.bench.baseline.Lanes.B_FULL;
import static org.tilevm.bench.baseline.Lanes.F;
import static org.tilevm.bench.baseline.Lanes.I;
import static org.tilevm.bench.baseline.Lanes.L;
import static org.tilevm.bench.baseline.NibbleUnpacker.toFloat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * 3-bit codes ({@code u3}, {@code i3}): eight codes fill three bytes, so a unit is 3L bytes read
 * with one 4L-byte load and spread by one byte shuffle into L int lanes of 24 bits (lane j = bytes
 * 3j, 3j+1, 3j+2; the fourth byte is a don't-care copy that no extraction reaches); eight
 * shift-and-mask extractions give eight f32 vectors covering 8L columns. The load reads L bytes past
 * the unit; at the end of the packed segment it is masked.
 */
record TripletUnpacker(boolean signed) implements Unpacker {
    private static final VectorShuffle<Byte> SPREAD = spread();

    @Override public int bits() { return 3; }
    @Override public int phases() { return 8; }
    @Override public int vectors() { return 8; }
    @Override public int signMask() { return signed ? 0x924924 : 0; }

    @Override
    public void partials(MemorySegment w, long rowBytes, long unitByte, float[] a, int aOff, int k0, int k1, float[] out) {
        IntVector sign = IntVector.broadcast(I, signMask());
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        long off = k0 * rowBytes + unitByte;
        for (int k = k0; k < k1; k++, off += rowBytes) {
            FloatVector av = FloatVector.broadcast(F, a[aOff + k]);
            IntVector t = lanes(w, off).lanewise(VectorOperators.XOR, sign);
            s0 = toFloat(t.and(7)).fma(av, s0);
            s1 = toFloat(t.lanewise(VectorOperators.LSHR, 3).and(7)).fma(av, s1);
            s2 = toFloat(t.lanewise(VectorOperators.LSHR, 6).and(7)).fma(av, s2);
            s3 = toFloat(t.lanewise(VectorOperators.LSHR, 9).and(7)).fma(av, s3);
            s4 = toFloat(t.lanewise(VectorOperators.LSHR, 12).and(7)).fma(av, s4);
            s5 = toFloat(t.lanewise(VectorOperators.LSHR, 15).and(7)).fma(av, s5);
            s6 = toFloat(t.lanewise(VectorOperators.LSHR, 18).and(7)).fma(av, s6);
            s7 = toFloat(t.lanewise(VectorOperators.LSHR, 21).and(7)).fma(av, s7);
        }
        s0.intoArray(out, 0);
        s1.intoArray(out, L);
        s2.intoArray(out, 2 * L);
        s3.intoArray(out, 3 * L);
        s4.intoArray(out, 4 * L);
        s5.intoArray(out, 5 * L);
        s6.intoArray(out, 6 * L);
        s7.intoArray(out, 7 * L);
    }

    @Override
    public void codes(MemorySegment w, long rowBytes, long unitByte, int k0, int k1, float[] out) {
        IntVector sign = IntVector.broadcast(I, signMask());
        long off = k0 * rowBytes + unitByte;
        for (int k = k0, o = 0; k < k1; k++, off += rowBytes, o += 8 * L) {
            IntVector t = lanes(w, off).lanewise(VectorOperators.XOR, sign);
            for (int p = 0; p < 8; p++) {
                toFloat(t.lanewise(VectorOperators.LSHR, 3 * p).and(7)).intoArray(out, o + p * L);
            }
        }
    }

    /** The 3L bytes at {@code off} as L int lanes of 24 bits. */
    private static IntVector lanes(MemorySegment w, long off) {
        ByteVector bytes = off + B_FULL.length() <= w.byteSize()
                ? ByteVector.fromMemorySegment(B_FULL, w, off, ByteOrder.LITTLE_ENDIAN)
                : ByteVector.fromMemorySegment(B_FULL, w, off, ByteOrder.LITTLE_ENDIAN, B_FULL.indexInRange(off, w.byteSize()));
        return bytes.rearrange(SPREAD).reinterpretAsInts();
    }

    private static VectorShuffle<Byte> spread() {
        int[] idx = new int[B_FULL.length()];
        for (int j = 0; j < idx.length / 4; j++) {
            idx[4 * j] = 3 * j;
            idx[4 * j + 1] = 3 * j + 1;
            idx[4 * j + 2] = 3 * j + 2;
            idx[4 * j + 3] = 3 * j;
        }
        return VectorShuffle.fromArray(B_FULL, idx, 0);
    }
}
