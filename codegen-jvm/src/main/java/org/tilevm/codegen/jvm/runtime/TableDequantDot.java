package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The M = 1 path of {@link DequantDot} for codes of 1, 2 or 4 bits without row operations (the
 * stdlib's CPU program moves zero points and scales out of the dot): {@code out = c + a x codes};
 * also the integer form of {@link IntDequantDot} (W4A8).
 *
 * <p>The main idea is a <em>product table</em>. A code of at most 4 bits takes at most 16 values,
 * so for each row k the 16 possible products {@code a[k] * value(code)} are computed once, rounded
 * as the chain rounds them, and every weight of the row then costs a table lookup instead of a
 * mask, a conversion and a multiplication ({@code selectFrom}, whose index wraps modulo the table
 * length, so the bits of the neighbouring codes above a code need no mask). The table is one
 * vector of 16 with 512-bit vectors, two of 8 with 256-bit ones (the two-table {@code selectFrom});
 * for codes of fewer than 4 bits its entries repeat (entry e holds the value of {@code e & mask}),
 * and signed codes and float codes ({@code f4e2m1}, ...: {@link #runTable}) are just other tables. Exactness is untouched: a table entry is the very
 * product {@code round(a[k] * w)} the chain computes, and every column adds its products in
 * ascending k.
 *
 * <p>The second idea is the memory order. The rows are <em>streamed</em>: four rows at a time, each
 * read front to back in whole vectors (one cache line per load with 512-bit vectors), the sums of
 * all the tile's columns kept in {@code out} (in L1) between the four-row passes. Walking down k
 * within a narrow column strip instead, with the sums in registers, left each row's lines to be
 * fetched one by one; measured on one core over a 29 MB matrix, the streamed order took 2.2 ms
 * where the strip order took 3.4 ms (the bare read takes 0.7 ms). Columns come out in order:
 * the L columns of a group are the codes of one or two int lanes of the loaded vector, spread to
 * every lane by a constant {@code rearrange} and shifted per lane ({@link #SEL}, {@link #SHIFT}),
 * so nothing is permuted back afterwards.
 */
final class TableDequantDot {
    private TableDequantDot() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Lanes per vector (8 with AVX2, 16 with AVX-512); ints per vector load. */
    private static final int L = I.length();
    /** Whether one vector holds the 16-entry table (512-bit vectors), or two do. */
    private static final boolean ONE_TABLE = L >= 16;
    /** Rows per streamed pass. */
    private static final int ROWS = 4;

    /**
     * For codes of b bits, the q-th group of L columns of a loaded vector (L ints = 32L/b columns):
     * lane l takes int lane {@code SEL[b][q][l]} and shifts it right by {@code SHIFT[b][q][l]}, which
     * puts the code of column {@code L*q + l} in its low bits (no code straddles an int for b = 1, 2, 4).
     */
    @SuppressWarnings("unchecked")
    static final VectorShuffle<Integer>[][] SEL = new VectorShuffle[5][];
    static final IntVector[][] SHIFT = new IntVector[5][];
    /** Product tables' values, of 1, 2 and 4 bits, unsigned and signed, at {@code 2 * bits + (signed ? 1 : 0)}; the same as ints. */
    static final float[][] TABLES = new float[10][];
    static final int[][] INT_TABLES = new int[10][];

    static {
        for (int bits : new int[] {1, 2, 4}) {
            int groups = 32 / bits;
            SEL[bits] = new VectorShuffle[groups];
            SHIFT[bits] = new IntVector[groups];
            for (int q = 0; q < groups; q++) {
                int[] sel = new int[L], sh = new int[L];
                for (int l = 0; l < L; l++) {
                    int bit = (L * q + l) * bits;
                    sel[l] = bit / 32;
                    sh[l] = bit % 32;
                }
                SEL[bits][q] = VectorShuffle.fromArray(I, sel, 0);
                SHIFT[bits][q] = IntVector.fromArray(I, sh, 0);
            }
            for (int signed = 0; signed < 2; signed++) {
                float[] t = table(bits, signed == 1);
                TABLES[2 * bits + signed] = t;
                INT_TABLES[2 * bits + signed] = new int[t.length];
                for (int e = 0; e < t.length; e++) INT_TABLES[2 * bits + signed][e] = (int) t[e];
            }
        }
    }

    /** Whether this path may run ({@code -Dtilevm.jvm.table=false} turns it off, for comparisons). */
    static final boolean ENABLED = !"false".equals(System.getProperty("tilevm.jvm.table"));

    /** Whether the call is one of this path's: M = 1, no row operations, 1, 2 or 4 bits, whole vector loads per row. */
    static boolean handles(int bits, int n, int m, int op0, int op1) {
        if (!ENABLED || m != 1 || op0 != DequantDot.NONE || op1 != DequantDot.NONE) return false;
        if (bits == 8) return L == 16 && F.length() == L && n % 16 == 0; // bytes: see runBytes
        if (bits != 1 && bits != 2 && bits != 4) return false;
        return n % (L * 32 / bits) == 0 && F.length() == L && L * 2 >= 16;
    }

    /** The values of codes 0 .. 2L-1 (entry e: the code {@code e & mask}, sign-extended if signed). */
    private static float[] table(int bits, boolean signed) {
        float[] t = new float[2 * L];
        int mask = (1 << bits) - 1;
        for (int e = 0; e < t.length; e++) {
            int code = e & mask;
            t[e] = signed ? code << (32 - bits) >> (32 - bits) : code;
        }
        return t;
    }

    /** {@code out = c + a x codes} (f32; NaN results canonical); the tile's k rows of n codes from {@code origin}. */
    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n,
                    float[] a, float[] c, float[] out) {
        if (bits == 8) {
            runBytes(seg, origin, rowStride, signed, k, n, a, c, out);
            return;
        }
        runTable(seg, origin, rowStride, bits, TABLES[2 * bits + (signed ? 1 : 0)], k, n, a, c, out);
    }

    /**
     * {@link #run} with the codes' values given: {@code values[e]} for e below 2L is the value of code
     * {@code e & mask} (float codes, {@link DequantDot#runFloatCodes}).
     */
    static void runTable(MemorySegment seg, long origin, long rowStride, int bits, float[] values, int k, int n,
                         float[] a, float[] c, float[] out) {
        if (out != c) System.arraycopy(c, 0, out, 0, n);
        // values is passed as an array: a vector argument of a method is boxed
        int rowBytes = n * bits / 8, kk = 0;
        for (; kk + ROWS <= k; kk += ROWS) {
            if (bits == 4) nibbleRows4(seg, origin + kk * rowStride, rowStride, rowBytes, a, kk, values, out);
            else rows4(seg, origin + kk * rowStride, rowStride, rowBytes, bits, a, kk, values, out);
        }
        for (; kk < k; kk++) row1(seg, origin + kk * rowStride, rowBytes, bits, a[kk], values, out);
        F32Elementwise.canonicalize(out, n);
    }

    /** The product of the code in the low bits of each lane of {@code idx}: a lookup in the row's product table. */
    private static IntVector lookup(IntVector idx, IntVector t0, IntVector t1) {
        return ONE_TABLE ? idx.selectFrom(t0) : idx.selectFrom(t0, t1);
    }

    /** Rows kk .. kk+3 (from {@code at}, {@code rowStride} apart) added to the sums of every column in {@code out}. */
    private static void rows4(MemorySegment seg, long at, long rowStride, int rowBytes, int bits, float[] a, int kk,
                              float[] values, float[] out) {
        FloatVector lo = FloatVector.fromArray(F, values, 0), hi = FloatVector.fromArray(F, values, L);
        FloatVector a0 = FloatVector.broadcast(F, a[kk]), a1 = FloatVector.broadcast(F, a[kk + 1]);
        FloatVector a2 = FloatVector.broadcast(F, a[kk + 2]), a3 = FloatVector.broadcast(F, a[kk + 3]);
        IntVector t0 = lo.mul(a0).reinterpretAsInts(), u0 = ONE_TABLE ? t0 : hi.mul(a0).reinterpretAsInts();
        IntVector t1 = lo.mul(a1).reinterpretAsInts(), u1 = ONE_TABLE ? t1 : hi.mul(a1).reinterpretAsInts();
        IntVector t2 = lo.mul(a2).reinterpretAsInts(), u2 = ONE_TABLE ? t2 : hi.mul(a2).reinterpretAsInts();
        IntVector t3 = lo.mul(a3).reinterpretAsInts(), u3 = ONE_TABLE ? t3 : hi.mul(a3).reinterpretAsInts();
        VectorShuffle<Integer>[] sel = SEL[bits];
        IntVector[] shift = SHIFT[bits];
        int groups = 32 / bits;
        for (int b = 0, j = 0; b < rowBytes; b += 4 * L) {
            IntVector w0 = IntVector.fromMemorySegment(I, seg, at + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w1 = IntVector.fromMemorySegment(I, seg, at + rowStride + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w2 = IntVector.fromMemorySegment(I, seg, at + 2 * rowStride + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w3 = IntVector.fromMemorySegment(I, seg, at + 3 * rowStride + b, ByteOrder.LITTLE_ENDIAN);
            for (int q = 0; q < groups; q++, j += L) {
                VectorShuffle<Integer> s = sel[q];
                IntVector sh = shift[q];
                FloatVector acc = FloatVector.fromArray(F, out, j);
                acc = acc.add(lookup(w0.rearrange(s).lanewise(VectorOperators.LSHR, sh), t0, u0).reinterpretAsFloats());
                acc = acc.add(lookup(w1.rearrange(s).lanewise(VectorOperators.LSHR, sh), t1, u1).reinterpretAsFloats());
                acc = acc.add(lookup(w2.rearrange(s).lanewise(VectorOperators.LSHR, sh), t2, u2).reinterpretAsFloats());
                acc = acc.add(lookup(w3.rearrange(s).lanewise(VectorOperators.LSHR, sh), t3, u3).reinterpretAsFloats());
                acc.intoArray(out, j);
            }
        }
    }

    /**
     * {@link #rows4} for 4-bit codes, written out again with the group loop's trip count a constant
     * (8): C2 then unrolls it and hoists the eight shuffles and shift vectors out of the row loop,
     * which took the pass from 2.65 to 2.4 ms over a 29 MB matrix on one core. A shared helper would
     * take the vectors as arguments, which C2 boxes whenever it does not inline the call.
     */
    private static void nibbleRows4(MemorySegment seg, long at, long rowStride, int rowBytes, float[] a, int kk,
                                    float[] values, float[] out) {
        FloatVector lo = FloatVector.fromArray(F, values, 0), hi = FloatVector.fromArray(F, values, L);
        FloatVector a0 = FloatVector.broadcast(F, a[kk]), a1 = FloatVector.broadcast(F, a[kk + 1]);
        FloatVector a2 = FloatVector.broadcast(F, a[kk + 2]), a3 = FloatVector.broadcast(F, a[kk + 3]);
        IntVector t0 = lo.mul(a0).reinterpretAsInts(), u0 = ONE_TABLE ? t0 : hi.mul(a0).reinterpretAsInts();
        IntVector t1 = lo.mul(a1).reinterpretAsInts(), u1 = ONE_TABLE ? t1 : hi.mul(a1).reinterpretAsInts();
        IntVector t2 = lo.mul(a2).reinterpretAsInts(), u2 = ONE_TABLE ? t2 : hi.mul(a2).reinterpretAsInts();
        IntVector t3 = lo.mul(a3).reinterpretAsInts(), u3 = ONE_TABLE ? t3 : hi.mul(a3).reinterpretAsInts();
        VectorShuffle<Integer>[] sel = SEL[4];
        IntVector[] shift = SHIFT[4];
        for (int b = 0, j = 0; b < rowBytes; b += 4 * L) {
            IntVector w0 = IntVector.fromMemorySegment(I, seg, at + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w1 = IntVector.fromMemorySegment(I, seg, at + rowStride + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w2 = IntVector.fromMemorySegment(I, seg, at + 2 * rowStride + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w3 = IntVector.fromMemorySegment(I, seg, at + 3 * rowStride + b, ByteOrder.LITTLE_ENDIAN);
            for (int q = 0; q < 8; q++, j += L) {
                VectorShuffle<Integer> s = sel[q];
                IntVector sh = shift[q];
                FloatVector acc = FloatVector.fromArray(F, out, j);
                acc = acc.add(lookup(w0.rearrange(s).lanewise(VectorOperators.LSHR, sh), t0, u0).reinterpretAsFloats());
                acc = acc.add(lookup(w1.rearrange(s).lanewise(VectorOperators.LSHR, sh), t1, u1).reinterpretAsFloats());
                acc = acc.add(lookup(w2.rearrange(s).lanewise(VectorOperators.LSHR, sh), t2, u2).reinterpretAsFloats());
                acc = acc.add(lookup(w3.rearrange(s).lanewise(VectorOperators.LSHR, sh), t3, u3).reinterpretAsFloats());
                acc.intoArray(out, j);
            }
        }
    }

    /** One row (the k % 4 rows after the four-row passes). */
    private static void row1(MemorySegment seg, long at, int rowBytes, int bits, float ak, float[] values, float[] out) {
        FloatVector av = FloatVector.broadcast(F, ak);
        IntVector t = FloatVector.fromArray(F, values, 0).mul(av).reinterpretAsInts();
        IntVector u = ONE_TABLE ? t : FloatVector.fromArray(F, values, L).mul(av).reinterpretAsInts();
        int groups = 32 / bits;
        for (int b = 0, j = 0; b < rowBytes; b += 4 * L) {
            IntVector w = IntVector.fromMemorySegment(I, seg, at + b, ByteOrder.LITTLE_ENDIAN);
            for (int q = 0; q < groups; q++, j += L) {
                FloatVector acc = FloatVector.fromArray(F, out, j);
                acc.add(lookup(w.rearrange(SEL[bits][q]).lanewise(VectorOperators.LSHR, SHIFT[bits][q]), t, u).reinterpretAsFloats())
                        .intoArray(out, j);
            }
        }
    }

    // ---------------------------------------------------------------- 8-bit codes (16 lanes)

    private static final VectorSpecies<Byte> B16 = jdk.incubator.vector.ByteVector.SPECIES_128;

    /**
     * 8-bit codes: no table (256 values), but the same streamed order: 16 codes are one 16-byte load,
     * widened to 16 int lanes (sign- or zero-extended), converted to f32 (exact), multiplied by
     * {@code a[k]} and added, two rows per pass.
     */
    private static void runBytes(MemorySegment seg, long origin, long rowStride, boolean signed, int k, int n,
                                 float[] a, float[] c, float[] out) {
        if (out != c) System.arraycopy(c, 0, out, 0, n);
        int kk = 0;
        for (; kk + 2 <= k; kk += 2) {
            if (signed) signedBytes2(seg, origin + kk * rowStride, rowStride, n, a[kk], a[kk + 1], out);
            else unsignedBytes2(seg, origin + kk * rowStride, rowStride, n, a[kk], a[kk + 1], out);
        }
        if (kk < k) { // the last row alone: the second row's factor multiplies nothing
            if (signed) signedBytes1(seg, origin + kk * rowStride, n, a[kk], out);
            else unsignedBytes1(seg, origin + kk * rowStride, n, a[kk], out);
        }
        F32Elementwise.canonicalize(out, n);
    }

    private static void signedBytes2(MemorySegment seg, long at, long rowStride, int n, float a0, float a1, float[] out) {
        long r1 = at + rowStride;
        for (int j = 0; j < n; j += 16) {
            FloatVector w0 = (FloatVector) jdk.incubator.vector.ByteVector.fromMemorySegment(B16, seg, at + j, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2F, F, 0);
            FloatVector w1 = (FloatVector) jdk.incubator.vector.ByteVector.fromMemorySegment(B16, seg, r1 + j, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2F, F, 0);
            FloatVector.fromArray(F, out, j).add(w0.mul(a0)).add(w1.mul(a1)).intoArray(out, j);
        }
    }

    private static void unsignedBytes2(MemorySegment seg, long at, long rowStride, int n, float a0, float a1, float[] out) {
        long r1 = at + rowStride;
        for (int j = 0; j < n; j += 16) {
            FloatVector w0 = (FloatVector) ((IntVector) jdk.incubator.vector.ByteVector.fromMemorySegment(B16, seg, at + j, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0)).convertShape(VectorOperators.I2F, F, 0);
            FloatVector w1 = (FloatVector) ((IntVector) jdk.incubator.vector.ByteVector.fromMemorySegment(B16, seg, r1 + j, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0)).convertShape(VectorOperators.I2F, F, 0);
            FloatVector.fromArray(F, out, j).add(w0.mul(a0)).add(w1.mul(a1)).intoArray(out, j);
        }
    }

    private static void signedBytes1(MemorySegment seg, long at, int n, float a0, float[] out) {
        for (int j = 0; j < n; j += 16) {
            FloatVector w0 = (FloatVector) jdk.incubator.vector.ByteVector.fromMemorySegment(B16, seg, at + j, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2F, F, 0);
            FloatVector.fromArray(F, out, j).add(w0.mul(a0)).intoArray(out, j);
        }
    }

    private static void unsignedBytes1(MemorySegment seg, long at, int n, float a0, float[] out) {
        for (int j = 0; j < n; j += 16) {
            FloatVector w0 = (FloatVector) ((IntVector) jdk.incubator.vector.ByteVector.fromMemorySegment(B16, seg, at + j, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0)).convertShape(VectorOperators.I2F, F, 0);
            FloatVector.fromArray(F, out, j).add(w0.mul(a0)).intoArray(out, j);
        }
    }

    /** Whether the integer form ({@link IntDequantDot}: i32 sums of a's T values times the codes) runs here: as {@link #handles}. */
    static boolean handlesInt(int bits, int n, int m, int op0, int op1) { return bits != 8 && handles(bits, n, m, op0, op1); }

    /**
     * The integer form: table entries {@code wrapT(a[k]) * value} in i32 (the chain's product, wrapping
     * alike), sums wrapping in i32; integer addition is associative, so the order is free anyway.
     */
    static void runInt(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n, int tBits,
                       int[] a, int[] c, int[] out) {
        if (out != c) System.arraycopy(c, 0, out, 0, n);
        int[] values = INT_TABLES[2 * bits + (signed ? 1 : 0)];
        int rowBytes = n * bits / 8;
        for (int kk = 0; kk < k; kk += ROWS) {
            int rows = Math.min(ROWS, k - kk);
            // the missing rows of a last short pass multiply by 0: adding 0 to an integer changes nothing
            int a0 = IntDequantDot.wrap(a[kk], tBits), a1 = rows > 1 ? IntDequantDot.wrap(a[kk + 1], tBits) : 0;
            int a2 = rows > 2 ? IntDequantDot.wrap(a[kk + 2], tBits) : 0, a3 = rows > 3 ? IntDequantDot.wrap(a[kk + 3], tBits) : 0;
            long at = origin + kk * rowStride;
            // a short pass re-reads its last row in place of the missing ones (always inside the tile)
            long r1 = at + Math.min(1, rows - 1) * rowStride, r2 = at + Math.min(2, rows - 1) * rowStride;
            long r3 = at + Math.min(3, rows - 1) * rowStride;
            intRows4(seg, at, r1, r2, r3, rowBytes, bits, a0, a1, a2, a3, values, out);
        }
    }

    private static void intRows4(MemorySegment seg, long r0, long r1, long r2, long r3, int rowBytes, int bits,
                                 int a0, int a1, int a2, int a3, int[] values, int[] out) {
        IntVector lo = IntVector.fromArray(I, values, 0), hi = IntVector.fromArray(I, values, L);
        IntVector t0 = lo.mul(a0), u0 = ONE_TABLE ? t0 : hi.mul(a0);
        IntVector t1 = lo.mul(a1), u1 = ONE_TABLE ? t1 : hi.mul(a1);
        IntVector t2 = lo.mul(a2), u2 = ONE_TABLE ? t2 : hi.mul(a2);
        IntVector t3 = lo.mul(a3), u3 = ONE_TABLE ? t3 : hi.mul(a3);
        VectorShuffle<Integer>[] sel = SEL[bits];
        IntVector[] shift = SHIFT[bits];
        int groups = 32 / bits;
        for (int b = 0, j = 0; b < rowBytes; b += 4 * L) {
            IntVector w0 = IntVector.fromMemorySegment(I, seg, r0 + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w1 = IntVector.fromMemorySegment(I, seg, r1 + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w2 = IntVector.fromMemorySegment(I, seg, r2 + b, ByteOrder.LITTLE_ENDIAN);
            IntVector w3 = IntVector.fromMemorySegment(I, seg, r3 + b, ByteOrder.LITTLE_ENDIAN);
            for (int q = 0; q < groups; q++, j += L) {
                VectorShuffle<Integer> s = sel[q];
                IntVector sh = shift[q];
                IntVector.fromArray(I, out, j)
                        .add(lookup(w0.rearrange(s).lanewise(VectorOperators.LSHR, sh), t0, u0))
                        .add(lookup(w1.rearrange(s).lanewise(VectorOperators.LSHR, sh), t1, u1))
                        .add(lookup(w2.rearrange(s).lanewise(VectorOperators.LSHR, sh), t2, u2))
                        .add(lookup(w3.rearrange(s).lanewise(VectorOperators.LSHR, sh), t3, u3))
                        .intoArray(out, j);
            }
        }
    }
}
