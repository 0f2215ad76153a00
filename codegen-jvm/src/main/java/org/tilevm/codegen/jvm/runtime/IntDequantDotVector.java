package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API path of {@link IntDequantDot}: strips of 32 columns are dequantized into
 * {@code w} (8 codes per 64-bit word spread over the lanes with per-lane shifts), and every row of a
 * is accumulated into the strip's columns with four independent sums. Integer sums wrap, so any order is
 * the interpreter's result.
 */
final class IntDequantDotVector {
    private IntDequantDotVector() {}

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    /** Per width 1..8: lane l starts at bit l * bits of a group's word. */
    private static final int[][] LANE_SHIFTS = new int[9][8];

    static {
        for (int b = 1; b <= 8; b++) {
            for (int l = 0; l < 8; l++) LANE_SHIFTS[b][l] = l * b;
        }
    }

    /** Columns per strip: the strip's dequantized [k, 32] ints stay in L1 while every row uses them. */
    private static final int STRIP = 32;

    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n, int[] row0, int op0,
                    int[] row1, int op1, int tBits, int[] a, int m, int[] out, int[] w, byte[] bytes) {
        // the packed rows first (TileRows), then decoded from the copy
        int rowBytes = n * bits / 8;
        TileRows.toBytes(seg, origin, rowStride, k, rowBytes, bytes);
        seg = MemorySegment.ofArray(bytes);
        origin = 0;
        rowStride = rowBytes;
        int[] av = new int[m * k];
        for (int e = 0; e < av.length; e++) av[e] = IntDequantDot.wrap(a[e], tBits);
        boolean tables = WIDE && op0 == DequantDot.NONE && op1 == DequantDot.NONE && 32 % bits == 0 && bits < 8;
        for (int jb = 0; jb < n; jb += STRIP) {
            int width = Math.min(STRIP, n - jb);
            if (tables && width == STRIP) decodeWide(bytes, rowBytes, jb * bits / 8, bits, signed, k, w);
            else decode(seg, origin + (long) (jb >>> 3) * bits, rowStride, bits, signed, k, width, row0, op0, row1, op1, tBits, jb, w);
            int i = 0;
            if (WIDE && width == STRIP) {
                for (; i + 4 <= m; i += 4) accumulate4Wide(w, k, av, i * k, out, i * n + jb, n);
            }
            for (; i < m; i++) accumulate(w, k, width, av, i * k, out, i * n + jb);
        }
    }

    /** 16-int vectors (AVX-512): a strip row is two of them. */
    private static final VectorSpecies<Integer> W = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> WB = ByteVector.SPECIES_PREFERRED;
    private static final boolean WIDE = W.length() == 16 && STRIP == 32;

    /**
     * The strip's codes (1, 2 or 4 bits, no row operations) as their values, 16 lanes at a time:
     * one 64-byte load per row, a constant {@code rearrange}, a per-lane shift and a lookup in the
     * table of code values ({@link TableDequantDot}). The packed rows have 64 bytes of slack after them.
     */
    private static void decodeWide(byte[] bytes, int rowBytes, int at, int bits, boolean signed, int k, int[] w) {
        IntVector values = IntVector.fromArray(W, TableDequantDot.INT_TABLES[2 * bits + (signed ? 1 : 0)], 0);
        VectorShuffle<Integer> s0 = TableDequantDot.SEL[bits][0], s1 = TableDequantDot.SEL[bits][1];
        IntVector h0 = TableDequantDot.SHIFT[bits][0], h1 = TableDequantDot.SHIFT[bits][1];
        for (int kk = 0, r = at, wi = 0; kk < k; kk++, r += rowBytes, wi += STRIP) {
            IntVector v = ByteVector.fromArray(WB, bytes, r).reinterpretAsInts();
            v.rearrange(s0).lanewise(VectorOperators.LSHR, h0).selectFrom(values).intoArray(w, wi);
            v.rearrange(s1).lanewise(VectorOperators.LSHR, h1).selectFrom(values).intoArray(w, wi + 16);
        }
    }

    /** Four rows of a over a whole strip, 16-int vectors: two weight loads per k serve the four rows. */
    private static void accumulate4Wide(int[] w, int k, int[] av, int ai, int[] out, int o, int n) {
        IntVector c0 = IntVector.fromArray(W, out, o), c1 = IntVector.fromArray(W, out, o + 16);
        IntVector d0 = IntVector.fromArray(W, out, o + n), d1 = IntVector.fromArray(W, out, o + n + 16);
        IntVector e0 = IntVector.fromArray(W, out, o + 2 * n), e1 = IntVector.fromArray(W, out, o + 2 * n + 16);
        IntVector f0 = IntVector.fromArray(W, out, o + 3 * n), f1 = IntVector.fromArray(W, out, o + 3 * n + 16);
        for (int kk = 0, wi = 0; kk < k; kk++, wi += STRIP) {
            IntVector w0 = IntVector.fromArray(W, w, wi), w1 = IntVector.fromArray(W, w, wi + 16);
            int a0 = av[ai + kk], a1 = av[ai + k + kk], a2 = av[ai + 2 * k + kk], a3 = av[ai + 3 * k + kk];
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

    /** w[kk * STRIP + j] = the strip's value (row kk, column jb + j), for n (<= STRIP, a multiple of 8) columns. */
    private static void decode(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n,
                               int[] row0, int op0, int[] row1, int op1, int tBits, int jb, int[] w) {
        IntVector lo = IntVector.fromArray(I, LANE_SHIFTS[bits], 0);
        int[] codes = new int[8]; // the rare widths' per-lane assembly (bits > 4)
        int up = 32 - bits, mask = (1 << bits) - 1, wrap = 32 - tBits;
        long limit = seg.byteSize() - 8; // a whole 64-bit word can be read at offsets up to here
        for (int kk = 0; kk < k; kk++) {
            long rowOff = origin + kk * rowStride;
            for (int j0 = 0; j0 < n; j0 += 8) {
                long off = rowOff + (long) (j0 >>> 3) * bits;
                long word = off <= limit ? seg.get(DequantDot.LE_LONG, off) : DequantDot.word(seg, off, bits); // bits above the group are masked below
                IntVector v;
                if (bits <= 4) {
                    v = IntVector.broadcast(I, (int) word).lanewise(VectorOperators.LSHR, lo);
                } else { // codes past bit 31 of the word: assemble per lane (rare widths)
                    for (int l = 0; l < 8; l++) codes[l] = (int) (word >>> (l * bits));
                    v = IntVector.fromArray(I, codes, 0);
                }
                v = signed ? v.lanewise(VectorOperators.LSHL, up).lanewise(VectorOperators.ASHR, up) : v.and(mask);
                if (op0 != DequantDot.NONE) v = op(v, op0, row(row0, jb + j0, wrap), wrap);
                if (op1 != DequantDot.NONE) v = op(v, op1, row(row1, jb + j0, wrap), wrap);
                v.intoArray(w, kk * STRIP + j0);
            }
        }
    }

    /** Row elements j0..j0+7 as values of T (sign-extended from T's width). */
    private static IntVector row(int[] r, int j0, int wrap) {
        IntVector v = IntVector.fromArray(I, r, j0);
        return wrap == 0 ? v : v.lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap);
    }

    private static IntVector op(IntVector v, int op, IntVector r, int wrap) {
        IntVector x = switch (op) {
            case DequantDot.ADD -> v.add(r);
            case DequantDot.SUB -> v.sub(r);
            default -> v.mul(r);
        };
        return wrap == 0 ? x : x.lanewise(VectorOperators.LSHL, wrap).lanewise(VectorOperators.ASHR, wrap);
    }

    /** out[o0 + j] += av[ai + kk] * w[kk * STRIP + j], the strip's n columns (four independent sums at a time). */
    private static void accumulate(int[] w, int k, int n, int[] av, int ai, int[] out, int o0) {
        int j0 = 0;
        for (; j0 + 32 <= n; j0 += 32) {
            int o = o0 + j0;
            IntVector c0 = IntVector.fromArray(I, out, o), c1 = IntVector.fromArray(I, out, o + 8);
            IntVector c2 = IntVector.fromArray(I, out, o + 16), c3 = IntVector.fromArray(I, out, o + 24);
            for (int kk = 0, wi = j0; kk < k; kk++, wi += STRIP) {
                IntVector a = IntVector.broadcast(I, av[ai + kk]);
                c0 = c0.add(IntVector.fromArray(I, w, wi).mul(a));
                c1 = c1.add(IntVector.fromArray(I, w, wi + 8).mul(a));
                c2 = c2.add(IntVector.fromArray(I, w, wi + 16).mul(a));
                c3 = c3.add(IntVector.fromArray(I, w, wi + 24).mul(a));
            }
            c0.intoArray(out, o);
            c1.intoArray(out, o + 8);
            c2.intoArray(out, o + 16);
            c3.intoArray(out, o + 24);
        }
        for (; j0 < n; j0 += 8) {
            int o = o0 + j0;
            IntVector acc = IntVector.fromArray(I, out, o);
            for (int kk = 0, wi = j0; kk < k; kk++, wi += STRIP) acc = acc.add(IntVector.fromArray(I, w, wi).mul(av[ai + kk]));
            acc.intoArray(out, o);
        }
    }
}
