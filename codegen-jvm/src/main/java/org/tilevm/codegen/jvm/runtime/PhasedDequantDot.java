package org.tilevm.codegen.jvm.runtime;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast path of {@link DequantDot} for code widths that divide 32 (1, 2, 4, 8 bits) and row
 * operations of the form {@code (w + A) * M} (none, add or subtract, multiply, or subtract then
 * multiply): the usual zero-point and scale chains.
 *
 * <p>The tile's packed rows are first copied into a byte array (one bulk copy per row), then read
 * in <em>units</em> of 32 bytes: one 256-bit load gives 8 int lanes, lane l holding the
 * {@code P = 32 / bits} codes of columns {@code l*P .. l*P + P - 1}. <em>Phase</em> p of the unit,
 * {@code (lane >>> p*bits) & mask}, is then a vector of the columns {@code p, P + p, 2P + p, ...}:
 * one shift and one mask per 8 codes, no cross-lane work. Each column's sum is still its own
 * chain {@code acc = acc + w * a[k]} in ascending k, so the phase order changes nothing but which
 * lane computes which column; it is undone when the sums are written back (gathers and scatters
 * with constant index maps, once per unit and tile). Eight phases are processed per pass over the
 * k rows, eight independent sums in registers, which hides the latency of the adds.
 */
final class PhasedDequantDot {
    private PhasedDequantDot() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_256;
    /** Bytes per unit. */
    static final int UNIT = 32;
    /** Floats of scratch: the pass state. */
    static final int STATE = 192;

    /** For P = 32 / bits: index maps of phase p, {@code {p, P + p, ..., 7P + p}}. */
    private static final int[][][] PHASE = new int[33][][];

    static {
        for (int bits : new int[] {1, 2, 4, 8}) {
            int p = 32 / bits;
            PHASE[p] = new int[p][8];
            for (int ph = 0; ph < p; ph++) {
                for (int l = 0; l < 8; l++) PHASE[p][ph][l] = l * p + ph;
            }
        }
    }

    /** Whether this path handles the call. */
    static boolean handles(int bits, int n, int op0, int op1) {
        if (32 % bits != 0 || n % (UNIT * 8 / bits) != 0) return false;
        return RowForm.fits(op0, op1);
    }

    static void run(MemorySegment seg, long origin, long rowStride, int bits, boolean signed, int k, int n,
                    float[] row0, int op0, float[] row1, int op1, float[] a, float[] c, float[] out, float[] scratch,
                    byte[] bytes) {
        int rowBytes = n * bits / 8;
        TileRows.toBytes(seg, origin, rowStride, k, rowBytes, bytes);
        // (w + add) * mul with identities -0.0 (x + -0.0 == x for every x, -0.0 included) and 1.0
        RowForm rows = RowForm.of(row0, op0, row1, op1);
        float[] add = rows.add(), mul = rows.mul();
        boolean negate = rows.negate();
        int p = 32 / bits, unitCols = UNIT * 8 / bits; // phases; columns per unit
        int phasesPerPass = Math.min(8, p);
        float[] ph = scratch; // the pass state (gatherPhases)
        int mask = (1 << bits) - 1;
        for (int u = 0; u < n / unitCols; u++) {
            int col0 = u * unitCols;
            for (int p0 = 0; p0 < p; p0 += 8) {
                gatherPhases(p, p0, col0, c, add, negate, mul, ph);
                if (signed && mul != null) passSignedScaled(bytes, rowBytes, u * UNIT, k, bits, mask, p0, ph, a);
                else if (signed) passSigned(bytes, rowBytes, u * UNIT, k, bits, mask, p0, ph, a);
                else if (mul != null) passUnsignedScaled(bytes, rowBytes, u * UNIT, k, bits, mask, p0, ph, a);
                else passUnsigned(bytes, rowBytes, u * UNIT, k, bits, mask, p0, ph, a);
                scatterPhases(p, p0, phasesPerPass, col0, ph, out);
            }
        }
    }


