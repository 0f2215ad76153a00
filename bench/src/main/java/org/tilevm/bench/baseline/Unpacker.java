package org.tilevm.bench.baseline;

import static org.tilevm.bench.baseline.Lanes.L;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.IntType;

/**
 * How the Vector API baseline unpacks one <em>unit</em> of a packed weight row: {@code 8L} codes
 * in {@code bits * L} bytes ({@code L} f32 lanes). The bytes are loaded so that int lane {@code j}
 * holds the {@code 8 * bits} bits of the eight codes of columns {@code 8j .. 8j+7} (the format's
 * groups of eight codes in {@code bits} bytes): for 4-bit codes one int load; for 2-bit codes a
 * load of L shorts widened to ints; for 3-bit codes one byte shuffle. Then code {@code p} of every
 * lane is one shift and one mask, converted to f32: eight f32 vectors per unit, vector {@code p}
 * holding the columns {@code p, p + 8, p + 16, ...}. Accumulators stay in this phase order; only
 * the final store of C puts columns back in order. Eight vectors per row give eight independent FMA
 * chains.
 *
 * <p>Signed codes use offset binary: with {@code h = 2^(bits-1)}, the value of a code {@code u}
 * is {@code (u XOR h) - h}, so the kernels XOR every field with h ({@link #signMask()}) and
 * extract it as unsigned, and the caller subtracts h together with the zero point. The hot loops
 * are the same for both signs.
 */
sealed interface Unpacker permits NibbleUnpacker, CrumbUnpacker, TripletUnpacker {

    /** Codes per int lane and f32 vectors per unit. */
    int PHASES = 8;

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

    /** Bytes of a unit in a packed row: {@code bits * L}. */
    default int unitBytes() { return bits() * L; }

    /** Codes (columns) of a unit: {@code 8L}. */
    default int unitColumns() { return PHASES * L; }

    /** XOR applied to every int lane before extraction: h in every field for signed codes, else 0. */
    default int signMask() {
        if (!signed()) return 0;
        int m = 0;
        for (int p = 0; p < PHASES; p++) m |= 1 << (bits() * p + bits() - 1);
        return m;
    }

    /** Bytes a unit's load reads past the unit (the caller must not let that run past the packed segment). */
    default int overread() { return 0; }

    /** What the kernels' extracted values exceed the true code values by: h for signed codes, else 0. */
    default float valueOffset() { return signed() ? 1 << (bits() - 1) : 0; }

    /**
     * Adds {@code rows} consecutive packed rows, the first at byte {@code off0}, times their activations
     * {@code a[k], a[k+1], ...} to the partial sums of the first {@code units} units of a row:
     * {@code part[u*8L + p*L + j] += sum_r a[k + r] * x_p[row r, unit u][j]}, with {@code x} the extracted
     * (offset) codes. Each unit's eight partial vectors are loaded once and stored once per call.
     */
    void accumulateRows(MemorySegment w, long off0, long rowBytes, int rows, float[] a, int k, int units, float[] part);

    /**
     * The dequantized weights of rows {@code [k0, k1)} of the unit at byte {@code unitByte} of each row, in
     * phase order: {@code out[(k-k0)*8L + p*L + j] = x * scale[p*L + j] + shift[p*L + j]} with {@code x} the
     * extracted (offset) code; the caller passes the block's scales and {@code -(zero + offset) * scale}
     * in phase order.
     */
    void dequantize(MemorySegment w, long rowBytes, long unitByte, int k0, int k1, float[] scale, float[] shift,
                    float[] out);

    /** Field {@code (t >>> shift) & mask} of every lane, as f32. */
    static FloatVector field(IntVector t, int shift, int mask) {
        return (FloatVector) t.lanewise(VectorOperators.LSHR, shift).and(mask).convert(VectorOperators.I2F, 0);
    }
}
