package org.tilevm.codegen.ptx.cuda.backend;

import java.lang.foreign.MemorySegment;
import org.tilevm.codegen.ptx.tir.ThreadProgram;

/**
 * A kernel ready to launch on one device: the lowered program (launch shape, parameter order),
 * the module image it was loaded from and the driver's function handle.
 *
 * @param program  the thread-level program (numThreads, sharedBytes, grid, params)
 * @param name     the kernel's symbol in the module
 * @param image    what was loaded (cubin or PTX, target, compiler log)
 * @param module   the {@code CUmodule} (loaded for the life of the backend)
 * @param function the {@code CUfunction}
 */
public record CompiledKernel(ThreadProgram program, String name, ModuleImage image, MemorySegment module, MemorySegment function) {}
