/**
 * TileVM data types: the integers and the low-bit floats that kernels compute on, their exact
 * values, the one rounding rule, conversions, and how tensors of them are laid out in memory.
 *
 * <p><b>Role.</b> Every other part of TileVM agrees on numbers through this package: the IR names
 * element types with {@link org.tilevm.spec.dtype.DType}, the reference interpreter computes with
 * {@link org.tilevm.spec.dtype.DType#decode decode} / {@link org.tilevm.spec.dtype.DType#encode
 * encode} / {@link org.tilevm.spec.dtype.DType#convert convert} and reads memory with
 * {@link org.tilevm.spec.dtype.BitPacking}, and the backends are tested bit-for-bit against that
 * interpreter. So this package is the definition, not an approximation: {@code vm-spec/SPEC.md (Part D)}
 * states the same rules in prose, with worked examples that are tests.
 *
 * <p><b>Main idea.</b> A value is its <em>code</em>, the raw bit pattern in the low bits of a
 * {@code long}; a type is a small immutable record that gives codes their meaning. Integers
 * ({@link org.tilevm.spec.dtype.IntType}: {@code u1..u8, i1..i8}, 16/32/64-bit) are plain binary
 * or two's complement. Floats ({@link org.tilevm.spec.dtype.FloatType}) are one parametric family
 * {@code fNeEmM} (sign, E exponent bits, M mantissa bits, bias 2^(E-1)-1, subnormals) that
 * covers OCP MX FP4/FP6, every other format of at most 8 bits, and f16/bf16/f32; the formats
 * differ only in which codes are special (none, OCP E4M3's single NaN, or IEEE inf/NaN). Because
 * every code of a float up to f32 is exactly a {@code double}, decoding is exact, and encoding
 * rounds the exact value once, to nearest with ties to the even code, then saturates: no double
 * rounding, no overflow to infinity. Tensors of N-bit elements are dense LSB-first bit streams,
 * so a 4-bit weight matrix is byte-for-byte what GPTQ-style kernels expect.
 */
package org.tilevm.spec.dtype;