    // The four passes differ only in how a code is extracted ((v >>> s) & mask, or
    // (v << (32 - bits - s)) >> (32 - bits) with the sign) and in whether a scale row multiplies: C2 keeps the 24 vectors of a pass in
    // registers only when every operation is inlined within its per-method budget, which a shared
    // helper or a branch per phase exceeds; the gathers and scatters live in methods of their own
    // for the same reason (and because C1 gives up on one method holding everything).

    /**
     * Fills {@code ph} for phases p0 .. p0+7 of the unit at column col0: [0, 64) the sums (from
     * {@code c}), [64, 128) the additive row (negated for a subtraction; -0.0, the identity of +,
     * when absent: x + -0.0 == x for every x), [128, 192) the multiplicative row when there is one
     * (the scaled passes alone read it), each phase's 8 lanes in a row. Scalar loops: vector gathers with index
     * maps are not intrinsified for every species, and their fallback is far slower.
     */
    private static void gatherPhases(int p, int p0, int col0, float[] c, float[] add, boolean negate, float[] mul,
                                     float[] ph) {
        for (int q = 0; q < 8; q++) {
            int base = col0 + (p0 + q) % p, at = q * 8;
            for (int l = 0; l < 8; l++) ph[at + l] = c[base + l * p];
            if (add == null) {
                for (int l = 0; l < 8; l++) ph[64 + at + l] = -0f;
            } else if (negate) {
                for (int l = 0; l < 8; l++) ph[64 + at + l] = -add[base + l * p];
            } else {
                for (int l = 0; l < 8; l++) ph[64 + at + l] = add[base + l * p];
            }
            if (mul != null) { // the scaled passes alone read it
                for (int l = 0; l < 8; l++) ph[128 + at + l] = mul[base + l * p];
            }
        }
    }

    /** Writes the sums of phases p0 .. p0+count-1 from {@code ph} to row o of out (column order), NaN as the canonical NaN. */
    private static void scatterPhases(int p, int p0, int count, int col0, float[] ph, float[] out) {
        for (int q = 0; q < count; q++) {
            int phase = (p0 + q) % p;
            for (int l = 0; l < 8; l++) {
                float v = ph[q * 8 + l];
                out[col0 + l * p + phase] = v != v ? Float.NaN : v;
            }
        }
    }

