package org.tilevm.bench.baseline;

import java.lang.foreign.MemorySegment;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.IntType;

/**
 * How the Vector API baseline unpacks one <em>unit</em> of a packed weight row: a run of
 * {@link #unitBytes()} bytes holding {@link #unitColumns()} codes, unpacked into
 * {@link #vectors()} f32 vectors of {@code L} lanes. Vector {@code v}, lane {@code j} holds the
 * code of unit column {@code (v / P) * P * L + P * j + v % P} with {@code P = }{@link #phases()}
 * codes per lane: a lane holds P consecutive codes of the LSB-first stream (a byte of two 4-bit or
 * four 2-bit codes, three bytes of eight 3-bit codes), and extracting code {@code p} of every lane
 * with one shift and one mask gives the columns {@code p, p + P, p + 2P, ...}. The accumulators
 * stay in this phase order; only the final store of C puts columns back in order.
 *
 * <p>Signed codes use offset binary: with {@code h = 2^(bits-1)}, the value of a code {@code u}
 * is {@code (u XOR h) - h}, so the kernels XOR every field with h ({@link #signMask()}) and
 * extract it as unsigned, and the caller subtracts h with the zero point. The hot loops are the
 * same for both signs.
 */
sealed interface Unpacker permits NibbleUnpacker, CrumbUnpacker, TripletUnpacker {

    /** The unpacker for a weight type: {@code u4/i4}, {@code u2/i2}, {@code u3/i3}. */
    static Unpacker of(DType type) {
        if (type instanceof IntType it) {
            switch (it.bits()) {
                case 4: return new NibbleUnpacker(it.signed());
                case 2: return new CrumbUnpacker(it.signed());
                case 3: return new TripletUnpacker(it.signed());
                default: break;
            }
        }
        throw new IllegalArgumentException("vector qmatmul baseline: weight type " + type.name()
                + " is not supported: expected u2, i2, u3, i3, u4 or i4");
    }

    /** Whether the codes are signed (two's complement). */
    boolean signed();

    /** Bits per code. */
    int bits();

    /** Codes per lane (P). */
    int phases();

    /** f32 vectors per unit (Q). */
    int vectors();

    /** Bytes of a unit in a packed row. */
    default int unitBytes() { return unitColumns() * bits() / 8; }

    /** Codes (columns) of a unit: Q * L. */
    default int unitColumns() { return vectors() * Lanes.L; }

    /** XOR applied to every int lane before extraction: h in every field for signed codes, else 0. */
    int signMask();

    /** What the kernels' extracted values exceed the true code values by: h for signed codes, else 0. */
    default float valueOffset() { return signed() ? 1 << (bits() - 1) : 0; }

    /**
     * Partial dot products over rows {@code [k0, k1)} of the unit at byte {@code unitByte} of each row:
     * {@code out[v*L + j] = sum_k a[aOff + k] * x_v[k][j]} with {@code x} the extracted (offset) codes.
     */
    void partials(MemorySegment w, long rowBytes, long unitByte, float[] a, int aOff, int k0, int k1, float[] out);

    /** The extracted (offset) codes of rows {@code [k0, k1)} as f32: {@code out[(k-k0)*Q*L + v*L + j]}. */
    void codes(MemorySegment w, long rowBytes, long unitByte, int k0, int k1, float[] out);
}
