package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
                    int op0, int tBits, int[] a, int[] c, int[] out, byte[] bytes) {
        int rowBytes = n * bits / 8;
        for (int kk = 0; kk < k; kk++) {
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, origin + kk * rowStride, bytes, kk * rowBytes, rowBytes);
        }
        int[] sh = new int[8];
        for (int l = 0; l < 8; l++) sh[l] = signed ? 32 - bits - l * bits : l * bits;
        IntVector shifts = IntVector.fromArray(I, sh, 0);
        int[] av = new int[k];
        for (int kk = 0; kk < k; kk++) av[kk] = IntDequantDot.wrap(a[kk], tBits);
        int[] row = row0 == null || op0 == DequantDot.NONE ? null : row0;
        boolean negate = op0 == DequantDot.SUB;
        for (int j0 = 0; j0 < n; j0 += 64) {
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

    private static void passUnsigned(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, int[] r,
                                     boolean negate, int wrap, int[] av, int[] c, int[] out) {
        int mask = (1 << bits) - 1;
        IntVector c0 = IntVector.fromArray(I, c, j0 + 0), z0 = row(r, j0 + 0, negate, wrap);
        IntVector c1 = IntVector.fromArray(I, c, j0 + 8), z1 = row(r, j0 + 8, negate, wrap);
        IntVector c2 = IntVector.fromArray(I, c, j0 + 16), z2 = row(r, j0 + 16, negate, wrap);
        IntVector c3 = IntVector.fromArray(I, c, j0 + 24), z3 = row(r, j0 + 24, negate, wrap);
        IntVector c4 = IntVector.fromArray(I, c, j0 + 32), z4 = row(r, j0 + 32, negate, wrap);
        IntVector c5 = IntVector.fromArray(I, c, j0 + 40), z5 = row(r, j0 + 40, negate, wrap);
        IntVector c6 = IntVector.fromArray(I, c, j0 + 48), z6 = row(r, j0 + 48, negate, wrap);
        IntVector c7 = IntVector.fromArray(I, c, j0 + 56), z7 = row(r, j0 + 56, negate, wrap);
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

    private static void passSigned(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, int[] r,
                                     boolean negate, int wrap, int[] av, int[] c, int[] out) {
        int up = 32 - bits;
        IntVector c0 = IntVector.fromArray(I, c, j0 + 0), z0 = row(r, j0 + 0, negate, wrap);
        IntVector c1 = IntVector.fromArray(I, c, j0 + 8), z1 = row(r, j0 + 8, negate, wrap);
        IntVector c2 = IntVector.fromArray(I, c, j0 + 16), z2 = row(r, j0 + 16, negate, wrap);
        IntVector c3 = IntVector.fromArray(I, c, j0 + 24), z3 = row(r, j0 + 24, negate, wrap);
        IntVector c4 = IntVector.fromArray(I, c, j0 + 32), z4 = row(r, j0 + 32, negate, wrap);
        IntVector c5 = IntVector.fromArray(I, c, j0 + 40), z5 = row(r, j0 + 40, negate, wrap);
        IntVector c6 = IntVector.fromArray(I, c, j0 + 48), z6 = row(r, j0 + 48, negate, wrap);
        IntVector c7 = IntVector.fromArray(I, c, j0 + 56), z7 = row(r, j0 + 56, negate, wrap);
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

}
