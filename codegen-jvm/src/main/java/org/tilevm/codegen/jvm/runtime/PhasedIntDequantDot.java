package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The phase-order path of {@link IntDequantDot} (see {@link PhasedDequantDot} for the idea) for
 * M = 1, widths that divide 32 and at most one row operation, an add or a subtraction (the
 * integer zero point of W4A8): per 32-byte unit and pass, eight phases of 8 columns with their
 * sums in registers, {@code acc += a[k] * wrapT(code -/+ row)}. Integer sums wrap, so the phase
 * order is exact as well.
 */
final class PhasedIntDequantDot {
    private PhasedIntDequantDot() {}

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_256;
    static final int UNIT = 32;

    static boolean handles(int bits, int n, int m, int op0, int op1) {
        return m == 1 && 32 % bits == 0 && n % (UNIT * 8 / bits) == 0 && op1 == DequantDot.NONE
                && (op0 == DequantDot.NONE || op0 == DequantDot.SUB || op0 == DequantDot.ADD);
    }

    /** Ints of scratch: the pass state (sums and row, 128) plus the tile's bytes are in {@code bytes}. */
    static final int STATE = 128;

    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n, int[] row0,
                    int op0, int tBits, int[] a, int[] c, int[] out, int[] ph, byte[] bytes) {
        int rowBytes = n * bits / 8;
        TileRows.toBytes(seg, origin, rowStride, k, rowBytes, bytes);
        int p = 32 / bits, unitCols = UNIT * 8 / bits, count = Math.min(8, p), mask = (1 << bits) - 1;
        boolean negate = op0 == DequantDot.SUB;
        int[] av = new int[k];
        for (int kk = 0; kk < k; kk++) av[kk] = IntDequantDot.wrap(a[kk], tBits);
        for (int u = 0; u < n / unitCols; u++) {
            int col0 = u * unitCols;
            for (int p0 = 0; p0 < p; p0 += 8) {
                for (int q = 0; q < 8; q++) {
                    int base = col0 + (p0 + q) % p;
                    for (int l = 0; l < 8; l++) {
                        int col = base + l * p;
                        ph[q * 8 + l] = c[col];
                        int r = row0 == null || op0 == DequantDot.NONE ? 0 : IntDequantDot.wrap(row0[col], tBits);
                        ph[64 + q * 8 + l] = negate ? -r : r;
                    }
                }
                if (signed) passSigned(bytes, rowBytes, u * UNIT, k, bits, p0, 32 - tBits, ph, av);
                else passUnsigned(bytes, rowBytes, u * UNIT, k, bits, mask, p0, 32 - tBits, ph, av);
                for (int q = 0; q < count; q++) {
                    int base = col0 + (p0 + q) % p;
                    for (int l = 0; l < 8; l++) out[base + l * p] = ph[q * 8 + l];
                }
            }
        }
    }

    /** Eight phases of one unit, unsigned codes: {@code acc += a * wrap(code + row)} (the row already negated for a subtraction). */
    private static void passUnsigned(byte[] bytes, int rowBytes, int at, int k, int bits, int mask, int p0, int wrap, int[] ph, int[] av) {
        IntVector c0 = IntVector.fromArray(I, ph, 0), z0 = IntVector.fromArray(I, ph, 64);
        IntVector c1 = IntVector.fromArray(I, ph, 8), z1 = IntVector.fromArray(I, ph, 72);
        IntVector c2 = IntVector.fromArray(I, ph, 16), z2 = IntVector.fromArray(I, ph, 80);
        IntVector c3 = IntVector.fromArray(I, ph, 24), z3 = IntVector.fromArray(I, ph, 88);
        IntVector c4 = IntVector.fromArray(I, ph, 32), z4 = IntVector.fromArray(I, ph, 96);
        IntVector c5 = IntVector.fromArray(I, ph, 40), z5 = IntVector.fromArray(I, ph, 104);
        IntVector c6 = IntVector.fromArray(I, ph, 48), z6 = IntVector.fromArray(I, ph, 112);
        IntVector c7 = IntVector.fromArray(I, ph, 56), z7 = IntVector.fromArray(I, ph, 120);
        int sh = p0 * bits, up = 32 - bits;
        for (int kk = 0; kk < k; kk++) {
            IntVector v = ByteVector.fromArray(B, bytes, kk * rowBytes + at).reinterpretAsInts();
            IntVector a = IntVector.broadcast(I, av[kk]);
            c0 = c0.add(v.lanewise(VectorOperators.LSHR, sh + 0 * bits).and(mask).add(z0).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c1 = c1.add(v.lanewise(VectorOperators.LSHR, sh + 1 * bits).and(mask).add(z1).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c2 = c2.add(v.lanewise(VectorOperators.LSHR, sh + 2 * bits).and(mask).add(z2).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c3 = c3.add(v.lanewise(VectorOperators.LSHR, sh + 3 * bits).and(mask).add(z3).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c4 = c4.add(v.lanewise(VectorOperators.LSHR, sh + 4 * bits).and(mask).add(z4).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c5 = c5.add(v.lanewise(VectorOperators.LSHR, sh + 5 * bits).and(mask).add(z5).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c6 = c6.add(v.lanewise(VectorOperators.LSHR, sh + 6 * bits).and(mask).add(z6).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c7 = c7.add(v.lanewise(VectorOperators.LSHR, sh + 7 * bits).and(mask).add(z7).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
        }
        c0.intoArray(ph, 0);
        c1.intoArray(ph, 8);
        c2.intoArray(ph, 16);
        c3.intoArray(ph, 24);
        c4.intoArray(ph, 32);
        c5.intoArray(ph, 40);
        c6.intoArray(ph, 48);
        c7.intoArray(ph, 56);
    }

    /** Eight phases of one unit, signed codes: {@code acc += a * wrap(code + row)} (the row already negated for a subtraction). */
    private static void passSigned(byte[] bytes, int rowBytes, int at, int k, int bits, int p0, int wrap, int[] ph, int[] av) {
        IntVector c0 = IntVector.fromArray(I, ph, 0), z0 = IntVector.fromArray(I, ph, 64);
        IntVector c1 = IntVector.fromArray(I, ph, 8), z1 = IntVector.fromArray(I, ph, 72);
        IntVector c2 = IntVector.fromArray(I, ph, 16), z2 = IntVector.fromArray(I, ph, 80);
        IntVector c3 = IntVector.fromArray(I, ph, 24), z3 = IntVector.fromArray(I, ph, 88);
        IntVector c4 = IntVector.fromArray(I, ph, 32), z4 = IntVector.fromArray(I, ph, 96);
        IntVector c5 = IntVector.fromArray(I, ph, 40), z5 = IntVector.fromArray(I, ph, 104);
        IntVector c6 = IntVector.fromArray(I, ph, 48), z6 = IntVector.fromArray(I, ph, 112);
        IntVector c7 = IntVector.fromArray(I, ph, 56), z7 = IntVector.fromArray(I, ph, 120);
        int sh = p0 * bits, up = 32 - bits;
        for (int kk = 0; kk < k; kk++) {
            IntVector v = ByteVector.fromArray(B, bytes, kk * rowBytes + at).reinterpretAsInts();
            IntVector a = IntVector.broadcast(I, av[kk]);
            c0 = c0.add(v.lanewise(VectorOperators.LSHL, up - sh - 0 * bits).lanewise(VectorOperators.ASHR, up).add(z0).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c1 = c1.add(v.lanewise(VectorOperators.LSHL, up - sh - 1 * bits).lanewise(VectorOperators.ASHR, up).add(z1).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c2 = c2.add(v.lanewise(VectorOperators.LSHL, up - sh - 2 * bits).lanewise(VectorOperators.ASHR, up).add(z2).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c3 = c3.add(v.lanewise(VectorOperators.LSHL, up - sh - 3 * bits).lanewise(VectorOperators.ASHR, up).add(z3).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c4 = c4.add(v.lanewise(VectorOperators.LSHL, up - sh - 4 * bits).lanewise(VectorOperators.ASHR, up).add(z4).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c5 = c5.add(v.lanewise(VectorOperators.LSHL, up - sh - 5 * bits).lanewise(VectorOperators.ASHR, up).add(z5).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c6 = c6.add(v.lanewise(VectorOperators.LSHL, up - sh - 6 * bits).lanewise(VectorOperators.ASHR, up).add(z6).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c7 = c7.add(v.lanewise(VectorOperators.LSHL, up - sh - 7 * bits).lanewise(VectorOperators.ASHR, up).add(z7).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
        }
        c0.intoArray(ph, 0);
        c1.intoArray(ph, 8);
        c2.intoArray(ph, 16);
        c3.intoArray(ph, 24);
        c4.intoArray(ph, 32);
        c5.intoArray(ph, 40);
        c6.intoArray(ph, 48);
        c7.intoArray(ph, 56);
    }

}
