package org.tilevm.bench.baseline;

import static org.tilevm.bench.baseline.Lanes.B_LANE;
import static org.tilevm.bench.baseline.Lanes.F;
import static org.tilevm.bench.baseline.Lanes.I;
import static org.tilevm.bench.baseline.Lanes.L;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * 4-bit codes ({@code u4}, {@code i4}): a unit is two loads of L bytes, each byte widened to an
 * int lane holding two codes (low nibble: even column, high nibble: odd column), so four f32
 * vectors cover 4L columns. Widening first and shifting ints avoids byte-lane shifts, which x86
 * lacks. Two loads per row give four independent FMA chains.
 */
record NibbleUnpacker(boolean signed) implements Unpacker {
    @Override public int bits() { return 4; }
    @Override public int phases() { return 2; }
    @Override public int vectors() { return 4; }
    @Override public int signMask() { return signed ? 0x88 : 0; }

    @Override
    public void partials(MemorySegment w, long rowBytes, long unitByte, float[] a, int aOff, int k0, int k1, float[] out) {
        IntVector sign = IntVector.broadcast(I, signMask());
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        long off = k0 * rowBytes + unitByte;
        for (int k = k0; k < k1; k++, off += rowBytes) {
            FloatVector av = FloatVector.broadcast(F, a[aOff + k]);
            IntVector b0 = widen(w, off).lanewise(VectorOperators.XOR, sign);
            IntVector b1 = widen(w, off + L).lanewise(VectorOperators.XOR, sign);
            s0 = toFloat(b0.and(15)).fma(av, s0);
            s1 = toFloat(b0.lanewise(VectorOperators.LSHR, 4).and(15)).fma(av, s1);
            s2 = toFloat(b1.and(15)).fma(av, s2);
            s3 = toFloat(b1.lanewise(VectorOperators.LSHR, 4).and(15)).fma(av, s3);
        }
        s0.intoArray(out, 0);
        s1.intoArray(out, L);
        s2.intoArray(out, 2 * L);
        s3.intoArray(out, 3 * L);
    }

    @Override
    public void codes(MemorySegment w, long rowBytes, long unitByte, int k0, int k1, float[] out) {
        IntVector sign = IntVector.broadcast(I, signMask());
        long off = k0 * rowBytes + unitByte;
        for (int k = k0, o = 0; k < k1; k++, off += rowBytes, o += 4 * L) {
            IntVector b0 = widen(w, off).lanewise(VectorOperators.XOR, sign);
            IntVector b1 = widen(w, off + L).lanewise(VectorOperators.XOR, sign);
            toFloat(b0.and(15)).intoArray(out, o);
            toFloat(b0.lanewise(VectorOperators.LSHR, 4).and(15)).intoArray(out, o + L);
            toFloat(b1.and(15)).intoArray(out, o + 2 * L);
            toFloat(b1.lanewise(VectorOperators.LSHR, 4).and(15)).intoArray(out, o + 3 * L);
        }
    }

    /** L bytes at {@code off}, sign-extended to L int lanes (the sign bits are masked off later). */
    static IntVector widen(MemorySegment w, long off) {
        return (IntVector) ByteVector.fromMemorySegment(B_LANE, w, off, ByteOrder.LITTLE_ENDIAN).castShape(I, 0);
    }

    static FloatVector toFloat(IntVector v) {
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }
}
