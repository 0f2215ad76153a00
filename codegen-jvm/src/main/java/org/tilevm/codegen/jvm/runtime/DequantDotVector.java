package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API path of {@link DequantDot}: 8 columns at a time in 256-bit vectors. A group of 8
 * codes is {@code bits} bytes, read as one 64-bit word and spread over the 8 int lanes with
 * per-lane shifts (lane l takes word bits {@code [l*bits, (l+1)*bits)}; for bits > 4 the word is
 * split into two ints and lanes that start in the upper half, or straddle it, combine them), then
 * masked or sign-extended, converted to f32 and combined with the row operands. With one row of
 * a (M = 1) the 8 sums stay in a register across the whole k-tile; with more rows the decoded
 * k-tile column block is kept in a small buffer and reused for every row. Per element and step
 * the arithmetic is the scalar chain's: multiply, round, add, round, in ascending k.
 */
final class DequantDotVector {
    private DequantDotVector() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    /** Per bit width 1..8: lane shifts (see {@link #shifts}). */
    private static final int[][] LO = new int[9][], HI = new int[9][], HIR = new int[9][];
    private static final boolean[][] UPPER = new boolean[9][];

    static {
        for (int b = 1; b <= 8; b++) shifts(b);
    }

    /**
     * Lane l starts at word bit {@code s = l*b}. Lanes with s < 32 take {@code (lo >>> s) | (hi << (32 - s))}
     * (written {@code ((hi << 1) << (31 - s))} so that s = 0 adds nothing), lanes with s >= 32 take
     * {@code hi >>> (s - 32)}; bits above the code are masked off afterwards.
     */
    private static void shifts(int b) {
        LO[b] = new int[8];
        HI[b] = new int[8];
        HIR[b] = new int[8];
        UPPER[b] = new boolean[8];
        for (int l = 0; l < 8; l++) {
            int s = l * b;
            UPPER[b][l] = s >= 32;
            LO[b][l] = s < 32 ? s : 0;
            HI[b][l] = s < 32 ? 31 - s : 0;
            HIR[b][l] = s >= 32 ? s - 32 : 0;
        }
    }

