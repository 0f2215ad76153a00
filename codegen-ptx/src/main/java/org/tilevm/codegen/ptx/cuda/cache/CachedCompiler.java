package org.tilevm.codegen.ptx.cuda.cache;

import java.util.List;

/**
 * A {@link Compiler} behind a {@link KernelCache}: the entry point for the CUDA backend. The key
 * is the source, the options, the cache's codegen version, the compiler's version and the
 * target's architecture, so any of them changing compiles afresh.
 */
public final class CachedCompiler {
    private final KernelCache cache;
    private final Compiler compiler;
    private final String compilerVersion;

    /**
     * @param compilerVersion the compiler's version, part of every key (for NVRTC, "13.0" from {@code nvrtcVersion})
     */
    public CachedCompiler(KernelCache cache, Compiler compiler, String compilerVersion) {
        this.cache = cache;
        this.compiler = compiler;
        this.compilerVersion = compilerVersion;
    }

    /**
     * The image of {@code source} for {@code target}; {@code options} are the compiler options
     * other than the architecture (the compiler adds {@link CompileTarget#nvrtcOption()}).
     */
    public CacheResult compile(String source, List<String> options, CompileTarget target) {
        List<String> opts = List.copyOf(options);
        CacheKey key = cache.key(source, opts, compilerVersion, target.arch());
        return cache.getOrCompile(key, () -> compiler.compile(source, opts, target));
    }

    public KernelCache cache() { return cache; }
}
