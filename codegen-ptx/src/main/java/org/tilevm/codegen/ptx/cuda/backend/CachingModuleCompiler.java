package org.tilevm.codegen.ptx.cuda.backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.tilevm.codegen.ptx.cuda.cache.CacheResult;
import org.tilevm.codegen.ptx.cuda.cache.CachedCompiler;
import org.tilevm.codegen.ptx.cuda.cache.CompileTarget;
import org.tilevm.codegen.ptx.cuda.cache.Compiled;
import org.tilevm.codegen.ptx.cuda.cache.KernelCache;
import org.tilevm.codegen.ptx.cuda.cache.TargetChoice;
import org.tilevm.codegen.ptx.cuda.cache.UnsupportedDeviceException;
import org.tilevm.codegen.ptx.cuda.ffm.Availability;
import org.tilevm.codegen.ptx.cuda.ffm.CudaException;
import org.tilevm.codegen.ptx.cuda.ffm.Nvrtc;

/**
 * The {@link ModuleCompiler} the cuda backend uses by default: the target from
 * {@link TargetChoice} (cubin for the device's exact arch when NVRTC supports it, else PTX for the
 * highest arch below; devices older than sm_80 are refused), NVRTC through the on-disk
 * {@link KernelCache} (key: CUDA source, options, {@link #CODEGEN_VERSION}, NVRTC version, arch),
 * so a kernel is compiled once per machine and loaded from disk by later processes.
 */
public final class CachingModuleCompiler implements ModuleCompiler {
    /** Bumped when the launch convention or parameter layout changes (the CUDA text is in the key anyway). */
    public static final String CODEGEN_VERSION = "tilevm-cuda-1";

    private final Supplier<Availability<Nvrtc>> nvrtc;
    private final KernelCache cache;
    private volatile CachedCompiler compiler;

    public CachingModuleCompiler() { this(Nvrtc::shared, KernelCache.fromEnvironment(CODEGEN_VERSION)); }

    public CachingModuleCompiler(Supplier<Availability<Nvrtc>> nvrtc, KernelCache cache) {
        this.nvrtc = Objects.requireNonNull(nvrtc, "nvrtc");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public String unavailableReason() { return nvrtc.get().reason(); }

    @Override
    public ModuleImage compile(String source, String name, ComputeCapability device) {
        Nvrtc n = nvrtc.get().orThrow("nvrtcCompileProgram");
        CompileTarget target;
        try {
            target = TargetChoice.choose(device.major(), device.minor(), n.supportedArchs());
        } catch (UnsupportedDeviceException e) {
            throw CudaException.unavailable("choose a target", e.getMessage());
        }
        CacheResult r = compiler(n).compile(source, NvrtcModuleCompiler.options(target.arch()).subList(1, 3), target);
        return new ModuleImage(target.kind() == CompileTarget.Kind.CUBIN ? ModuleImage.Format.CUBIN : ModuleImage.Format.PTX,
                target.arch(), r.image(), r.log());
    }

    private CachedCompiler compiler(Nvrtc n) {
        CachedCompiler c = compiler;
        if (c == null) {
            c = new CachedCompiler(cache, (source, options, target) -> {
                List<String> opts = new ArrayList<>(options);
                opts.add(0, target.nvrtcOption());
                Nvrtc.Output out = n.compile(source, "kernel.cu", opts);
                return target.kind() == CompileTarget.Kind.CUBIN
                        ? new Compiled(out.cubin(), out.log())
                        : new Compiled(out.ptx().getBytes(StandardCharsets.UTF_8), out.log());
            }, n.version().toString());
            compiler = c;
        }
        return c;
    }
}
