/**
 * The GPU backend (not yet written; see issues "The GPU path" and "Run on the GPU"): lowers a
 * block-level program to a thread-level one (register arrays, {@code ldmatrix}, {@code mma.sync},
 * {@code cp.async}, bit-trick casts), prints it as CUDA C++ with inline PTX, compiles it with
 * NVRTC and launches it through the CUDA driver, both bound with the FFM API.
 */
package org.tilevm.codegen.ptx;
