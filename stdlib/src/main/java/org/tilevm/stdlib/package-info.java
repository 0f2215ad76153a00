/**
 * The TileVM standard library: kernels written with the frontend DSL, with the host-side code
 * that prepares their inputs and the float64 references they are checked against. Each kernel
 * family lives in a subpackage; the first is {@link org.tilevm.stdlib.quant} (quantized matmul
 * with 1..8-bit weights). Programs are built once per configuration (dtypes, group size, ...)
 * and take the problem sizes as launch parameters, so one program serves every shape.
 */
package org.tilevm.stdlib;
