package org.tilevm.codegen.ptx.cuda.backend;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.tilevm.codegen.ptx.cuda.ffm.Availability;
import org.tilevm.codegen.ptx.cuda.ffm.CudaException;
import org.tilevm.codegen.ptx.cuda.ffm.Nvrtc;

/**
 * The plain {@link ModuleCompiler}: NVRTC on every call, nothing cached. It compiles a cubin for
 * the device's {@code sm_XX} when NVRTC supports it, else PTX for the highest {@code compute_XX}
 * below (which the driver JIT-compiles for the newer device), with the options
 * {@code --gpu-architecture=ARCH -default-device --std=c++17} (the printed CUDA needs no headers).
 */
public final class NvrtcModuleCompiler implements ModuleCompiler {
    private final Supplier<Availability<Nvrtc>> nvrtc;
    private volatile List<Integer> archs;

    /** NVRTC as found by the library discovery. */
    public NvrtcModuleCompiler() { this(Nvrtc::shared); }

    public NvrtcModuleCompiler(Supplier<Availability<Nvrtc>> nvrtc) { this.nvrtc = Objects.requireNonNull(nvrtc, "nvrtc"); }

    /** The NVRTC options for {@code arch} ({@code sm_90} or {@code compute_80}). */
    public static List<String> options(String arch) {
        return List.of("--gpu-architecture=" + arch, "-default-device", "--std=c++17");
    }

    @Override
    public String unavailableReason() { return nvrtc.get().reason(); }

    /** {@code sm_XX} when NVRTC supports the device, else {@code compute_YY} for the highest supported YY below it. */
    public String target(ComputeCapability device) {
        List<Integer> supported = supportedArchs();
        if (supported.contains(device.number())) return device.sm();
        int best = -1;
        for (int a : supported) if (a < device.number()) best = Math.max(best, a);
        if (best < 0) {
            throw CudaException.unavailable("choose a target", "NVRTC supports " + supported + " but not compute capability "
                    + device + " or any below it");
        }
        return ComputeCapability.of(best).compute();
    }

    private List<Integer> supportedArchs() {
        List<Integer> a = archs;
        if (a == null) archs = a = nvrtc.get().orThrow("nvrtcGetSupportedArchs").supportedArchs();
        return a;
    }

    @Override
    public ModuleImage compile(String source, String name, ComputeCapability device) {
        Nvrtc n = nvrtc.get().orThrow("nvrtcCompileProgram");
        String target = target(device);
        Nvrtc.Output out = n.compile(source, name + ".cu", options(target));
        return target.startsWith("sm_")
                ? new ModuleImage(ModuleImage.Format.CUBIN, target, out.cubin(), out.log())
                : new ModuleImage(ModuleImage.Format.PTX, target, out.ptx().getBytes(StandardCharsets.UTF_8), out.log());
    }
}
