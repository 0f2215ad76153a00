package org.tilevm.codegen.ptx.cuda.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tilevm.codegen.ptx.GpuCodegen;
import org.tilevm.codegen.ptx.cuda.CudaPrinter;
import org.tilevm.codegen.ptx.cuda.ffm.Availability;
import org.tilevm.codegen.ptx.cuda.ffm.CudaDriver;
import org.tilevm.codegen.ptx.cuda.ffm.CudaException;
import org.tilevm.codegen.ptx.cuda.ffm.FunctionAttribute;
import org.tilevm.codegen.ptx.lower.LoweringException;
import org.tilevm.codegen.ptx.lower.Specialization;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirVerificationException;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.print.ProgramPrinter;
import org.tilevm.spec.verify.VerificationException;
import org.tilevm.spec.verify.Verifier;

/**
 * Backend {@code cuda}: runs programs on an NVIDIA GPU. A launch verifies the program, lowers it
 * for the divisibility signature of its arguments ({@link GpuCodegen#lower}), prints CUDA C++
 * ({@link CudaPrinter}), compiles it ({@link ModuleCompiler}, NVRTC by default), loads the module
 * and launches the kernel on the default stream with the program's grid, {@code numThreads}
 * threads and {@code sharedBytes} of dynamic shared memory (raising the kernel's limit above
 * 48 KB), then waits for it. Loaded kernels are kept per (program text, signature, compute
 * capability).
 *
 * <p>Pointer arguments are {@link DeviceTensor#segment()}s of this backend's device, passed as they
 * are; as a convenience a host segment is also accepted: it is copied to a temporary device
 * buffer before the launch and back (unless read-only) after it. Scalars follow
 * {@link Backend#launch}. Device pointers must be 16-byte aligned (the lowering assumes so) and
 * two pointer arguments must not be the same memory (the kernel's pointers are
 * {@code __restrict__}).
 *
 * <p>Priority 100, so that {@link org.tilevm.spec.backend.Backends#best()} picks it where it is
 * available: a CUDA driver with a device and NVRTC. Availability is probed once, without
 * exceptions; {@link #unavailableReason()} says what is missing.
 */
public final class CudaBackend implements Backend {
    private final Supplier<Availability<CudaDevice>> device;
    private final ModuleCompiler compiler;
    private final Map<Key, CompiledKernel> kernels = new ConcurrentHashMap<>();

    private record Key(String program, String signature, ComputeCapability capability) {}

    /** Device 0 of the driver found by the library discovery, compiled with NVRTC (the ServiceLoader constructor). */
    public CudaBackend() { this(() -> CudaDevice.shared(0), new CachingModuleCompiler()); }

