/**
 * Quantized matrix multiplication {@code C = A x dequant(W)} for weights of any 1..8-bit integer
 * or float type, and the host-side utilities around it.
 *
 * <p>{@link org.tilevm.stdlib.quant.Quantizer} turns a float matrix into
 * {@link org.tilevm.stdlib.quant.QuantizedWeights}: codes packed as a row-major {@code [K, Npad]}
 * LSB-first bit stream ({@code Npad} = N rounded up to 8, so 8 codes of a row are exactly
 * {@code bits} bytes), per-group scales along K and, for unsigned types, zero points.
 * {@link org.tilevm.stdlib.quant.QuantizedMatmul} builds the kernel with the frontend DSL (one
 * program per {@link org.tilevm.stdlib.quant.QMatmulConfig}: a block tile of 16 x 64, k-tiles
 * staged through shared memory, the packed bytes loaded as whole groups per thread and
 * {@code view}ed as the weight type, dequantized in f32, {@code dot} into an f32 accumulator),
 * runs it on a backend, and states the float64 reference and the tolerance it must meet.
 * The normative description is {@code stdlib/QMATMUL.md}.
 */
package org.tilevm.stdlib.quant;
