package org.tilevm.codegen.jvm.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API rows of {@link F32Elementwise}: one loop per operation, NaN lanes blended to the canonical NaN. */
final class F32ElementwiseVector {
    private F32ElementwiseVector() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    static void binary(int op, float[] a, int ai, float[] b, int bi, float[] out, int rows, int cols) {
        int whole = cols - cols % 8;
        for (int i = 0; i < rows; i++) {
            int ao = i * ai, bo = i * bi, o = i * cols;
            switch (op) {
                case F32Elementwise.ADD -> {
                    for (int j = 0; j < whole; j += 8) store(FloatVector.fromArray(F, a, ao + j).add(FloatVector.fromArray(F, b, bo + j)), out, o + j);
                }
                case F32Elementwise.SUB -> {
                    for (int j = 0; j < whole; j += 8) store(FloatVector.fromArray(F, a, ao + j).sub(FloatVector.fromArray(F, b, bo + j)), out, o + j);
                }
                case F32Elementwise.MUL -> {
                    for (int j = 0; j < whole; j += 8) store(FloatVector.fromArray(F, a, ao + j).mul(FloatVector.fromArray(F, b, bo + j)), out, o + j);
                }
                default -> {
                    for (int j = 0; j < whole; j += 8) store(FloatVector.fromArray(F, a, ao + j).div(FloatVector.fromArray(F, b, bo + j)), out, o + j);
                }
            }
            for (int j = whole; j < cols; j++) out[o + j] = F32Elementwise.canonical(F32Elementwise.apply(op, a[ao + j], b[bo + j]));
        }
    }

    private static void store(FloatVector v, float[] out, int at) {
        v.blend(Float.NaN, v.test(VectorOperators.IS_NAN)).intoArray(out, at);
    }

    static void canonicalize(float[] v, int n) {
        int whole = n - n % 8;
        for (int e = 0; e < whole; e += 8) store(FloatVector.fromArray(F, v, e), v, e);
        for (int e = whole; e < n; e++) v[e] = F32Elementwise.canonical(v[e]);
    }
}
