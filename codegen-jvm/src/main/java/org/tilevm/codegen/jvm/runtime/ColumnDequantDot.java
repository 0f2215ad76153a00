package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The M = 1 path of {@link DequantDot} for codes of 1 to 4 bits and row operations of the form
 * {@code (w + A) * M}: the tile's packed rows are copied into a byte array (one bulk copy per row,
 * which the hardware prefetcher streams), then 64 columns at a time are accumulated over the k
 * rows with their eight 8-column sums in registers. The 8 codes of a column group are
 * {@code bits} bytes, read as one little-endian int (the array has slack for the bytes past a
 * row's end), broadcast to the 8 lanes and shifted per lane ({@code lane l >>> l*bits}, or for
 * signed codes {@code << (32 - bits - l*bits)} then {@code >> (32 - bits)}): the columns come out
 * in order, so the sums, the row operands and C are plain contiguous vectors. Each column is its
 * own chain {@code acc = acc + ((code + A) * M) * a[k]} in ascending k: exact.
 */
final class ColumnDequantDot {
    private ColumnDequantDot() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes read past the last code of the tile (a word of 4 bytes for a group of fewer). */
    static final int SLACK = 4;

    static boolean handles(int bits, int n, int m, int op0, int op1) {
        return m == 1 && bits <= 4 && n % 64 == 0 && RowForm.fits(op0, op1);
    }

    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n,
                    float[] row0, int op0, float[] row1, int op1, float[] a, float[] c, float[] out, byte[] bytes, int[] words) {
        int rowBytes = n * bits / 8;
        boolean asInts = 4 % bits == 0; // 1, 2, 4 bits: a group never crosses an int
        if (asInts) TileRows.toInts(seg, origin, rowStride, k, rowBytes, words);
        else TileRows.toBytes(seg, origin, rowStride, k, rowBytes, bytes);
        RowForm rows = RowForm.of(row0, op0, row1, op1);
        float[] add = rows.add(), mul = rows.mul();
        boolean negate = rows.negate();
        int[] sh = new int[8], lanes = new int[8];
        for (int l = 0; l < 8; l++) {
            sh[l] = signed ? 32 - bits - l * bits : l * bits;
            lanes[l] = l * bits;
        }
        IntVector shifts = IntVector.fromArray(I, sh, 0);
        for (int j0 = 0; j0 < n; j0 += 64) {
            if (asInts) {
                int at = j0 / 8 * bits / 4, rowInts = rowBytes / 4;
                if (signed && mul != null) wordsSignedScaled(words, rowInts, at, k, bits, lanes, j0, add, negate, mul, a, c, out);
                else if (signed) wordsSigned(words, rowInts, at, k, bits, lanes, j0, add, negate, mul, a, c, out);
                else if (mul != null) wordsUnsignedScaled(words, rowInts, at, k, bits, lanes, j0, add, negate, mul, a, c, out);
                else wordsUnsigned(words, rowInts, at, k, bits, lanes, j0, add, negate, mul, a, c, out);
                continue;
            }
            int at = j0 / 8 * bits;
            if (signed && mul != null) passSignedScaled(bytes, rowBytes, at, k, bits, shifts, j0, add, negate, mul, a, c, out);
            else if (signed) passSigned(bytes, rowBytes, at, k, bits, shifts, j0, add, negate, mul, a, c, out);
            else if (mul != null) passUnsignedScaled(bytes, rowBytes, at, k, bits, shifts, j0, add, negate, mul, a, c, out);
            else passUnsigned(bytes, rowBytes, at, k, bits, shifts, j0, add, negate, mul, a, c, out);
        }
    }

    /** The additive row's 8 columns from j (negated for a subtraction), or -0.0, the identity of +. */
    private static FloatVector addRow(float[] add, int j, boolean negate) {
        if (add == null) return FloatVector.broadcast(F, -0f);
        FloatVector v = FloatVector.fromArray(F, add, j);
        return negate ? v.neg() : v;
    }

    /** Writes 8 sums, NaN as the canonical NaN. */
    private static void store(FloatVector v, float[] out, int j) {
        v.blend(Float.NaN, v.compare(VectorOperators.NE, v)) /* NaN != NaN: less to inline than test(IS_NAN) */.intoArray(out, j);
    }

    // The four passes differ only in the code extraction (signedness) and in whether a scale row
    // multiplies; they are written out because C2 keeps the vectors of a pass in registers only
    // when everything is inlined within its per-method budget.

    private static void passUnsigned(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, float[] add,
                                       boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int mask = (1 << bits) - 1;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        for (int kk = 0, r = at; kk < k; kk++, r += rowBytes) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 0 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 1 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 2 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 3 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 4 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 5 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 6 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 7 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }

    private static void passUnsignedScaled(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, float[] add,
                                       boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int mask = (1 << bits) - 1;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector s0 = FloatVector.fromArray(F, mul, j0 + 0);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector s1 = FloatVector.fromArray(F, mul, j0 + 8);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector s2 = FloatVector.fromArray(F, mul, j0 + 16);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector s3 = FloatVector.fromArray(F, mul, j0 + 24);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector s4 = FloatVector.fromArray(F, mul, j0 + 32);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector s5 = FloatVector.fromArray(F, mul, j0 + 40);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector s6 = FloatVector.fromArray(F, mul, j0 + 48);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        FloatVector s7 = FloatVector.fromArray(F, mul, j0 + 56);
        for (int kk = 0, r = at; kk < k; kk++, r += rowBytes) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 0 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(s0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 1 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(s1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 2 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(s2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 3 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(s3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 4 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(s4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 5 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(s5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 6 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(s6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 7 * bits)).lanewise(VectorOperators.LSHR, shifts).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(s7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }

    private static void passSigned(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, float[] add,
                                       boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int up = 32 - bits;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        for (int kk = 0, r = at; kk < k; kk++, r += rowBytes) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 0 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 1 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 2 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 3 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 4 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 5 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 6 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 7 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }

    private static void passSignedScaled(byte[] bytes, int rowBytes, int at, int k, int bits, IntVector shifts, int j0, float[] add,
                                       boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int up = 32 - bits;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector s0 = FloatVector.fromArray(F, mul, j0 + 0);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector s1 = FloatVector.fromArray(F, mul, j0 + 8);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector s2 = FloatVector.fromArray(F, mul, j0 + 16);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector s3 = FloatVector.fromArray(F, mul, j0 + 24);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector s4 = FloatVector.fromArray(F, mul, j0 + 32);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector s5 = FloatVector.fromArray(F, mul, j0 + 40);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector s6 = FloatVector.fromArray(F, mul, j0 + 48);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        FloatVector s7 = FloatVector.fromArray(F, mul, j0 + 56);
        for (int kk = 0, r = at; kk < k; kk++, r += rowBytes) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 0 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(s0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 1 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(s1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 2 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(s2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 3 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(s3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 4 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(s4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 5 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(s5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 6 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(s6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, (int) INT_LE.get(bytes, r + 7 * bits)).lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(s7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }

    /** lanes[l] * sign + offset: the per-lane shifts of a group whose bits start {@code offset} bits into its int. */
    private static IntVector shiftVector(int[] lanes, int offset, int sign) {
        return IntVector.fromArray(I, lanes, 0).mul(sign).add(offset);
    }

    private static void wordsUnsigned(int[] words, int rowInts, int at, int k, int bits, int[] lanes, int j0, float[] add,
                                     boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int up = 32 - bits, mask = (1 << bits) - 1;
        // group q of the run: int (q*bits)/4 from the run start, its bits from 8*((q*bits)%4) on; the lane shifts absorb that offset
        IntVector t0 = shiftVector(lanes, 8 * (0 * bits % 4), 1);
        IntVector t1 = shiftVector(lanes, 8 * (1 * bits % 4), 1);
        IntVector t2 = shiftVector(lanes, 8 * (2 * bits % 4), 1);
        IntVector t3 = shiftVector(lanes, 8 * (3 * bits % 4), 1);
        int o1 = bits >> 2, o2 = 2 * bits >> 2, o3 = 3 * bits >> 2, o4 = bits, o5 = 5 * bits >> 2, o6 = 6 * bits >> 2, o7 = 7 * bits >> 2;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        for (int kk = 0, r = at; kk < k; kk++, r += rowInts) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, words[r]).lanewise(VectorOperators.LSHR, t0).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, words[r + o1]).lanewise(VectorOperators.LSHR, t1).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, words[r + o2]).lanewise(VectorOperators.LSHR, t2).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, words[r + o3]).lanewise(VectorOperators.LSHR, t3).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, words[r + o4]).lanewise(VectorOperators.LSHR, t0).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, words[r + o5]).lanewise(VectorOperators.LSHR, t1).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, words[r + o6]).lanewise(VectorOperators.LSHR, t2).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, words[r + o7]).lanewise(VectorOperators.LSHR, t3).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }

    private static void wordsUnsignedScaled(int[] words, int rowInts, int at, int k, int bits, int[] lanes, int j0, float[] add,
                                     boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int up = 32 - bits, mask = (1 << bits) - 1;
        // group q of the run: int (q*bits)/4 from the run start, its bits from 8*((q*bits)%4) on; the lane shifts absorb that offset
        IntVector t0 = shiftVector(lanes, 8 * (0 * bits % 4), 1);
        IntVector t1 = shiftVector(lanes, 8 * (1 * bits % 4), 1);
        IntVector t2 = shiftVector(lanes, 8 * (2 * bits % 4), 1);
        IntVector t3 = shiftVector(lanes, 8 * (3 * bits % 4), 1);
        int o1 = bits >> 2, o2 = 2 * bits >> 2, o3 = 3 * bits >> 2, o4 = bits, o5 = 5 * bits >> 2, o6 = 6 * bits >> 2, o7 = 7 * bits >> 2;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector s0 = FloatVector.fromArray(F, mul, j0 + 0);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector s1 = FloatVector.fromArray(F, mul, j0 + 8);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector s2 = FloatVector.fromArray(F, mul, j0 + 16);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector s3 = FloatVector.fromArray(F, mul, j0 + 24);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector s4 = FloatVector.fromArray(F, mul, j0 + 32);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector s5 = FloatVector.fromArray(F, mul, j0 + 40);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector s6 = FloatVector.fromArray(F, mul, j0 + 48);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        FloatVector s7 = FloatVector.fromArray(F, mul, j0 + 56);
        for (int kk = 0, r = at; kk < k; kk++, r += rowInts) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, words[r]).lanewise(VectorOperators.LSHR, t0).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(s0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, words[r + o1]).lanewise(VectorOperators.LSHR, t1).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(s1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, words[r + o2]).lanewise(VectorOperators.LSHR, t2).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(s2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, words[r + o3]).lanewise(VectorOperators.LSHR, t3).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(s3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, words[r + o4]).lanewise(VectorOperators.LSHR, t0).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(s4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, words[r + o5]).lanewise(VectorOperators.LSHR, t1).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(s5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, words[r + o6]).lanewise(VectorOperators.LSHR, t2).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(s6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, words[r + o7]).lanewise(VectorOperators.LSHR, t3).and(mask)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(s7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }

    private static void wordsSigned(int[] words, int rowInts, int at, int k, int bits, int[] lanes, int j0, float[] add,
                                     boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int up = 32 - bits, mask = (1 << bits) - 1;
        // group q of the run: int (q*bits)/4 from the run start, its bits from 8*((q*bits)%4) on; the lane shifts absorb that offset
        IntVector t0 = shiftVector(lanes, 32 - bits - 8 * (0 * bits % 4), -1);
        IntVector t1 = shiftVector(lanes, 32 - bits - 8 * (1 * bits % 4), -1);
        IntVector t2 = shiftVector(lanes, 32 - bits - 8 * (2 * bits % 4), -1);
        IntVector t3 = shiftVector(lanes, 32 - bits - 8 * (3 * bits % 4), -1);
        int o1 = bits >> 2, o2 = 2 * bits >> 2, o3 = 3 * bits >> 2, o4 = bits, o5 = 5 * bits >> 2, o6 = 6 * bits >> 2, o7 = 7 * bits >> 2;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        for (int kk = 0, r = at; kk < k; kk++, r += rowInts) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, words[r]).lanewise(VectorOperators.LSHL, t0).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, words[r + o1]).lanewise(VectorOperators.LSHL, t1).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, words[r + o2]).lanewise(VectorOperators.LSHL, t2).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, words[r + o3]).lanewise(VectorOperators.LSHL, t3).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, words[r + o4]).lanewise(VectorOperators.LSHL, t0).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, words[r + o5]).lanewise(VectorOperators.LSHL, t1).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, words[r + o6]).lanewise(VectorOperators.LSHL, t2).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, words[r + o7]).lanewise(VectorOperators.LSHL, t3).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }

    private static void wordsSignedScaled(int[] words, int rowInts, int at, int k, int bits, int[] lanes, int j0, float[] add,
                                     boolean negate, float[] mul, float[] a, float[] c, float[] out) {
        int up = 32 - bits, mask = (1 << bits) - 1;
        // group q of the run: int (q*bits)/4 from the run start, its bits from 8*((q*bits)%4) on; the lane shifts absorb that offset
        IntVector t0 = shiftVector(lanes, 32 - bits - 8 * (0 * bits % 4), -1);
        IntVector t1 = shiftVector(lanes, 32 - bits - 8 * (1 * bits % 4), -1);
        IntVector t2 = shiftVector(lanes, 32 - bits - 8 * (2 * bits % 4), -1);
        IntVector t3 = shiftVector(lanes, 32 - bits - 8 * (3 * bits % 4), -1);
        int o1 = bits >> 2, o2 = 2 * bits >> 2, o3 = 3 * bits >> 2, o4 = bits, o5 = 5 * bits >> 2, o6 = 6 * bits >> 2, o7 = 7 * bits >> 2;
        FloatVector c0 = FloatVector.fromArray(F, c, j0 + 0), z0 = addRow(add, j0 + 0, negate);
        FloatVector s0 = FloatVector.fromArray(F, mul, j0 + 0);
        FloatVector c1 = FloatVector.fromArray(F, c, j0 + 8), z1 = addRow(add, j0 + 8, negate);
        FloatVector s1 = FloatVector.fromArray(F, mul, j0 + 8);
        FloatVector c2 = FloatVector.fromArray(F, c, j0 + 16), z2 = addRow(add, j0 + 16, negate);
        FloatVector s2 = FloatVector.fromArray(F, mul, j0 + 16);
        FloatVector c3 = FloatVector.fromArray(F, c, j0 + 24), z3 = addRow(add, j0 + 24, negate);
        FloatVector s3 = FloatVector.fromArray(F, mul, j0 + 24);
        FloatVector c4 = FloatVector.fromArray(F, c, j0 + 32), z4 = addRow(add, j0 + 32, negate);
        FloatVector s4 = FloatVector.fromArray(F, mul, j0 + 32);
        FloatVector c5 = FloatVector.fromArray(F, c, j0 + 40), z5 = addRow(add, j0 + 40, negate);
        FloatVector s5 = FloatVector.fromArray(F, mul, j0 + 40);
        FloatVector c6 = FloatVector.fromArray(F, c, j0 + 48), z6 = addRow(add, j0 + 48, negate);
        FloatVector s6 = FloatVector.fromArray(F, mul, j0 + 48);
        FloatVector c7 = FloatVector.fromArray(F, c, j0 + 56), z7 = addRow(add, j0 + 56, negate);
        FloatVector s7 = FloatVector.fromArray(F, mul, j0 + 56);
        for (int kk = 0, r = at; kk < k; kk++, r += rowInts) {
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) IntVector.broadcast(I, words[r]).lanewise(VectorOperators.LSHL, t0).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(s0).mul(av));
            c1 = c1.add(((FloatVector) IntVector.broadcast(I, words[r + o1]).lanewise(VectorOperators.LSHL, t1).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(s1).mul(av));
            c2 = c2.add(((FloatVector) IntVector.broadcast(I, words[r + o2]).lanewise(VectorOperators.LSHL, t2).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(s2).mul(av));
            c3 = c3.add(((FloatVector) IntVector.broadcast(I, words[r + o3]).lanewise(VectorOperators.LSHL, t3).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(s3).mul(av));
            c4 = c4.add(((FloatVector) IntVector.broadcast(I, words[r + o4]).lanewise(VectorOperators.LSHL, t0).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(s4).mul(av));
            c5 = c5.add(((FloatVector) IntVector.broadcast(I, words[r + o5]).lanewise(VectorOperators.LSHL, t1).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(s5).mul(av));
            c6 = c6.add(((FloatVector) IntVector.broadcast(I, words[r + o6]).lanewise(VectorOperators.LSHL, t2).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(s6).mul(av));
            c7 = c7.add(((FloatVector) IntVector.broadcast(I, words[r + o7]).lanewise(VectorOperators.LSHL, t3).lanewise(VectorOperators.ASHR, up)
                    .convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(s7).mul(av));
        }
        store(c0, out, j0 + 0);
        store(c1, out, j0 + 8);
        store(c2, out, j0 + 16);
        store(c3, out, j0 + 24);
        store(c4, out, j0 + 32);
        store(c5, out, j0 + 40);
        store(c6, out, j0 + 48);
        store(c7, out, j0 + 56);
    }
}
