package org.tilevm.codegen.jvm.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API rows of {@link F32Elementwise}: one loop per operation and operand form, NaN lanes blended to the canonical NaN. */
final class F32ElementwiseVector {
    private F32ElementwiseVector() {}

    /** The widest vectors the machine runs (512 bits with AVX-512): half the instructions of 256-bit ones on these short rows. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    /**
     * Rows of {@code out = a op b}; a column stride ({@code aj}, {@code bj}) of 1 is a row of the
     * operand, 0 one value broadcast along the row (not both 0).
     */
    static void binary(int op, float[] a, int ai, int aj, float[] b, int bi, int bj, float[] out, int rows, int cols) {
        int whole = cols - cols % L;
        for (int i = 0; i < rows; i++) {
            int ao = i * ai, bo = i * bi, o = i * cols;
            if (aj == 1 && bj == 1) rows(op, a, ao, b, bo, out, o, whole);
            else if (bj == 0) rowScalar(op, a, ao, b[bo], false, out, o, whole);
            else rowScalar(op, b, bo, a[ao], true, out, o, whole);
            for (int j = whole; j < cols; j++) {
                out[o + j] = F32Elementwise.canonical(F32Elementwise.apply(op, a[ao + j * aj], b[bo + j * bj]));
            }
        }
    }

    private static void rows(int op, float[] a, int ao, float[] b, int bo, float[] out, int o, int whole) {
        switch (op) {
            case F32Elementwise.ADD -> {
                for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, a, ao + j).add(FloatVector.fromArray(F, b, bo + j)), out, o + j);
            }
            case F32Elementwise.SUB -> {
                for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, a, ao + j).sub(FloatVector.fromArray(F, b, bo + j)), out, o + j);
            }
            case F32Elementwise.MUL -> {
                for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, a, ao + j).mul(FloatVector.fromArray(F, b, bo + j)), out, o + j);
            }
            default -> {
                for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, a, ao + j).div(FloatVector.fromArray(F, b, bo + j)), out, o + j);
            }
        }
    }

    /** {@code x op s} along a row, or {@code s op x} when {@code scalarFirst}. */
    private static void rowScalar(int op, float[] x, int xo, float s, boolean scalarFirst, float[] out, int o, int whole) {
        FloatVector sv = FloatVector.broadcast(F, s);
        switch (op) {
            case F32Elementwise.ADD -> { // x + s == s + x (IEEE addition commutes, NaNs are canonicalized)
                for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, x, xo + j).add(sv), out, o + j);
            }
            case F32Elementwise.MUL -> {
                for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, x, xo + j).mul(sv), out, o + j);
            }
            case F32Elementwise.SUB -> {
                if (scalarFirst) for (int j = 0; j < whole; j += L) store(sv.sub(FloatVector.fromArray(F, x, xo + j)), out, o + j);
                else for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, x, xo + j).sub(sv), out, o + j);
            }
            default -> {
                if (scalarFirst) for (int j = 0; j < whole; j += L) store(sv.div(FloatVector.fromArray(F, x, xo + j)), out, o + j);
                else for (int j = 0; j < whole; j += L) store(FloatVector.fromArray(F, x, xo + j).div(sv), out, o + j);
            }
        }
    }

    private static void store(FloatVector v, float[] out, int at) {
        v.blend(Float.NaN, v.compare(VectorOperators.NE, v)) /* NaN != NaN: less to inline than test(IS_NAN) */.intoArray(out, at);
    }

    static void canonicalize(float[] v, int n) {
        int whole = n - n % L;
        for (int e = 0; e < whole; e += L) store(FloatVector.fromArray(F, v, e), v, e);
        for (int e = whole; e < n; e++) v[e] = F32Elementwise.canonical(v[e]);
    }
}
