package org.tilevm.codegen.ptx.cuda.backend;

/**
 * Turns the CUDA C++ of a kernel into a module image for a GPU of a given compute capability. The
 * CUDA backend calls nothing else to compile, so a caching implementation (kernel cache on disk,
 * target choice) can wrap or replace {@link NvrtcModuleCompiler}, the plain one.
 */
public interface ModuleCompiler {
    /**
     * Compiles one self-contained translation unit (no headers).
     *
     * @param source the CUDA C++ text ({@link org.tilevm.codegen.ptx.cuda.CudaPrinter#print})
     * @param name   a name for logs and file names, e.g. the kernel's name
     * @param device the compute capability of the GPU the image must run on
     * @throws org.tilevm.codegen.ptx.cuda.ffm.CudaException when compilation fails (with the compiler's log)
     */
    ModuleImage compile(String source, String name, ComputeCapability device);

    /** Why this compiler cannot work here (e.g. NVRTC not found), in one paragraph; empty when it can. Cheap; never throws. */
    default String unavailableReason() { return ""; }
}
