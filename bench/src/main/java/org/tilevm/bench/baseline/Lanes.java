package org.tilevm.bench.baseline;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of the Vector API baseline, fixed once per JVM as constants (the JIT only
 * intrinsifies vector code whose species it sees as constants): f32 and i32 vectors of the
 * preferred shape ({@code L} lanes: 8 with AVX2, 16 with AVX-512; at least 8, so 128-bit
 * machines use 256-bit vectors, emulated but correct), and byte vectors of L bytes (one byte
 * per f32 lane) and of 4L bytes (the same bit size as the f32 vector).
 */
final class Lanes {
    private Lanes() {}

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() >= 8
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.length() >= 8
            ? IntVector.SPECIES_PREFERRED : IntVector.SPECIES_256;
    /** f32 lanes per vector. */
    static final int L = F.length();
    /** L bytes: widened lane by lane to L ints. */
    static final VectorSpecies<Byte> B_LANE = ByteVector.SPECIES_PREFERRED.length() >= 32
            ? quarterOf(ByteVector.SPECIES_PREFERRED) : ByteVector.SPECIES_64;
    /** 4L bytes: reinterpreted as L ints. */
    static final VectorSpecies<Byte> B_FULL = ByteVector.SPECIES_PREFERRED.length() >= 32
            ? ByteVector.SPECIES_PREFERRED : ByteVector.SPECIES_256;

    private static VectorSpecies<Byte> quarterOf(VectorSpecies<Byte> s) {
        return VectorSpecies.of(byte.class, VectorShape.forBitSize(s.vectorBitSize() / 4));
    }
}
