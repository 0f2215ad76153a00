package org.tilevm.bench.baseline;

import static org.tilevm.bench.baseline.Lanes.F;
import static org.tilevm.bench.baseline.Lanes.I;
import static org.tilevm.bench.baseline.Lanes.L;
import static org.tilevm.bench.baseline.NibbleUnpacker.toFloat;
import static org.tilevm.bench.baseline.NibbleUnpacker.widen;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * 2-bit codes ({@code u2}, {@code i2}): a unit is one load of L bytes, each byte widened to an
 * int lane holding four codes (columns 4j .. 4j+3), so four f32 vectors cover 4L columns.
 */
record CrumbUnpacker(boolean signed) implements Unpacker {
    @Override public int bits() { return 2; }
    @Override public int phases() { return 4; }
    @Override public int vectors() { return 4; }
    @Override public int signMask() { return signed ? 0xAA : 0; }

    @Override
    public void partials(MemorySegment w, long rowBytes, long unitByte, float[] a, int aOff, int k0, int k1, float[] out) {
        IntVector sign = IntVector.broadcast(I, signMask());
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        long off = k0 * rowBytes + unitByte;
        for (int k = k0; k < k1; k++, off += rowBytes) {
            FloatVector av = FloatVector.broadcast(F, a[aOff + k]);
            IntVector b = widen(w, off).lanewise(VectorOperators.XOR, sign);
            s0 = toFloat(b.and(3)).fma(av, s0);
            s1 = toFloat(b.lanewise(VectorOperators.LSHR, 2).and(3)).fma(av, s1);
            s2 = toFloat(b.lanewise(VectorOperators.LSHR, 4).and(3)).fma(av, s2);
            s3 = toFloat(b.lanewise(VectorOperators.LSHR, 6).and(3)).fma(av, s3);
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
            IntVector b = widen(w, off).lanewise(VectorOperators.XOR, sign);
            toFloat(b.and(3)).intoArray(out, o);
            toFloat(b.lanewise(VectorOperators.LSHR, 2).and(3)).intoArray(out, o + L);
            toFloat(b.lanewise(VectorOperators.LSHR, 4).and(3)).intoArray(out, o + 2 * L);
            toFloat(b.lanewise(VectorOperators.LSHR, 6).and(3)).intoArray(out, o + 3 * L);
        }
    }
}