    /**
     * @param device   the device to run on (asked on every probe and launch, so it should be cached)
     * @param compiler turns CUDA C++ into a module image
     */
    public CudaBackend(Supplier<Availability<CudaDevice>> device, ModuleCompiler compiler) {
        this.device = Objects.requireNonNull(device, "device");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    @Override
    public String name() { return "cuda"; }

    @Override
    public Processor processor() { return Processor.GPU; }

    @Override
    public int priority() { return 100; }

    @Override
    public boolean isAvailable() { return unavailableReason().isEmpty(); }

    @Override
    public String unavailableReason() {
        String d = device.get().reason();
        if (!d.isEmpty()) return d;
        String c = compiler.unavailableReason();
        return c.isEmpty() ? "" : "a CUDA device is present but the kernel compiler is not: " + c;
    }

    /** The device this backend runs on. @throws LaunchException when there is none */
    public CudaDevice device() {
        return switch (device.get()) {
            case Availability.Available<CudaDevice> a -> a.value();
            case Availability.Unavailable<CudaDevice> u -> throw new LaunchException("the cuda backend is unavailable: " + u.reason());
        };
    }

    /** How many kernels are loaded. */
    public int loadedKernels() { return kernels.size(); }

    /**
     * Verifies, lowers, compiles and loads {@code program} for arguments like {@code args} (only
     * the integer scalars matter: their divisibility), or returns the kernel loaded before.
     *
     * @throws LaunchException naming the program and the step that failed, with its cause
     */
    public CompiledKernel compile(Program program, Map<String, ?> args) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(args, "args");
        try {
            Verifier.check(program);
        } catch (VerificationException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        CudaDevice dev = device();
        Specialization spec = Specialization.of(program, args);
        Key key = new Key(ProgramPrinter.print(program), spec.signature(), dev.info().capability());
        return kernels.computeIfAbsent(key, k -> load(dev, program, args));
    }

    private CompiledKernel load(CudaDevice dev, Program program, Map<String, ?> args) {
        ThreadProgram tp;
        try {
            tp = GpuCodegen.lower(program, args);
        } catch (LoweringException | TirVerificationException e) {
            throw new LaunchException(program.name() + ": cannot lower for the GPU: " + e.getMessage(), e);
        }
        DeviceInfo info = dev.info();
        if (tp.sharedBytes() > info.maxSharedPerBlockOptin()) {
            throw new LaunchException(program.name() + ": needs " + tp.sharedBytes() + " bytes of shared memory per block; "
                    + info.name() + " allows " + info.maxSharedPerBlockOptin());
        }
        String source, name = CudaPrinter.kernelName(tp);
        try {
            source = CudaPrinter.print(tp);
        } catch (org.tilevm.codegen.ptx.cuda.CudaException e) {
            throw new LaunchException(program.name() + ": cannot print CUDA: " + e.getMessage(), e);
        }
        try {
            ModuleImage image = compiler.compile(source, name, info.capability());
            CudaDriver d = dev.driver();
            dev.makeCurrent();
            MemorySegment module;
            try (Arena a = Arena.ofConfined()) {
                byte[] bytes = image.image();
                // PTX is loaded as a NUL-terminated string; a trailing NUL is harmless after a cubin
                MemorySegment data = a.allocate(bytes.length + 1L, 16);
                MemorySegment.copy(bytes, 0, data, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
                module = d.moduleLoadData(data).module();
            }
            MemorySegment function = d.moduleGetFunction(module, name);
            if (tp.sharedBytes() > info.maxSharedPerBlock()) {
                d.setFunctionAttribute(function, FunctionAttribute.MAX_DYNAMIC_SHARED_SIZE_BYTES, tp.sharedBytes());
            }
            return new CompiledKernel(tp, name, image, module, function);
        } catch (CudaException e) {
            throw new LaunchException(program.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code program} over its grid on the device and waits for it.
     *
     * @throws LaunchException for bad arguments, a program that cannot be lowered or compiled, a
     *                         missing device, or a failing CUDA call (the {@link CudaException} as cause)
     */
    @Override
    public void launch(Program program, Map<String, Object> args) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(args, "args");
        CudaDevice dev = device();
        KernelArguments bound = KernelArguments.bind(program, args);
        CompiledKernel kernel = compile(program, args);
        int[] grid = bound.grid;
        DeviceInfo info = dev.info();
        if (grid[1] > info.maxGridY() || grid[2] > info.maxGridZ()) {
            throw new LaunchException(program.name() + ": grid [" + grid[0] + ", " + grid[1] + ", " + grid[2] + "] exceeds the device's "
                    + "limits of " + info.maxGridY() + " blocks along y and " + info.maxGridZ() + " along z");
        }
        if (grid[0] == 0 || grid[1] == 0 || grid[2] == 0) return;
        ThreadProgram tp = kernel.program();
        try (Arena launch = Arena.ofConfined()) {
            Map<String, Long> addresses = new HashMap<>();
            List<Runnable> copyBack = new ArrayList<>();
            List<MemorySegment> hostRanges = new ArrayList<>();
            for (Param p : tp.params()) {
                if (!p.pointer()) continue;
                MemorySegment seg = bound.pointers.get(p.name());
                long address = seg == null ? workspace(dev, tp, p, args, launch).address()
                        : devicePointer(program, dev, p, seg, launch, copyBack, hostRanges);
                if (address % 16 != 0) {
                    throw new LaunchException(program.name() + ": pointer argument '" + p.name() + "' is at 0x"
                            + Long.toHexString(address) + ", which is not 16-byte aligned (the generated code assumes it is)");
                }
                for (var e : addresses.entrySet()) {
                    if (e.getValue() == address) {
                        throw new LaunchException(program.name() + ": pointer arguments '" + e.getKey() + "' and '" + p.name()
                                + "' are the same memory (the kernel's pointers are __restrict__)");
                    }
                }
                addresses.put(p.name(), address);
            }
            MemorySegment params = KernelParams.marshal(tp.params(), addresses, bound.scalars, launch);
            CudaDriver d = dev.driver();
            dev.makeCurrent();
            d.launchKernel(kernel.function(), grid[0], grid[1], grid[2], tp.numThreads(), 1, 1, tp.sharedBytes(), MemorySegment.NULL,
                    params);
            d.streamSynchronize(MemorySegment.NULL);
            copyBack.forEach(Runnable::run);
        } catch (CudaException e) {
            throw new LaunchException(program.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Device timing: every argument set is copied to the device once (device tensors are used as
     * they are), then each launch is bracketed by CUDA events on the default stream; launch i uses
     * set {@code i mod sets}. All sets must have the divisibility signature of the first (they run
     * one compiled kernel). Returns seconds per timed launch.
     */
    @Override
    public double[] time(Program program, List<Map<String, Object>> argSets, int warmup, int runs) {
        Objects.requireNonNull(program, "program");
        if (argSets.isEmpty()) throw new IllegalArgumentException("time: no argument sets");
        CudaDevice dev = device();
        CompiledKernel kernel = compile(program, argSets.getFirst());
        String signature = Specialization.of(program, argSets.getFirst()).signature();
        ThreadProgram tp = kernel.program();
        try (Arena arena = Arena.ofConfined()) {
            List<MemorySegment> params = new ArrayList<>();
            List<List<DeviceTensor>> workspaces = new ArrayList<>();
            int[] grid = null;
            for (Map<String, Object> args : argSets) {
                if (!Specialization.of(program, args).signature().equals(signature)) {
                    throw new LaunchException(program.name() + ": argument sets for timing differ in divisibility ("
                            + signature + " vs " + Specialization.of(program, args).signature() + ")");
                }
                KernelArguments bound = KernelArguments.bind(program, args);
                grid = bound.grid;
                Map<String, Long> addresses = new HashMap<>();
                List<DeviceTensor> ws = new ArrayList<>();
                for (Param p : tp.params()) {
                    if (!p.pointer()) continue;
                    MemorySegment seg = bound.pointers.get(p.name());
                    if (seg == null) {
                        DeviceTensor t = workspace(dev, tp, p, args, arena);
                        ws.add(t);
                        addresses.put(p.name(), t.address());
                    } else {
                        addresses.put(p.name(), Allocations.find(seg).isPresent() ? seg.address() : dev.copyOf(seg, arena).address());
                    }
                }
                workspaces.add(ws);
                params.add(KernelParams.marshal(tp.params(), addresses, bound.scalars, arena));
            }
            CudaDriver d = dev.driver();
            dev.makeCurrent();
            double[] out = new double[runs];
            if (grid[0] == 0 || grid[1] == 0 || grid[2] == 0) return out;
            MemorySegment start = d.eventCreate(0), end = d.eventCreate(0);
            try {
                for (int i = 0; i < warmup; i++) {
                    workspaces.get(i % params.size()).forEach(t -> t.fill((byte) 0)); // each launch starts from zeros
                    launchOn(d, kernel, grid, params.get(i % params.size()));
                }
                d.streamSynchronize(MemorySegment.NULL);
                for (int i = 0; i < runs; i++) {
                    workspaces.get((warmup + i) % params.size()).forEach(t -> t.fill((byte) 0)); // outside the timed region
                    d.eventRecord(start, MemorySegment.NULL);
                    launchOn(d, kernel, grid, params.get((warmup + i) % params.size()));
                    d.eventRecord(end, MemorySegment.NULL);
                    d.eventSynchronize(end);
                    out[i] = d.eventElapsedTime(start, end) * 1e-3;
                }
            } finally {
                d.eventDestroy(start);
                d.eventDestroy(end);
            }
            return out;
        } catch (CudaException e) {
            throw new LaunchException(program.name() + ": " + e.getMessage(), e);
        }
    }

    private static void launchOn(CudaDriver d, CompiledKernel kernel, int[] grid, MemorySegment params) {
        ThreadProgram tp = kernel.program();
        d.launchKernel(kernel.function(), grid[0], grid[1], grid[2], tp.numThreads(), 1, 1, tp.sharedBytes(), MemorySegment.NULL, params);
    }

    /**
     * The device's DRAM bandwidth from its attributes: memory clock (kHz) x bus width (bits) / 8 x 2
     * (double data rate); empty when unavailable or unreported.
     */
    @Override
    public java.util.OptionalDouble peakBandwidth() {
        if (!isAvailable()) return java.util.OptionalDouble.empty();
        try {
            CudaDevice dev = device();
            CudaDriver d = dev.driver();
            int handle = d.device(dev.info().ordinal());
            long khz = d.deviceAttribute(handle, org.tilevm.codegen.ptx.cuda.ffm.DeviceAttribute.MEMORY_CLOCK_RATE);
            long bits = d.deviceAttribute(handle, org.tilevm.codegen.ptx.cuda.ffm.DeviceAttribute.GLOBAL_MEMORY_BUS_WIDTH);
            if (khz <= 0 || bits <= 0) return java.util.OptionalDouble.empty();
            return java.util.OptionalDouble.of(khz * 1e3 * bits / 8 * 2);
        } catch (CudaException | LaunchException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    /** A zero-filled device workspace for {@code allocate_global} parameter {@code p}, alive as long as {@code arena}. */
    private static DeviceTensor workspace(CudaDevice dev, ThreadProgram tp, Param p, Map<String, ?> args, Arena arena) {
        ThreadProgram.Workspace w = tp.workspaces().stream().filter(x -> x.param().equals(p.name())).findFirst()
                .orElseThrow(() -> new LaunchException(tp.name() + ": no argument for pointer parameter '" + p.name() + "'"));
        DeviceTensor t = dev.allocate(Math.max(16, w.bytes(tp.integerArguments(args))), arena);
        t.fill((byte) 0);
        return t;
    }

    /** The device address for pointer argument {@code seg}: its own for a device segment, else a temporary copy of the host data. */
    private static long devicePointer(Program program, CudaDevice dev, Param p, MemorySegment seg, Arena launch, List<Runnable> copyBack,
                                      List<MemorySegment> hostRanges) {
        String where = program.name() + ": pointer argument '" + p.name() + "'";
        if (!seg.scope().isAlive()) throw new LaunchException(where + " was freed (its arena is closed)");
        var alloc = Allocations.find(seg);
        if (alloc.isPresent()) {
            if (alloc.get().device() != dev) {
                throw new LaunchException(where + " is memory of device " + alloc.get().device().info().ordinal()
                        + "; this backend runs on device " + dev.info().ordinal());
            }
            return seg.address();
        }
        for (MemorySegment other : hostRanges) {
            if (other.asOverlappingSlice(seg).isPresent()) {
                throw new LaunchException(where + " overlaps another pointer argument (the kernel's pointers are __restrict__)");
            }
        }
        hostRanges.add(seg);
        DeviceTensor staging = dev.allocate(seg.byteSize(), launch);
        staging.copyFrom(seg);
        if (!seg.isReadOnly()) copyBack.add(() -> staging.copyTo(seg));
        return staging.address();
    }

    @Override
    public String toString() {
        return switch (device.get()) {
            case Availability.Available<CudaDevice> a -> "cuda backend on " + a.value();
            case Availability.Unavailable<CudaDevice> u -> "cuda backend (unavailable: " + u.reason() + ")";
        };
    }
}