    static int preferredFloatLanes() { return FloatVector.SPECIES_PREFERRED.length(); }

    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n,
                    float[] row0, int op0, float[] row1, int op1, float[] a, int m, float[] out, float[] w, byte[] bytes) {
        // the packed rows first (TileRows), then decoded from that heap segment
        int rowBytes = n * bits / 8;
        TileRows.toBytes(seg, origin, rowStride, k, rowBytes, bytes);
        seg = MemorySegment.ofArray(bytes);
        origin = 0;
        rowStride = rowBytes;
        // Strips of 32 columns: the strip's dequantized [k, 32] tile (w, at most 16 KB for k <= 128)
        // stays in L1 while every row of a uses it. Two methods, compiled apart: C2 keeps vectors in
        // registers only within its inlining budget, which one method holding both loops exceeds
        // (the vectors would then be boxed objects).
        for (int jb = 0; jb < n; jb += STRIP) {
            int width = Math.min(STRIP, n - jb);
            if (width == STRIP && WIDE && op0 == DequantDot.NONE && op1 == DequantDot.NONE && 32 % bits == 0 && bits < 8) {
                decodeWide(bytes, rowBytes, jb * bits / 8, bits, TableDequantDot.TABLES[2 * bits + (signed ? 1 : 0)], k, w);
            } else {
                decode(seg, origin + (long) (jb >>> 3) * bits, rowStride, bits, signed, k, width, row0, op0, row1, op1, jb, w);
            }
            accumulateStrip(w, k, width, a, m, out, n, jb);
        }
    }

    private static final int STRIP = DequantDot.STRIP;

    /** Every row of a times the strip's decoded [k, width] tile, added to columns jb.. of out: four, two, then one row at a time. */
    private static void accumulateStrip(float[] w, int k, int width, float[] a, int m, float[] out, int n, int jb) {
        int i = 0;
        if (width == STRIP && WIDE) {
            for (; i + 4 <= m; i += 4) accumulate4Wide(w, k, a, i * k, out, i * n + jb, n);
        }
        if (width == STRIP) {
            for (; i + 2 <= m; i += 2) accumulate2(w, k, a, i * k, out, i * n + jb, n);
        }
        for (; i < m; i++) accumulate(w, k, width, a, i * k, out, i * n + jb);
    }

    /**
     * {@link #run} for float codes of 1, 2 or 4 bits ({@link DequantDot#runFloatCodes}): whole strips
     * without row operations decode through the value table on 16 lanes ({@link #decodeWide}),
     * everything else one code at a time through the same table.
     */
    static void runFloatCodes(MemorySegment seg, long origin, long rowStride, int bits, float[] values, int k, int n,
                              float[] row0, int op0, float[] row1, int op1, float[] a, int m, float[] out, float[] w,
                              byte[] bytes) {
        int rowBytes = n * bits / 8;
        TileRows.toBytes(seg, origin, rowStride, k, rowBytes, bytes);
        for (int jb = 0; jb < n; jb += STRIP) {
            int width = Math.min(STRIP, n - jb);
            if (width == STRIP && WIDE && op0 == DequantDot.NONE && op1 == DequantDot.NONE) {
                decodeWide(bytes, rowBytes, jb * bits / 8, bits, values, k, w);
            } else {
                int mask = (1 << bits) - 1;
                for (int kk = 0; kk < k; kk++) {
                    for (int j = 0; j < width; j++) {
                        int bit = (jb + j) * bits, code = (bytes[kk * rowBytes + bit / 8] >>> (bit % 8)) & mask;
                        float v = DequantDot.apply(values[code], op0, row0 == null ? 0f : row0[jb + j]);
                        w[kk * STRIP + j] = DequantDot.apply(v, op1, row1 == null ? 0f : row1[jb + j]);
                    }
                }
            }
            accumulateStrip(w, k, width, a, m, out, n, jb);
        }
    }

    /**
     * {@link #decode} for 1-, 2- and 4-bit codes without row operations, 16 lanes: one 64-byte load
     * per row holds the strip's codes; each half of the strip (16 columns) is the codes of one or
     * two int lanes spread to every lane by a constant {@code rearrange}, shifted per lane, and
     * looked up in the table of the codes' values ({@link TableDequantDot}): four operations per
     * 16 weights instead of six per 8. The packed rows have 64 bytes of slack after them
     * ({@link DequantDot#byteScratchSize}).
     */
    private static void decodeWide(byte[] bytes, int rowBytes, int at, int bits, float[] table, int k, float[] w) {
        IntVector values = FloatVector.fromArray(W, table, 0).reinterpretAsInts();
        VectorShuffle<Integer> s0 = TableDequantDot.SEL[bits][0], s1 = TableDequantDot.SEL[bits][1];
        IntVector h0 = TableDequantDot.SHIFT[bits][0], h1 = TableDequantDot.SHIFT[bits][1];
        for (int kk = 0, r = at, wi = 0; kk < k; kk++, r += rowBytes, wi += STRIP) {
            IntVector v = ByteVector.fromArray(WB, bytes, r).reinterpretAsInts();
            v.rearrange(s0).lanewise(VectorOperators.LSHR, h0).selectFrom(values).reinterpretAsFloats().intoArray(w, wi);
            v.rearrange(s1).lanewise(VectorOperators.LSHR, h1).selectFrom(values).reinterpretAsFloats().intoArray(w, wi + 16);
        }
    }

    /** 16-float vectors (AVX-512): a strip row is two of them, and four rows of A share each load. */
    private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> WB = ByteVector.SPECIES_PREFERRED;
    private static final boolean WIDE = W.length() == 16 && STRIP == 32;

    /**
     * Four rows at once over a whole strip with 16-float vectors: for each k, two weight loads serve
     * four rows (eight sums, eight products and eight adds per 128 products), about half the
     * instructions per product of {@link #accumulate2}; each sum is still {@code out + a * w} in
     * ascending k.
     */
    private static void accumulate4Wide(float[] w, int k, float[] a, int ai, float[] out, int o, int n) {
        FloatVector c0 = FloatVector.fromArray(W, out, o), c1 = FloatVector.fromArray(W, out, o + 16);
        FloatVector d0 = FloatVector.fromArray(W, out, o + n), d1 = FloatVector.fromArray(W, out, o + n + 16);
        FloatVector e0 = FloatVector.fromArray(W, out, o + 2 * n), e1 = FloatVector.fromArray(W, out, o + 2 * n + 16);
        FloatVector f0 = FloatVector.fromArray(W, out, o + 3 * n), f1 = FloatVector.fromArray(W, out, o + 3 * n + 16);
        for (int kk = 0, wi = 0; kk < k; kk++, wi += STRIP) {
            FloatVector w0 = FloatVector.fromArray(W, w, wi), w1 = FloatVector.fromArray(W, w, wi + 16);
            float a0 = a[ai + kk], a1 = a[ai + k + kk], a2 = a[ai + 2 * k + kk], a3 = a[ai + 3 * k + kk];
            c0 = c0.add(w0.mul(a0));
            c1 = c1.add(w1.mul(a0));
            d0 = d0.add(w0.mul(a1));
            d1 = d1.add(w1.mul(a1));
            e0 = e0.add(w0.mul(a2));
            e1 = e1.add(w1.mul(a2));
            f0 = f0.add(w0.mul(a3));
            f1 = f1.add(w1.mul(a3));
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + 16);
        d0.intoArray(out, o + n);
        d1.intoArray(out, o + n + 16);
        e0.intoArray(out, o + 2 * n);
        e1.intoArray(out, o + 2 * n + 16);
        f0.intoArray(out, o + 3 * n);
        f1.intoArray(out, o + 3 * n + 16);
    }

    /**
     * w[kk * STRIP + j] = cast(code[kk, j]) op0 row0[jb + j] op1 row1[jb + j] for the strip's k rows of n
     * (a multiple of 8, at most STRIP) codes, the first at byte {@code origin} of row 0.
     */
    private static void decode(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n,
                               float[] row0, int op0, float[] row1, int op1, int jb, float[] w) {
        IntVector lo = IntVector.fromArray(I, LO[bits], 0), hi = IntVector.fromArray(I, HI[bits], 0);
        IntVector hir = IntVector.fromArray(I, HIR[bits], 0);
        VectorMask<Integer> upper = VectorMask.fromArray(I, UPPER[bits], 0);
        long limit = seg.byteSize() - 8; // a whole 64-bit word can be read at offsets up to here
        int up = 32 - bits, mask = (1 << bits) - 1;
        boolean wide = bits > 4;
        for (int j0 = 0; j0 < n; j0 += 8) {
            // absent rows are a zero vector with op NONE, never a null vector (a vector that may be
            // null cannot live in a register)
            FloatVector r0 = row0 == null ? FloatVector.zero(F) : FloatVector.fromArray(F, row0, jb + j0);
            FloatVector r1 = row1 == null ? FloatVector.zero(F) : FloatVector.fromArray(F, row1, jb + j0);
            long col = origin + (long) (j0 >>> 3) * bits;
            for (int kk = 0; kk < k; kk++) {
                long off = col + kk * rowStride;
                long word = off <= limit ? seg.get(DequantDot.LE_LONG, off) : DequantDot.word(seg, off, bits);
                IntVector v = IntVector.broadcast(I, (int) word).lanewise(VectorOperators.LSHR, lo);
                if (wide) {
                    int h = (int) (word >>> 32);
                    v = v.or(IntVector.broadcast(I, h << 1).lanewise(VectorOperators.LSHL, hi))
                            .blend(IntVector.broadcast(I, h).lanewise(VectorOperators.LSHR, hir), upper);
                }
                v = signed ? v.lanewise(VectorOperators.LSHL, up).lanewise(VectorOperators.ASHR, up) : v.and(mask);
                FloatVector f = (FloatVector) v.convertShape(VectorOperators.I2F, F, 0); // a computed species is not intrinsified
                if (op0 == DequantDot.SUB) f = f.sub(r0);
                else if (op0 == DequantDot.MUL) f = f.mul(r0);
                else if (op0 == DequantDot.ADD) f = f.add(r0);
                if (op1 == DequantDot.SUB) f = f.sub(r1);
                else if (op1 == DequantDot.MUL) f = f.mul(r1);
                else if (op1 == DequantDot.ADD) f = f.add(r1);
                f.intoArray(w, kk * STRIP + j0);
            }
        }
    }

    /**
     * out[o + j] += a[ai + kk] * w[kk * STRIP + j] for kk ascending, for the strip's n columns. Each output element is
     * one dependent chain of k adds; four column groups at once keep four independent chains in
     * flight, so the adds' latency is hidden.
     */
    private static void accumulate(float[] w, int k, int n, float[] a, int ai, float[] out, int o0) {
        int j0 = 0;
        for (; j0 + 32 <= n; j0 += 32) {
            int o = o0 + j0;
            FloatVector c0 = FloatVector.fromArray(F, out, o), c1 = FloatVector.fromArray(F, out, o + 8);
            FloatVector c2 = FloatVector.fromArray(F, out, o + 16), c3 = FloatVector.fromArray(F, out, o + 24);
            for (int kk = 0, wi = j0; kk < k; kk++, wi += STRIP) {
                float av = a[ai + kk];
                c0 = c0.add(FloatVector.fromArray(F, w, wi).mul(av));
                c1 = c1.add(FloatVector.fromArray(F, w, wi + 8).mul(av));
                c2 = c2.add(FloatVector.fromArray(F, w, wi + 16).mul(av));
                c3 = c3.add(FloatVector.fromArray(F, w, wi + 24).mul(av));
            }
            c0.intoArray(out, o);
            c1.intoArray(out, o + 8);
            c2.intoArray(out, o + 16);
            c3.intoArray(out, o + 24);
        }
        for (; j0 < n; j0 += 8) {
            int o = o0 + j0;
            FloatVector acc = FloatVector.fromArray(F, out, o);
            for (int kk = 0, wi = j0; kk < k; kk++, wi += STRIP) acc = acc.add(FloatVector.fromArray(F, w, wi).mul(a[ai + kk]));
            acc.intoArray(out, o);
        }
    }

    /**
     * Two rows at once over a whole strip: out[o + j] and out[o + n + j] += a[ai + kk] * w and
     * a[ai + k + kk] * w; each weight vector is loaded once for both rows (eight independent sums).
     */
    private static void accumulate2(float[] w, int k, float[] a, int ai, float[] out, int o, int n) {
        FloatVector c0 = FloatVector.fromArray(F, out, o), c1 = FloatVector.fromArray(F, out, o + 8);
        FloatVector c2 = FloatVector.fromArray(F, out, o + 16), c3 = FloatVector.fromArray(F, out, o + 24);
        FloatVector d0 = FloatVector.fromArray(F, out, o + n), d1 = FloatVector.fromArray(F, out, o + n + 8);
        FloatVector d2 = FloatVector.fromArray(F, out, o + n + 16), d3 = FloatVector.fromArray(F, out, o + n + 24);
        for (int kk = 0, wi = 0; kk < k; kk++, wi += STRIP) {
            FloatVector av = FloatVector.broadcast(F, a[ai + kk]), bv = FloatVector.broadcast(F, a[ai + k + kk]);
            FloatVector w0 = FloatVector.fromArray(F, w, wi), w1 = FloatVector.fromArray(F, w, wi + 8);
            FloatVector w2 = FloatVector.fromArray(F, w, wi + 16), w3 = FloatVector.fromArray(F, w, wi + 24);
            c0 = c0.add(w0.mul(av));
            c1 = c1.add(w1.mul(av));
            c2 = c2.add(w2.mul(av));
            c3 = c3.add(w3.mul(av));
            d0 = d0.add(w0.mul(bv));
            d1 = d1.add(w1.mul(bv));
            d2 = d2.add(w2.mul(bv));
            d3 = d3.add(w3.mul(bv));
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + 8);
        c2.intoArray(out, o + 16);
        c3.intoArray(out, o + 24);
        d0.intoArray(out, o + n);
        d1.intoArray(out, o + n + 8);
        d2.intoArray(out, o + n + 16);
        d3.intoArray(out, o + n + 24);
    }
}
