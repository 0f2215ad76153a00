package org.tilevm.stdlib.quant;

import org.tilevm.spec.dtype.DType;

/** Host-side quantization of float matrices. CONTRACT STUB: signatures are fixed. */
public final class Quantizer {
    private Quantizer() {}

    /** Quantizes row-major w[K,N] to {@code type} with per-group (along K) scales, zero points for uint types. */
    public static QuantizedWeights quantize(float[] w, int k, int n, DType type, int groupSize) {
        throw new UnsupportedOperationException("being written");
    }
}
