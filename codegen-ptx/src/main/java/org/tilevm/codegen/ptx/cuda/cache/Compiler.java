package org.tilevm.codegen.ptx.cuda.cache;

import java.util.List;

/**
 * Compiles one CUDA C++ translation unit for a target. The CUDA backend implements it with NVRTC
 * (create the program, compile with {@code options} plus {@link CompileTarget#nvrtcOption()}, then
 * {@code nvrtcGetCUBIN} or {@code nvrtcGetPTX} according to {@link CompileTarget#kind()}); tests
 * use plain lambdas. The cache depends only on this interface, so it is testable without CUDA.
 *
 * <p>A compiler must be deterministic for the purpose of the cache: the same source, options and
 * target give an equivalent image. Failures are thrown (the cache stores nothing for them).
 */
@FunctionalInterface
public interface Compiler {
    Compiled compile(String source, List<String> options, CompileTarget target);
}
