/**
 * The CPU backend {@code jvm}: a verified program is compiled with ASM to a hidden class
 * ({@link org.tilevm.codegen.jvm.JvmCompiler}) whose {@code runBlock} method is the program body as
 * bytecode; {@link org.tilevm.codegen.jvm.JvmBackend} caches compiled kernels by program text and
 * runs the blocks of a grid in parallel. Results are bit-identical to the reference interpreter
 * ({@code org.tilevm.spec.interp}). Subpackages: {@code gen} (the code generator, one class per
 * instruction family) and {@code runtime} (the helpers generated code calls, and the per-launch
 * state). The design, the measurements and what comes next are in {@code codegen-jvm/JVM-BACKEND.md}.
 */
package org.tilevm.codegen.jvm;
