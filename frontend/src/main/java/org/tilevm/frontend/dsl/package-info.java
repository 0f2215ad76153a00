/**
 * The Java authoring DSL: builds TileVM programs by <em>staging</em>.
 *
 * <p>{@link org.tilevm.frontend.dsl.Kernel#build} runs ordinary Java code once, at build time.
 * Every call on the {@link org.tilevm.frontend.dsl.Kernel} appends a statement to the program
 * being built; Java loops therefore unroll and Java {@code if}s choose which code is emitted,
 * while {@code forRange}, {@code ifThen}/{@code ifElse}, {@code whileLoop} and {@code breakLoop}
 * emit IR control flow. Scalars ({@link org.tilevm.frontend.dsl.Scalar}) are immutable
 * expression trees; tensors ({@link org.tilevm.frontend.dsl.RegisterTensor},
 * {@link org.tilevm.frontend.dsl.SharedTensor}, {@link org.tilevm.frontend.dsl.GlobalTensor})
 * are handles to named tensors of the program, and tensor operations return new tensors with
 * fresh, program-unique names (or overwrite an explicit {@code out}). Builders check scoping,
 * ranks, dtypes and layouts as they go and fail with a {@link org.tilevm.frontend.dsl.DslException}
 * naming the kernel and the place; the verifier of {@code vm-spec} then checks the whole program.
 * The normative description with a worked example is {@code frontend/DSL.md}.
 */
package org.tilevm.frontend.dsl;