    /** M = 1, unsigned codes: eight phases of one unit, sums in registers over the k rows (state in {@code ph}, see {@link #gatherPhases}). */
    private static void passUnsigned(byte[] bytes, int rowBytes, int at, int k, int bits, int mask, int p0, float[] ph, float[] a) {
        FloatVector c0 = FloatVector.fromArray(F, ph, 0), z0 = FloatVector.fromArray(F, ph, 64);
        FloatVector c1 = FloatVector.fromArray(F, ph, 8), z1 = FloatVector.fromArray(F, ph, 72);
        FloatVector c2 = FloatVector.fromArray(F, ph, 16), z2 = FloatVector.fromArray(F, ph, 80);
        FloatVector c3 = FloatVector.fromArray(F, ph, 24), z3 = FloatVector.fromArray(F, ph, 88);
        FloatVector c4 = FloatVector.fromArray(F, ph, 32), z4 = FloatVector.fromArray(F, ph, 96);
        FloatVector c5 = FloatVector.fromArray(F, ph, 40), z5 = FloatVector.fromArray(F, ph, 104);
        FloatVector c6 = FloatVector.fromArray(F, ph, 48), z6 = FloatVector.fromArray(F, ph, 112);
        FloatVector c7 = FloatVector.fromArray(F, ph, 56), z7 = FloatVector.fromArray(F, ph, 120);
        int sh = p0 * bits, up = 32 - bits;
        for (int kk = 0; kk < k; kk++) {
            IntVector v = ByteVector.fromArray(B, bytes, kk * rowBytes + at).reinterpretAsInts();
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 0 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(av));
            c1 = c1.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 1 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(av));
            c2 = c2.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 2 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(av));
            c3 = c3.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 3 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(av));
            c4 = c4.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 4 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(av));
            c5 = c5.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 5 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(av));
            c6 = c6.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 6 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(av));
            c7 = c7.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 7 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(av));
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

    /** M = 1, unsigned codes, with a multiplicative row: eight phases of one unit, sums in registers over the k rows (state in {@code ph}, see {@link #gatherPhases}). */
    private static void passUnsignedScaled(byte[] bytes, int rowBytes, int at, int k, int bits, int mask, int p0, float[] ph, float[] a) {
        FloatVector c0 = FloatVector.fromArray(F, ph, 0), z0 = FloatVector.fromArray(F, ph, 64), s0 = FloatVector.fromArray(F, ph, 128);
        FloatVector c1 = FloatVector.fromArray(F, ph, 8), z1 = FloatVector.fromArray(F, ph, 72), s1 = FloatVector.fromArray(F, ph, 136);
        FloatVector c2 = FloatVector.fromArray(F, ph, 16), z2 = FloatVector.fromArray(F, ph, 80), s2 = FloatVector.fromArray(F, ph, 144);
        FloatVector c3 = FloatVector.fromArray(F, ph, 24), z3 = FloatVector.fromArray(F, ph, 88), s3 = FloatVector.fromArray(F, ph, 152);
        FloatVector c4 = FloatVector.fromArray(F, ph, 32), z4 = FloatVector.fromArray(F, ph, 96), s4 = FloatVector.fromArray(F, ph, 160);
        FloatVector c5 = FloatVector.fromArray(F, ph, 40), z5 = FloatVector.fromArray(F, ph, 104), s5 = FloatVector.fromArray(F, ph, 168);
        FloatVector c6 = FloatVector.fromArray(F, ph, 48), z6 = FloatVector.fromArray(F, ph, 112), s6 = FloatVector.fromArray(F, ph, 176);
        FloatVector c7 = FloatVector.fromArray(F, ph, 56), z7 = FloatVector.fromArray(F, ph, 120), s7 = FloatVector.fromArray(F, ph, 184);
        int sh = p0 * bits, up = 32 - bits;
        for (int kk = 0; kk < k; kk++) {
            IntVector v = ByteVector.fromArray(B, bytes, kk * rowBytes + at).reinterpretAsInts();
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 0 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(s0).mul(av));
            c1 = c1.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 1 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(s1).mul(av));
            c2 = c2.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 2 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(s2).mul(av));
            c3 = c3.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 3 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(s3).mul(av));
            c4 = c4.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 4 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(s4).mul(av));
            c5 = c5.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 5 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(s5).mul(av));
            c6 = c6.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 6 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(s6).mul(av));
            c7 = c7.add(((FloatVector) v.lanewise(VectorOperators.LSHR, sh + 7 * bits).and(mask).convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(s7).mul(av));
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

    /** M = 1, signed codes: eight phases of one unit, sums in registers over the k rows (state in {@code ph}, see {@link #gatherPhases}). */
    private static void passSigned(byte[] bytes, int rowBytes, int at, int k, int bits, int mask, int p0, float[] ph, float[] a) {
        FloatVector c0 = FloatVector.fromArray(F, ph, 0), z0 = FloatVector.fromArray(F, ph, 64);
        FloatVector c1 = FloatVector.fromArray(F, ph, 8), z1 = FloatVector.fromArray(F, ph, 72);
        FloatVector c2 = FloatVector.fromArray(F, ph, 16), z2 = FloatVector.fromArray(F, ph, 80);
        FloatVector c3 = FloatVector.fromArray(F, ph, 24), z3 = FloatVector.fromArray(F, ph, 88);
        FloatVector c4 = FloatVector.fromArray(F, ph, 32), z4 = FloatVector.fromArray(F, ph, 96);
        FloatVector c5 = FloatVector.fromArray(F, ph, 40), z5 = FloatVector.fromArray(F, ph, 104);
        FloatVector c6 = FloatVector.fromArray(F, ph, 48), z6 = FloatVector.fromArray(F, ph, 112);
        FloatVector c7 = FloatVector.fromArray(F, ph, 56), z7 = FloatVector.fromArray(F, ph, 120);
        int sh = p0 * bits, up = 32 - bits;
        for (int kk = 0; kk < k; kk++) {
            IntVector v = ByteVector.fromArray(B, bytes, kk * rowBytes + at).reinterpretAsInts();
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 0 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(av));
            c1 = c1.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 1 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(av));
            c2 = c2.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 2 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(av));
            c3 = c3.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 3 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(av));
            c4 = c4.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 4 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(av));
            c5 = c5.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 5 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(av));
            c6 = c6.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 6 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(av));
            c7 = c7.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 7 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(av));
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

    /** M = 1, signed codes, with a multiplicative row: eight phases of one unit, sums in registers over the k rows (state in {@code ph}, see {@link #gatherPhases}). */
    private static void passSignedScaled(byte[] bytes, int rowBytes, int at, int k, int bits, int mask, int p0, float[] ph, float[] a) {
        FloatVector c0 = FloatVector.fromArray(F, ph, 0), z0 = FloatVector.fromArray(F, ph, 64), s0 = FloatVector.fromArray(F, ph, 128);
        FloatVector c1 = FloatVector.fromArray(F, ph, 8), z1 = FloatVector.fromArray(F, ph, 72), s1 = FloatVector.fromArray(F, ph, 136);
        FloatVector c2 = FloatVector.fromArray(F, ph, 16), z2 = FloatVector.fromArray(F, ph, 80), s2 = FloatVector.fromArray(F, ph, 144);
        FloatVector c3 = FloatVector.fromArray(F, ph, 24), z3 = FloatVector.fromArray(F, ph, 88), s3 = FloatVector.fromArray(F, ph, 152);
        FloatVector c4 = FloatVector.fromArray(F, ph, 32), z4 = FloatVector.fromArray(F, ph, 96), s4 = FloatVector.fromArray(F, ph, 160);
        FloatVector c5 = FloatVector.fromArray(F, ph, 40), z5 = FloatVector.fromArray(F, ph, 104), s5 = FloatVector.fromArray(F, ph, 168);
        FloatVector c6 = FloatVector.fromArray(F, ph, 48), z6 = FloatVector.fromArray(F, ph, 112), s6 = FloatVector.fromArray(F, ph, 176);
        FloatVector c7 = FloatVector.fromArray(F, ph, 56), z7 = FloatVector.fromArray(F, ph, 120), s7 = FloatVector.fromArray(F, ph, 184);
        int sh = p0 * bits, up = 32 - bits;
        for (int kk = 0; kk < k; kk++) {
            IntVector v = ByteVector.fromArray(B, bytes, kk * rowBytes + at).reinterpretAsInts();
            FloatVector av = FloatVector.broadcast(F, a[kk]);
            c0 = c0.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 0 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z0).mul(s0).mul(av));
            c1 = c1.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 1 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z1).mul(s1).mul(av));
            c2 = c2.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 2 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z2).mul(s2).mul(av));
            c3 = c3.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 3 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z3).mul(s3).mul(av));
            c4 = c4.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 4 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z4).mul(s4).mul(av));
            c5 = c5.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 5 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z5).mul(s5).mul(av));
            c6 = c6.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 6 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z6).mul(s6).mul(av));
            c7 = c7.add(((FloatVector) v.lanewise(VectorOperators.LSHL, up - sh - 7 * bits).lanewise(VectorOperators.ASHR, up).convertShape(VectorOperators.I2F, F, 0)).add(z7).mul(s7).mul(av));
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
