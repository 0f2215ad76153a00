package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The M = 1 path of {@link IntDequantDot} for codes of 1 to 4 bits and at most one row operation,
 * an add or a subtraction (see {@link ColumnDequantDot} for the column-order reading): 64 columns
 * at a time, eight 8-column i32 sums in registers, {@code acc += a[k] * wrapT(code + row)}.
 */
final class ColumnIntDequantDot {
    private ColumnIntDequantDot() {}

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static boolean handles(int bits, int n, int m, int op0, int op1) {
        return m == 1 && bits <= 4 && n % 64 == 0 && op1 == DequantDot.NONE
                && (op0 == DequantDot.NONE || op0 == DequantDot.SUB || op0 == DequantDot.ADD);
    }

    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n, int[] row0,
                    int op0, int tBits, int[] a, int[] c, int[] out, byte[] bytes, int[] words) {
        int rowBytes = n * bits / 8;
        boolean asInts = 4 % bits == 0; // 1, 2, 4 bits: a group never crosses an int
        if (asInts) TileRows.toInts(seg, origin, rowStride, k, rowBytes, words);
        else TileRows.toBytes(seg, origin, rowStride, k, rowBytes, bytes);
        int[] sh = new int[8], lanes = new int[8];
        for (int l = 0; l < 8; l++) {
            sh[l] = signed ? 32 - bits - l * bits : l * bits;
            lanes[l] = l * bits;
        }
        IntVector shifts = IntVector.fromArray(I, sh, 0);
        int[] av = new int[k];
        for (int kk = 0; kk < k; kk++) av[kk] = IntDequantDot.wrap(a[kk], tBits);
        int[] row = row0 == null || op0 == DequantDot.NONE ? null : row0;
        boolean negate = op0 == DequantDot.SUB;
        for (int j0 = 0; j0 < n; j0 += 64) {
            if (asInts) {
                int at = j0 / 8 * bits / 4, rowInts = rowBytes / 4;
                if (signed) wordsSigned(words, rowInts, at, k, bits, lanes, j0, row, negate, 32 - tBits, av, c, out);
                else wordsUnsigned(words, rowInts, at, k, bits, lanes, j0, row, negate, 32 - tBits, av, c, out);
                continue;
            }
            int at = j0 / 8 * bits;
            if (signed) passSigned(bytes, rowBytes, at, k, bits, shifts, j0, row, negate, 32 - tBits, av, c, out);
            else passUnsigned(bytes, rowBytes, at, k, bits, shifts, j0, row, negate, 32 - tBits, av, c, out);
        }
    }

    /** The row's 8 values from j as T (sign-extended), negated for a subtraction; 0 when absent. */
    private static IntVector row(int[] r, int j, boolean negate, int wrap) {
        if (r == null) return IntVector.zero(I);
        IntVector v = IntVector.fromArray(I, r, j).lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap);
        return negate ? v.neg() : v;
    }

    // Written out per signedness for C2's inlining budget (see ColumnDequantDot).

    private static void passUnsigned(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, int[] rowVals,
                                     boolean negate, int wrap, int[] av, int[] c, int[] out) {
        int mask = (1 << bits) - 1;
        IntVector c0 = IntVector.fromArray(I, c, j0 + 0), z0 = row(rowVals, j0 + 0, negate, wrap);
        IntVector c1 = IntVector.fromArray(I, c, j0 + 8), z1 = row(rowVals, j0 + 8, negate, wrap);
        IntVector c2 = IntVector.fromArray(I, c, j0 + 16), z2 = row(rowVals, j0 + 16, negate, wrap);
        IntVector c3 = IntVector.fromArray(I, c, j0 + 24), z3 = row(rowVals, j0 + 24, negate, wrap);
        IntVector c4 = IntVector.fromArray(I, c, j0 + 32), z4 = row(rowVals, j0 + 32, negate, wrap);
        IntVector c5 = IntVector.fromArray(I, c, j0 + 40), z5 = row(rowVals, j0 + 40, negate, wrap);
        IntVector c6 = IntVector.fromArray(I, c, j0 + 48), z6 = row(rowVals, j0 + 48, negate, wrap);
        IntVector c7 = IntVector.fromArray(I, c, j0 + 56), z7 = row(rowVals, j0 + 56, negate, wrap);
        for (int kk = 0, p = at; kk < k; kk++, p += rowBytes) {
            IntVector a = IntVector.broadcast(I, av[kk]);
            c0 = c0.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 0 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z0)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c1 = c1.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 1 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z1)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c2 = c2.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 2 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z2)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c3 = c3.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 3 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z3)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c4 = c4.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 4 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z4)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c5 = c5.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 5 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z5)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c6 = c6.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 6 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z6)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c7 = c7.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 7 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask).add(z7)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
        }
        c0.intoArray(out, j0 + 0);
        c1.intoArray(out, j0 + 8);
        c2.intoArray(out, j0 + 16);
        c3.intoArray(out, j0 + 24);
        c4.intoArray(out, j0 + 32);
        c5.intoArray(out, j0 + 40);
        c6.intoArray(out, j0 + 48);
        c7.intoArray(out, j0 + 56);
    }

    private static void passSigned(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, int[] rowVals,
                                     boolean negate, int wrap, int[] av, int[] c, int[] out) {
        int up = 32 - bits;
        IntVector c0 = IntVector.fromArray(I, c, j0 + 0), z0 = row(rowVals, j0 + 0, negate, wrap);
        IntVector c1 = IntVector.fromArray(I, c, j0 + 8), z1 = row(rowVals, j0 + 8, negate, wrap);
        IntVector c2 = IntVector.fromArray(I, c, j0 + 16), z2 = row(rowVals, j0 + 16, negate, wrap);
        IntVector c3 = IntVector.fromArray(I, c, j0 + 24), z3 = row(rowVals, j0 + 24, negate, wrap);
        IntVector c4 = IntVector.fromArray(I, c, j0 + 32), z4 = row(rowVals, j0 + 32, negate, wrap);
        IntVector c5 = IntVector.fromArray(I, c, j0 + 40), z5 = row(rowVals, j0 + 40, negate, wrap);
        IntVector c6 = IntVector.fromArray(I, c, j0 + 48), z6 = row(rowVals, j0 + 48, negate, wrap);
        IntVector c7 = IntVector.fromArray(I, c, j0 + 56), z7 = row(rowVals, j0 + 56, negate, wrap);
        for (int kk = 0, p = at; kk < k; kk++, p += rowBytes) {
            IntVector a = IntVector.broadcast(I, av[kk]);
            c0 = c0.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 0 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z0)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c1 = c1.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 1 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z1)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c2 = c2.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 2 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z2)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c3 = c3.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 3 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z3)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c4 = c4.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 4 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z4)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c5 = c5.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 5 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z5)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c6 = c6.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 6 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z6)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c7 = c7.add(IntVector.broadcast(I, (int) INT_LE.get(bytes, p + 7 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up).add(z7)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
        }
        c0.intoArray(out, j0 + 0);
        c1.intoArray(out, j0 + 8);
        c2.intoArray(out, j0 + 16);
        c3.intoArray(out, j0 + 24);
        c4.intoArray(out, j0 + 32);
        c5.intoArray(out, j0 + 40);
        c6.intoArray(out, j0 + 48);
        c7.intoArray(out, j0 + 56);
    }

    /** lanes[l] * sign + offset: the per-lane shifts of a group whose bits start {@code offset} bits into its int. */
    private static IntVector shiftVector(int[] lanes, int offset, int sign) {
        return IntVector.fromArray(I, lanes, 0).mul(sign).add(offset);
    }

    private static void wordsUnsigned(int[] words, int rowInts, int at, int k, int bits, int[] lanes, int j0, int[] rowVals,
                                     boolean negate, int wrap, int[] av, int[] c, int[] out) {
        int up = 32 - bits, mask = (1 << bits) - 1;
        // group q of the run: int (q*bits)/4 from the run start, its bits from 8*((q*bits)%4) on; the lane shifts absorb that offset
        IntVector t0 = shiftVector(lanes, 8 * (0 * bits % 4), 1);
        IntVector t1 = shiftVector(lanes, 8 * (1 * bits % 4), 1);
        IntVector t2 = shiftVector(lanes, 8 * (2 * bits % 4), 1);
        IntVector t3 = shiftVector(lanes, 8 * (3 * bits % 4), 1);
        int o1 = bits >> 2, o2 = 2 * bits >> 2, o3 = 3 * bits >> 2, o4 = bits, o5 = 5 * bits >> 2, o6 = 6 * bits >> 2, o7 = 7 * bits >> 2;
        IntVector c0 = IntVector.fromArray(I, c, j0 + 0), z0 = row(rowVals, j0 + 0, negate, wrap);
        IntVector c1 = IntVector.fromArray(I, c, j0 + 8), z1 = row(rowVals, j0 + 8, negate, wrap);
        IntVector c2 = IntVector.fromArray(I, c, j0 + 16), z2 = row(rowVals, j0 + 16, negate, wrap);
        IntVector c3 = IntVector.fromArray(I, c, j0 + 24), z3 = row(rowVals, j0 + 24, negate, wrap);
        IntVector c4 = IntVector.fromArray(I, c, j0 + 32), z4 = row(rowVals, j0 + 32, negate, wrap);
        IntVector c5 = IntVector.fromArray(I, c, j0 + 40), z5 = row(rowVals, j0 + 40, negate, wrap);
        IntVector c6 = IntVector.fromArray(I, c, j0 + 48), z6 = row(rowVals, j0 + 48, negate, wrap);
        IntVector c7 = IntVector.fromArray(I, c, j0 + 56), z7 = row(rowVals, j0 + 56, negate, wrap);
        for (int kk = 0, r = at; kk < k; kk++, r += rowInts) {
            IntVector a = IntVector.broadcast(I, av[kk]);
            c0 = c0.add(IntVector.broadcast(I, words[r]).lanewise(VectorOperators.LSHR, t0).and(mask).add(z0)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c1 = c1.add(IntVector.broadcast(I, words[r + o1]).lanewise(VectorOperators.LSHR, t1).and(mask).add(z1)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c2 = c2.add(IntVector.broadcast(I, words[r + o2]).lanewise(VectorOperators.LSHR, t2).and(mask).add(z2)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c3 = c3.add(IntVector.broadcast(I, words[r + o3]).lanewise(VectorOperators.LSHR, t3).and(mask).add(z3)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c4 = c4.add(IntVector.broadcast(I, words[r + o4]).lanewise(VectorOperators.LSHR, t0).and(mask).add(z4)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c5 = c5.add(IntVector.broadcast(I, words[r + o5]).lanewise(VectorOperators.LSHR, t1).and(mask).add(z5)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c6 = c6.add(IntVector.broadcast(I, words[r + o6]).lanewise(VectorOperators.LSHR, t2).and(mask).add(z6)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c7 = c7.add(IntVector.broadcast(I, words[r + o7]).lanewise(VectorOperators.LSHR, t3).and(mask).add(z7)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
        }
        c0.intoArray(out, j0 + 0);
        c1.intoArray(out, j0 + 8);
        c2.intoArray(out, j0 + 16);
        c3.intoArray(out, j0 + 24);
        c4.intoArray(out, j0 + 32);
        c5.intoArray(out, j0 + 40);
        c6.intoArray(out, j0 + 48);
        c7.intoArray(out, j0 + 56);
    }

    private static void wordsSigned(int[] words, int rowInts, int at, int k, int bits, int[] lanes, int j0, int[] rowVals,
                                     boolean negate, int wrap, int[] av, int[] c, int[] out) {
        int up = 32 - bits, mask = (1 << bits) - 1;
        // group q of the run: int (q*bits)/4 from the run start, its bits from 8*((q*bits)%4) on; the lane shifts absorb that offset
        IntVector t0 = shiftVector(lanes, 32 - bits - 8 * (0 * bits % 4), -1);
        IntVector t1 = shiftVector(lanes, 32 - bits - 8 * (1 * bits % 4), -1);
        IntVector t2 = shiftVector(lanes, 32 - bits - 8 * (2 * bits % 4), -1);
        IntVector t3 = shiftVector(lanes, 32 - bits - 8 * (3 * bits % 4), -1);
        int o1 = bits >> 2, o2 = 2 * bits >> 2, o3 = 3 * bits >> 2, o4 = bits, o5 = 5 * bits >> 2, o6 = 6 * bits >> 2, o7 = 7 * bits >> 2;
        IntVector c0 = IntVector.fromArray(I, c, j0 + 0), z0 = row(rowVals, j0 + 0, negate, wrap);
        IntVector c1 = IntVector.fromArray(I, c, j0 + 8), z1 = row(rowVals, j0 + 8, negate, wrap);
        IntVector c2 = IntVector.fromArray(I, c, j0 + 16), z2 = row(rowVals, j0 + 16, negate, wrap);
        IntVector c3 = IntVector.fromArray(I, c, j0 + 24), z3 = row(rowVals, j0 + 24, negate, wrap);
        IntVector c4 = IntVector.fromArray(I, c, j0 + 32), z4 = row(rowVals, j0 + 32, negate, wrap);
        IntVector c5 = IntVector.fromArray(I, c, j0 + 40), z5 = row(rowVals, j0 + 40, negate, wrap);
        IntVector c6 = IntVector.fromArray(I, c, j0 + 48), z6 = row(rowVals, j0 + 48, negate, wrap);
        IntVector c7 = IntVector.fromArray(I, c, j0 + 56), z7 = row(rowVals, j0 + 56, negate, wrap);
        for (int kk = 0, r = at; kk < k; kk++, r += rowInts) {
            IntVector a = IntVector.broadcast(I, av[kk]);
            c0 = c0.add(IntVector.broadcast(I, words[r]).lanewise(VectorOperators.LSHL, t0).lanewise(VectorOperators.ASHR, up).add(z0)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c1 = c1.add(IntVector.broadcast(I, words[r + o1]).lanewise(VectorOperators.LSHL, t1).lanewise(VectorOperators.ASHR, up).add(z1)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c2 = c2.add(IntVector.broadcast(I, words[r + o2]).lanewise(VectorOperators.LSHL, t2).lanewise(VectorOperators.ASHR, up).add(z2)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c3 = c3.add(IntVector.broadcast(I, words[r + o3]).lanewise(VectorOperators.LSHL, t3).lanewise(VectorOperators.ASHR, up).add(z3)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c4 = c4.add(IntVector.broadcast(I, words[r + o4]).lanewise(VectorOperators.LSHL, t0).lanewise(VectorOperators.ASHR, up).add(z4)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c5 = c5.add(IntVector.broadcast(I, words[r + o5]).lanewise(VectorOperators.LSHL, t1).lanewise(VectorOperators.ASHR, up).add(z5)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c6 = c6.add(IntVector.broadcast(I, words[r + o6]).lanewise(VectorOperators.LSHL, t2).lanewise(VectorOperators.ASHR, up).add(z6)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
            c7 = c7.add(IntVector.broadcast(I, words[r + o7]).lanewise(VectorOperators.LSHL, t3).lanewise(VectorOperators.ASHR, up).add(z7)
                    .lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap).mul(a));
        }
        c0.intoArray(out, j0 + 0);
        c1.intoArray(out, j0 + 8);
        c2.intoArray(out, j0 + 16);
        c3.intoArray(out, j0 + 24);
        c4.intoArray(out, j0 + 32);
        c5.intoArray(out, j0 + 40);
        c6.intoArray(out, j0 + 48);
        c7.intoArray(out, j0 + 56);
    }
}
