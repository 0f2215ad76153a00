package org.tilevm.bench.baseline;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of the Vector API baseline, fixed once per JVM as constants (the JIT only
 * intrinsifies vector code whose species it sees as constants): f32 and i32 vectors of the
 * preferred shape ({@code L} lanes: 8 with AVX2, 16 with AVX-512; at least 8, so 128-bit
 * machines use 256-bit vectors, emulated but correct), short vectors of L lanes (half the bit
 * size) and byte vectors of 4L bytes (the same bit size as the f32 vector).
 */
final class Lanes {
    private Lanes() {}

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() >= 8
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.length() >= 8
            ? IntVector.SPECIES_PREFERRED : IntVector.SPECIES_256;
    /** f32 lanes per vector. */
    static final int L = F.length();
    /** L shorts: widened lane by lane to L ints. */
    static final VectorSpecies<Short> S_HALF = ShortVector.SPECIES_PREFERRED.length() >= 16
            ? halfOf(ShortVector.SPECIES_PREFERRED) : ShortVector.SPECIES_128;
    /** 4L bytes: reinterpreted as L ints. */
    static final VectorSpecies<Byte> B_FULL = ByteVector.SPECIES_PREFERRED.length() >= 32
            ? ByteVector.SPECIES_PREFERRED : ByteVector.SPECIES_256;

    private static VectorSpecies<Short> halfOf(VectorSpecies<Short> s) {
        return VectorSpecies.of(short.class, VectorShape.forBitSize(s.vectorBitSize() / 2));
    }
}
