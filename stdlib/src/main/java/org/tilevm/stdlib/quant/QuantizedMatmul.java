package org.tilevm.stdlib.quant;

import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Program;

/** C[M,N] = A[M,K] x dequant(W[K,N]). CONTRACT STUB: signatures are fixed. */
public final class QuantizedMatmul {
    private QuantizedMatmul() {}

    /** The kernel program for activations of {@code aType} (F16 or F32) and these weights' dtype/group/zero-point form. */
    public static Program program(DType aType, QuantizedWeights w) { throw new UnsupportedOperationException("being written"); }

    /** Runs the kernel on {@code backend}; a is row-major [M,K] (values representable in aType); returns C row-major f32 [M,N]. */
    public static float[] run(Backend backend, float[] a, DType aType, int m, QuantizedWeights w) {
        throw new UnsupportedOperationException("being written");
    }

    /** Float64 reference: sum_k a[i,k] * w.dequantized(k, j), with a rounded to aType first. */
    public static double[] reference(float[] a, DType aType, int m, QuantizedWeights w) {
        throw new UnsupportedOperationException("being written");
    }

    /** The tolerance the spec states for max|C - ref| / max(max|ref|, tiny), given aType and K. */
    public static double tolerance(DType aType, int k) { throw new UnsupportedOperationException("being written"); }
}
