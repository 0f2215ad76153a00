/**
 * The CPU backend (not yet written; see issue "The CPU path"): compiles a verified program to a
 * hidden JVM class with ASM, runs the blocks of the grid in parallel and block-collective
 * instructions as loops, and uses the Vector API for unpacking low-bit codes and for dot
 * products. Its results must be bit-identical to the reference interpreter in
 * {@code org.tilevm.spec.interp}.
 */
package org.tilevm.codegen.jvm;
