package org.tilevm.stdlib.quant;

import java.util.Objects;

/**
 * Activations quantized to {@code i8} with one f32 scale per row (the "A8" of W4A8): row r of A is
 * {@code codes[r, :] * scales[r]}. {@link #quantize} makes them symmetrically: {@code scale =
 * max|a[r, :]| / 127} (1 for an all-zero row), {@code code = round(a / scale)} to nearest even,
 * clamped to [-127, 127].
 *
 * @param m      rows
 * @param k      columns
 * @param codes  i8 codes, row-major [M, K]
 * @param scales f32 [M], finite and positive
 */
public record QuantizedActivations(int m, int k, byte[] codes, float[] scales) {

    public QuantizedActivations {
        Objects.requireNonNull(codes, "quantized activations: codes are null");
        Objects.requireNonNull(scales, "quantized activations: scales are null");
        if (m < 1 || k < 1) throw new IllegalArgumentException("quantized activations: M = " + m + ", K = " + k + " must be positive");
        if (codes.length != (long) m * k) {
            throw new IllegalArgumentException("quantized activations: " + codes.length + " codes, expected M*K = " + (long) m * k);
        }
        if (scales.length != m) throw new IllegalArgumentException("quantized activations: " + scales.length + " scales, expected M = " + m);
        for (int r = 0; r < m; r++) {
            if (!(scales[r] > 0) || Float.isInfinite(scales[r])) {
                throw new IllegalArgumentException("quantized activations: scale of row " + r + " is " + scales[r]
                        + ", expected a finite positive number");
            }
        }
    }

    /** Quantizes row-major [M, K] f32 activations (finite values) as described above. */
    public static QuantizedActivations quantize(float[] a, int m, int k) {
        Objects.requireNonNull(a, "quantized activations: a is null");
        if (a.length != (long) m * k) throw new IllegalArgumentException("quantized activations: a has " + a.length + " elements, expected M*K = " + (long) m * k);
        byte[] codes = new byte[a.length];
        float[] scales = new float[m];
        for (int r = 0; r < m; r++) {
            float max = 0;
            for (int c = 0; c < k; c++) {
                float v = a[r * k + c];
                if (!Float.isFinite(v)) throw new IllegalArgumentException("quantized activations: a[" + r + ", " + c + "] = " + v + " is not finite");
                max = Math.max(max, Math.abs(v));
            }
            float scale = max == 0 ? 1f : max / 127f;
            scales[r] = scale;
            for (int c = 0; c < k; c++) {
                double q = Math.rint(a[r * k + c] / (double) scale);
                codes[r * k + c] = (byte) Math.max(-127, Math.min(127, q));
            }
        }
        return new QuantizedActivations(m, k, codes, scales);
    }

    /** The value row r, column c stands for: {@code codes[r, c] * scales[r]}. */
    public double value(int r, int c) { return codes[r * k + c] * (double) scales[r]; }
}
