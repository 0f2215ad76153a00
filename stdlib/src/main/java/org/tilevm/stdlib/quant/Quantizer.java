package org.tilevm.stdlib.quant;

import java.util.Objects;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.IntType;

/**
 * Host-side quantization of float matrices, per group of {@code G} rows along K and per column.
 *
 * <ul>
 * <li><b>Signed integer and float types</b> (symmetric, no zero point):
 *     {@code scale = absmax / q} where {@code q = type.maxValue()} (the largest finite value), or
 *     {@code -type.minValue()} when the maximum is 0 ({@code i1}, whose values are -1 and 0);
 *     {@code code = encode(w / scale)} (round to nearest even, saturate).</li>
 * <li><b>Unsigned integer types</b> (asymmetric, with zero point): with
 *     {@code lo = min(min w, 0)}, {@code hi = max(max w, 0)} and {@code q = 2^bits - 1}:
 *     {@code scale = (hi - lo) / q}, {@code zero = clamp(round(-lo / scale), 0, q)} (an integer),
 *     {@code code = clamp(round(w / scale + zero), 0, q)}.</li>
 * </ul>
 * A group whose values are all zero gets scale 1 (and zero point 0). Scales are rounded to f32
 * first and the codes are computed with the rounded scale.
 */
public final class Quantizer {
    private Quantizer() {}

    /** Quantizes row-major w[K,N] to {@code type} with per-group (along K) scales, zero points for uint types. */
    public static QuantizedWeights quantize(float[] w, int k, int n, DType type, int groupSize) {
        Objects.requireNonNull(w, "quantize: w is null");
        Objects.requireNonNull(type, "quantize: type is null");
        if (type.bits() > 8) throw new IllegalArgumentException("quantize: type " + type.name() + " is wider than 8 bits");
        if (k < 1 || n < 1) throw new IllegalArgumentException("quantize: shape [" + k + "," + n + "] must be positive");
        if (groupSize < 1) throw new IllegalArgumentException("quantize: group size " + groupSize + " must be >= 1");
        if (w.length != (long) k * n) {
            throw new IllegalArgumentException("quantize: w has " + w.length + " elements, expected K*N = " + (long) k * n);
        }
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException("quantize: w[" + i / n + "," + i % n + "] = " + w[i] + " is not finite");
            }
        }
        boolean asymmetric = type instanceof IntType it && !it.signed();
        int groups = QuantizedWeights.groups(k, groupSize);
        float[] scales = new float[groups * n];
        float[] zeros = asymmetric ? new float[groups * n] : null;
        long[] codes = new long[k * n];
        for (int g = 0; g < groups; g++) {
            int r0 = g * groupSize, r1 = Math.min(k, r0 + groupSize);
            for (int c = 0; c < n; c++) {
                if (asymmetric) {
                    quantizeAsymmetric(w, n, (IntType) type, r0, r1, c, g, scales, zeros, codes);
                } else {
                    quantizeSymmetric(w, n, type, r0, r1, c, g, scales, codes);
                }
            }
        }
        return QuantizedWeights.fromCodes(codes, k, n, type, groupSize, scales, zeros);
    }

    /** The divisor of symmetric scaling: the largest finite value, or -min for types whose max is 0. */
    static double symmetricRange(DType type) {
        double q = type.maxValue();
        return q > 0 ? q : -type.minValue();
    }

    private static void quantizeSymmetric(float[] w, int n, DType type, int r0, int r1, int c, int g,
                                          float[] scales, long[] codes) {
        double absmax = 0;
        for (int r = r0; r < r1; r++) absmax = Math.max(absmax, Math.abs(w[r * n + c]));
        float scale = absmax == 0 ? 1f : (float) (absmax / symmetricRange(type));
        if (scale == 0f) scale = Float.MIN_NORMAL; // absmax below f32 range after division
        scales[g * n + c] = scale;
        for (int r = r0; r < r1; r++) codes[r * n + c] = type.encode(w[r * n + c] / (double) scale);
    }

    private static void quantizeAsymmetric(float[] w, int n, IntType type, int r0, int r1, int c, int g,
                                           float[] scales, float[] zeros, long[] codes) {
        double lo = 0, hi = 0;
        for (int r = r0; r < r1; r++) {
            lo = Math.min(lo, w[r * n + c]);
            hi = Math.max(hi, w[r * n + c]);
        }
        double q = type.maxLong();
        float scale = hi == lo ? 1f : (float) ((hi - lo) / q);
        if (scale == 0f) scale = Float.MIN_NORMAL;
        double zero = Math.clamp(Math.rint(-lo / scale), 0, q);
        scales[g * n + c] = scale;
        zeros[g * n + c] = (float) zero;
        for (int r = r0; r < r1; r++) {
            codes[r * n + c] = (long) Math.clamp(Math.rint(w[r * n + c] / (double) scale + zero), 0, q);
        }
    }
}
