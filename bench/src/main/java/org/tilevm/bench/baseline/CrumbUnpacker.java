package org.tilevm.bench.baseline;

import static org.tilevm.bench.baseline.Lanes.F;
import static org.tilevm.bench.baseline.Lanes.I;
import static org.tilevm.bench.baseline.Lanes.L;
import static org.tilevm.bench.baseline.Unpacker.field;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * 2-bit codes ({@code u2}, {@code i2}): a unit is 2L bytes, loaded as L shorts of eight codes each
 * and widened to int lanes (sign-extended; the extraction masks the high bits off).
 */
record CrumbUnpacker(boolean signed) implements Unpacker {
    private static final int BITS = 2, MASK = 3;

    @Override public int bits() { return BITS; }

    @Override
    public void accumulateRows(MemorySegment w, long off0, long rowBytes, int rows, float[] a, int k, int units, float[] part) {
        IntVector sign = IntVector.broadcast(I, signMask());
        for (int half = 0; half < 2 * units; half++) {
            int o = half * 4 * L, shift = (half & 1) * 4 * BITS;
            FloatVector s0 = FloatVector.fromArray(F, part, o), s1 = FloatVector.fromArray(F, part, o + L),
                    s2 = FloatVector.fromArray(F, part, o + 2 * L), s3 = FloatVector.fromArray(F, part, o + 3 * L);
            long off = off0 + (long) (half >> 1) * (BITS * L);
            for (int r = 0; r < rows; r++, off += rowBytes) {
                FloatVector av = FloatVector.broadcast(F, a[k + r]);
                IntVector t = lanes(w, off).lanewise(VectorOperators.XOR, sign);
                s0 = field(t, shift, MASK).fma(av, s0);
                s1 = field(t, shift + BITS, MASK).fma(av, s1);
                s2 = field(t, shift + 2 * BITS, MASK).fma(av, s2);
                s3 = field(t, shift + 3 * BITS, MASK).fma(av, s3);
            }
            s0.intoArray(part, o);
            s1.intoArray(part, o + L);
            s2.intoArray(part, o + 2 * L);
            s3.intoArray(part, o + 3 * L);
        }
    }

    @Override
    public void dequantize(MemorySegment w, long rowBytes, long unitByte, int k0, int k1, float[] scale, float[] shift,
                           float[] out) {
        IntVector sign = IntVector.broadcast(I, signMask());
        long off = k0 * rowBytes + unitByte;
        for (int k = k0, o = 0; k < k1; k++, off += rowBytes, o += PHASES * L) {
            IntVector t = lanes(w, off).lanewise(VectorOperators.XOR, sign);
            for (int p = 0; p < PHASES; p++) {
                field(t, BITS * p, MASK).fma(FloatVector.fromArray(F, scale, p * L), FloatVector.fromArray(F, shift, p * L))
                        .intoArray(out, o + p * L);
            }
        }
    }

    /** The 2L bytes at {@code off} as L shorts widened to ints. */
    private static IntVector lanes(MemorySegment w, long off) {
        return (IntVector) ShortVector.fromMemorySegment(Lanes.S_HALF, w, off, ByteOrder.LITTLE_ENDIAN).castShape(I, 0);
    }
}
