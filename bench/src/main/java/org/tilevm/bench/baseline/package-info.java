/**
 * Hand-written CPU kernels for the quantized matmul of {@code org.tilevm.stdlib.quant}, on the same
 * packed weight format, that the TileVM JVM backend is measured against: {@link
 * org.tilevm.bench.baseline.ScalarQmatmul} (the obvious scalar loop) and {@link
 * org.tilevm.bench.baseline.VectorQmatmul} (a careful Vector API kernel in the style of the Java
 * LLM runtimes). Both are tested against the float64 reference.
 */
package org.tilevm.bench.baseline;
