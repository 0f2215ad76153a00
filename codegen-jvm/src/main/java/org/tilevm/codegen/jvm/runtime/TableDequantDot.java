package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The M = 1 path of {@link DequantDot} for codes of 1, 2 or 4 bits without row operations (the
 * stdlib's CPU program moves zero points and scales out of the dot): {@code out = c + a x codes};
 * also the integer form of {@link IntDequantDot} (W4A8) for 4-bit codes.
 *
 * <p>The main idea is a <em>product table</em>. A code of at most 4 bits takes at most 16 values,
 * so for each row k the 16 possible products {@code a[k] * value(code)} are computed once, rounded
 * as the chain rounds them, and every weight of the row then costs a table lookup instead of a
 * mask, a conversion and a multiplication: per vector of codes one shift, one lane permutation
 * ({@code selectFrom}, whose index wraps modulo the table length, so the bits of the neighbouring
 * codes above the code need no mask) and one add. The table is one vector of 16 floats with
 * 512-bit vectors, two of 8 with 256-bit ones (the two-table {@code selectFrom}); for codes of
 * fewer than 4 bits its entries repeat (entry e holds the value of {@code e & mask}), and signed
 * codes are just another table. Exactness is untouched: a table entry is the very product
 * {@code round(a[k] * w)} the chain computes, added in ascending k, column by column.
 *
 * <p>Two ways to bring codes into lanes:
 * <ul>
 * <li><b>Columns</b> (4-bit codes, 16 lanes: the quantized matmul on AVX-512), read straight from
 *     the global segment: the 8 bytes of 16
 *     columns are one long, broadcast to the 8 long lanes and seen as 16 int lanes, even lanes
 *     the low int (columns 0..7), odd lanes the high one (8..15); a per-lane shift of
 *     {@code 4 * (l / 2)} puts column {@code PI[l] = (l % 2) * 8 + l / 2} into lane l. The sums of
 *     16 columns stay in that order over the k rows and are permuted back with one
 *     {@code rearrange} each when written: nothing per weight beyond shift, lookup, add.</li>
 * <li><b>Phases</b> (the other widths and lane counts), as in {@link PhasedDequantDot}: the tile's
 *     packed rows copied as ints ({@link TileRows}), one vector
 *     load gives L int lanes, and phase p of lane l is the column {@code l * P + p}
 *     ({@code P = 32 / bits} codes per int). The sums are brought into and out of phase order once
 *     per pass by scalar loops.</li>
 * </ul>
 * Either way the sums (eight vectors, or four in the column order) stay in registers over the k
 * rows of a pass.
 */
final class TableDequantDot {
    private TableDequantDot() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Lanes per vector (8 with AVX2, 16 with AVX-512). */
    private static final int L = I.length();
    /** Whether one vector holds the 16-entry table (512-bit vectors), or two do. */
    private static final boolean ONE_TABLE = L >= 16;
    /** Phases per pass: sums held in registers. */
    private static final int PASS = 8;

    private static final VectorSpecies<Long> LS = VectorSpecies.of(long.class, I.vectorShape());
    /** The column order (4 bits, 16 lanes): lane l holds column {@code PI[l]} of its 16. */
    private static final boolean COLUMNS = L == 16;
    private static final int[] PI = java.util.stream.IntStream.range(0, 16).map(l -> (l % 2) * 8 + l / 2).toArray();
    /** Per-lane shifts of the column order; shuffles from column order to lane order and back (16 lanes only). */
    private static final IntVector SHIFTS = COLUMNS ? IntVector.fromArray(I, java.util.stream.IntStream.range(0, 16).map(l -> 4 * (l / 2)).toArray(), 0) : null;
    private static final VectorShuffle<Float> TO_LANES = COLUMNS ? VectorShuffle.fromArray(F, PI, 0) : null;
    private static final VectorShuffle<Float> TO_COLUMNS = COLUMNS ? VectorShuffle.fromArray(F, inverse(PI), 0) : null;
    private static final VectorShuffle<Integer> TO_LANES_I = COLUMNS ? VectorShuffle.fromArray(I, PI, 0) : null;
    private static final VectorShuffle<Integer> TO_COLUMNS_I = COLUMNS ? VectorShuffle.fromArray(I, inverse(PI), 0) : null;
    /** Columns per column-order pass: eight vectors of 16. */
    private static final int COLUMN_PASS = 128;

    private static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int l = 0; l < p.length; l++) inv[p[l]] = l;
        return inv;
    }

    /** Whether this path may run ({@code -Dtilevm.jvm.table=false} turns it off, for comparisons). */
    static final boolean ENABLED = !"false".equals(System.getProperty("tilevm.jvm.table"));

    /** Floats of scratch a call needs: the pass state. */
    static final int STATE = PASS * 16;

    static boolean handles(int bits, int n, int m, int op0, int op1) {
        if (!ENABLED || m != 1 || op0 != DequantDot.NONE || op1 != DequantDot.NONE) return false;
        if (bits != 1 && bits != 2 && bits != 4) return false;
        return n % (L * 32 / bits) == 0 && F.length() == L && L * 2 >= 16;
    }

    /** {@link #table}s of 1, 2 and 4 bits, unsigned and signed, at {@code 2 * bits + (signed ? 1 : 0)}; the same as ints. */
    private static final float[][] TABLES = new float[10][];
    private static final int[][] INT_TABLES = new int[10][];

    static {
        for (int bits : new int[] {1, 2, 4}) {
            for (int signed = 0; signed < 2; signed++) {
                float[] t = table(bits, signed == 1);
                TABLES[2 * bits + signed] = t;
                INT_TABLES[2 * bits + signed] = new int[t.length];
                for (int e = 0; e < t.length; e++) INT_TABLES[2 * bits + signed][e] = (int) t[e];
            }
        }
    }

    /**
     * Whether the integer form ({@link IntDequantDot}: i32 sums of a's T values times the codes) runs
     * here: 4-bit codes in the column order, M = 1, no row operations.
     */
    static boolean handlesInt(int bits, int n, int m, int op0, int op1) {
        return ENABLED && COLUMNS && bits == 4 && m == 1 && op0 == DequantDot.NONE && op1 == DequantDot.NONE
                && n % COLUMN_PASS == 0;
    }

    /**
     * The integer form: table entries {@code wrapT(a[k]) * value} in i32 (the chain's product, wrapping
     * alike), sums wrapping in i32; integer addition is associative, so the order is free anyway.
     */
    static void runInt(MemorySegment seg, long origin, long rowStride, boolean signed, int k, int n, int tBits,
                       int[] a, int[] c, int[] out, int[] state) {
        int[] values = INT_TABLES[2 * 4 + (signed ? 1 : 0)];
        for (int col0 = 0; col0 < n; col0 += COLUMN_PASS) {
            for (int v = 0; v < COLUMN_PASS; v += 16) IntVector.fromArray(I, c, col0 + v).rearrange(TO_LANES_I).intoArray(state, v);
            intColumns4(seg, rowStride, origin + col0 / 2, k, tBits, a, values, state, 0);
            intColumns4(seg, rowStride, origin + col0 / 2 + 32, k, tBits, a, values, state, 64);
            for (int v = 0; v < COLUMN_PASS; v += 16) IntVector.fromArray(I, state, v).rearrange(TO_COLUMNS_I).intoArray(out, col0 + v);
        }
    }

    /** {@link #columns4} with i32 tables and sums. */
    private static void intColumns4(MemorySegment seg, long rowStride, long at, int k, int tBits, int[] a, int[] values,
                                    int[] st, int s) {
        IntVector lo = IntVector.fromArray(I, values, 0);
        IntVector s0 = IntVector.fromArray(I, st, s), s1 = IntVector.fromArray(I, st, s + 16);
        IntVector s2 = IntVector.fromArray(I, st, s + 32), s3 = IntVector.fromArray(I, st, s + 48);
        IntVector sh = SHIFTS;
        long r = at;
        for (int kk = 0; kk < k; kk++, r += rowStride) {
            IntVector t = lo.mul(IntDequantDot.wrap(a[kk], tBits));
            s0 = s0.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t));
            s1 = s1.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r + 8)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t));
            s2 = s2.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r + 16)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t));
            s3 = s3.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r + 24)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t));
        }
        s0.intoArray(st, s);
        s1.intoArray(st, s + 16);
        s2.intoArray(st, s + 32);
        s3.intoArray(st, s + 48);
    }

    /** The values of codes 0 .. 2L-1 (entry e: the code {@code e & mask}, sign-extended if signed), low half and high half. */
    private static float[] table(int bits, boolean signed) {
        float[] t = new float[2 * L];
        int mask = (1 << bits) - 1;
        for (int e = 0; e < t.length; e++) {
            int code = e & mask;
            t[e] = signed ? code << (32 - bits) >> (32 - bits) : code;
        }
        return t;
    }

    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n,
                    float[] a, float[] c, float[] out, int[] words, float[] state) {
        int rowBytes = n * bits / 8, rowInts = rowBytes / 4;
        float[] values = TABLES[2 * bits + (signed ? 1 : 0)]; // passed as an array: a vector argument of a method is boxed
        if (COLUMNS && bits == 4 && n % COLUMN_PASS == 0) {
            for (int col0 = 0; col0 < n; col0 += COLUMN_PASS) {
                toLanes(c, col0, state);
                // two passes of 64 columns (half a cache line of each row; the second half is then in L1):
                // eight chains in one method exceed C2's inlining budget, and the vectors of the rest are boxed
                columns4(seg, rowStride, origin + col0 / 2, k, a, values, state, 0);
                columns4(seg, rowStride, origin + col0 / 2 + 32, k, a, values, state, 64);
                toColumns(state, out, col0);
            }
            return;
        }
        TileRows.toInts(seg, origin, rowStride, k, rowBytes, words);
        int phases = 32 / bits, unitCols = L * phases;
        for (int col0 = 0, at = 0; col0 < n; col0 += unitCols, at += L) {
            for (int p0 = 0; p0 < phases; p0 += PASS) { // phases is 8, 16 or 32
                for (int q = 0; q < PASS; q++) { // sums into phase order
                    for (int l = 0; l < L; l++) state[q * L + l] = c[col0 + l * phases + p0 + q];
                }
                pass8(words, rowInts, at, k, bits * p0, bits, a, values, state);
                for (int q = 0; q < PASS; q++) { // back to column order, NaN as the canonical NaN
                    for (int l = 0; l < L; l++) {
                        float v = state[q * L + l];
                        out[col0 + l * phases + p0 + q] = v != v ? Float.NaN : v;
                    }
                }
            }
        }
    }

    /**
     * 64 columns of 4-bit codes in column order (16 lanes), read straight from the segment: row kk's
     * 32 bytes of these columns at {@code at + kk * rowStride}; their sums at {@code st[s .. s + 64)}.
     * Unlike the other kernels this one does not copy the tile's rows first: each row's line is read
     * once, and the loads overlap the arithmetic of the rows before (measured faster than the copy).
     */
    private static void columns4(MemorySegment seg, long rowStride, long at, int k, float[] a, float[] values, float[] st, int s) {
        FloatVector lo = FloatVector.fromArray(F, values, 0);
        FloatVector s0 = FloatVector.fromArray(F, st, s), s1 = FloatVector.fromArray(F, st, s + 16);
        FloatVector s2 = FloatVector.fromArray(F, st, s + 32), s3 = FloatVector.fromArray(F, st, s + 48);
        IntVector sh = SHIFTS;
        long r = at;
        for (int kk = 0; kk < k; kk++, r += rowStride) {
            IntVector t = lo.mul(FloatVector.broadcast(F, a[kk])).reinterpretAsInts();
            s0 = s0.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t).reinterpretAsFloats());
            s1 = s1.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r + 8)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t).reinterpretAsFloats());
            s2 = s2.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r + 16)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t).reinterpretAsFloats());
            s3 = s3.add(LongVector.broadcast(LS, seg.get(DequantDot.LE_LONG, r + 24)).reinterpretAsInts().lanewise(VectorOperators.LSHR, sh).selectFrom(t).reinterpretAsFloats());
        }
        s0.intoArray(st, s);
        s1.intoArray(st, s + 16);
        s2.intoArray(st, s + 32);
        s3.intoArray(st, s + 48);
    }

    /**
     * The 128 sums of columns col0.. of {@code c} into lane order (the pass state). A loop of its own:
     * vectors handed to a method C2 does not inline are boxed (allocated), and the pass is at its
     * inlining budget.
     */
    private static void toLanes(float[] c, int col0, float[] st) {
        for (int v = 0; v < COLUMN_PASS; v += 16) FloatVector.fromArray(F, c, col0 + v).rearrange(TO_LANES).intoArray(st, v);
    }

    /** The pass state back into column order at col0 of out, NaN as the canonical NaN (NaN != NaN). */
    private static void toColumns(float[] st, float[] out, int col0) {
        for (int v = 0; v < COLUMN_PASS; v += 16) {
            FloatVector w = FloatVector.fromArray(F, st, v).rearrange(TO_COLUMNS);
            w.blend(Float.NaN, w.compare(VectorOperators.NE, w)).intoArray(out, col0 + v); // test(IS_NAN) is not intrinsified for 512-bit floats
        }
    }

    /** The product of the code in the low bits of each lane of {@code idx}: a lookup in the row's product table. */
    private static FloatVector lookup(IntVector idx, IntVector t0, IntVector t1) {
        return (ONE_TABLE ? idx.selectFrom(t0) : idx.selectFrom(t0, t1)).reinterpretAsFloats();
    }

    /**
     * Eight phases from shift {@code sh}, their sums in registers over the k rows (state in and out
     * of {@code st}). Written out phase by phase: C2 keeps the vectors in registers only when the
     * whole pass is inlined within its per-method budget.
     */
    private static void pass8(int[] words, int rowInts, int at, int k, int sh, int bits, float[] a, float[] values, float[] st) {
        FloatVector lo = FloatVector.fromArray(F, values, 0), hi = FloatVector.fromArray(F, values, L);
        FloatVector s0 = FloatVector.fromArray(F, st, 0), s1 = FloatVector.fromArray(F, st, L);
        FloatVector s2 = FloatVector.fromArray(F, st, 2 * L), s3 = FloatVector.fromArray(F, st, 3 * L);
        FloatVector s4 = FloatVector.fromArray(F, st, 4 * L), s5 = FloatVector.fromArray(F, st, 5 * L);
        FloatVector s6 = FloatVector.fromArray(F, st, 6 * L), s7 = FloatVector.fromArray(F, st, 7 * L);
        for (int kk = 0, r = at; kk < k; kk++, r += rowInts) {
            IntVector v = IntVector.fromArray(I, words, r);
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            IntVector t0 = lo.mul(av).reinterpretAsInts(), t1 = ONE_TABLE ? t0 : hi.mul(av).reinterpretAsInts();
            s0 = s0.add(lookup(v.lanewise(VectorOperators.LSHR, sh), t0, t1));
            s1 = s1.add(lookup(v.lanewise(VectorOperators.LSHR, sh + bits), t0, t1));
            s2 = s2.add(lookup(v.lanewise(VectorOperators.LSHR, sh + 2 * bits), t0, t1));
            s3 = s3.add(lookup(v.lanewise(VectorOperators.LSHR, sh + 3 * bits), t0, t1));
            s4 = s4.add(lookup(v.lanewise(VectorOperators.LSHR, sh + 4 * bits), t0, t1));
            s5 = s5.add(lookup(v.lanewise(VectorOperators.LSHR, sh + 5 * bits), t0, t1));
            s6 = s6.add(lookup(v.lanewise(VectorOperators.LSHR, sh + 6 * bits), t0, t1));
            s7 = s7.add(lookup(v.lanewise(VectorOperators.LSHR, sh + 7 * bits), t0, t1));
        }
        s0.intoArray(st, 0);
        s1.intoArray(st, L);
        s2.intoArray(st, 2 * L);
        s3.intoArray(st, 3 * L);
        s4.intoArray(st, 4 * L);
        s5.intoArray(st, 5 * L);
        s6.intoArray(st, 6 * L);
        s7.intoArray(st, 7 * L);
    }
}
