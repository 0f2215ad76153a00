package org.tilevm.codegen.ptx.cuda.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written Panama FFM bindings of NVRTC ({@code libnvrtc.so.13} or {@code .12}), the CUDA
 * runtime compiler: version, supported architectures and one-call compilation of a translation
 * unit to PTX and (for a real {@code sm_XX} target) a cubin. A failing call becomes a
 * {@link CudaException} with the error name from {@code nvrtcGetErrorString} and, for a failed
 * compilation, NVRTC's program log.
 */
public final class Nvrtc {
    private static final String LIB = "libnvrtc";
    private static final FunctionDescriptor I_AA = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    private static final FunctionDescriptor I_A = FunctionDescriptor.of(JAVA_INT, ADDRESS);

    private static Availability<Nvrtc> shared;

    private final MethodHandle nvrtcVersion, nvrtcGetNumSupportedArchs, nvrtcGetSupportedArchs, nvrtcCreateProgram,
            nvrtcCompileProgram, nvrtcGetProgramLogSize, nvrtcGetProgramLog, nvrtcGetPTXSize, nvrtcGetPTX, nvrtcGetCUBINSize,
            nvrtcGetCUBIN, nvrtcDestroyProgram, nvrtcGetErrorString;

    /** {@code major.minor} of NVRTC (the CUDA toolkit it belongs to). */
    public record Version(int major, int minor) {
        @Override
        public String toString() { return major + "." + minor; }
    }

    /**
     * The result of a compilation.
     *
     * @param log   NVRTC's program log (warnings; empty when clean)
     * @param ptx   the PTX text
     * @param cubin the cubin; empty when the target was a virtual {@code compute_XX} architecture
     */
    public record Output(String log, String ptx, byte[] cubin) {}

    /**
     * Binds every function from {@code lib}.
     *
     * @throws CudaException when a function is missing (NVRTC older than 11.2)
     */
    public static Nvrtc bind(SymbolLookup lib) { return new Nvrtc(lib); }

    /** NVRTC of this process, found once with {@link CudaLibraries#find}; never throws. */
    public static synchronized Availability<Nvrtc> shared() {
        if (shared == null) {
            shared = switch (CudaLibraries.find(CudaLibrary.NVRTC)) {
                case LibrarySearch.Missing m -> new Availability.Unavailable<>(m.message());
                case LibrarySearch.Found f -> {
                    try {
                        yield new Availability.Available<>(bind(f.lookup()), f.where().describe());
                    } catch (CudaException e) {
                        yield new Availability.Unavailable<>(f.where().describe() + ": " + e.getMessage());
                    }
                }
            };
        }
        return shared;
    }

    private Nvrtc(SymbolLookup lib) {
        nvrtcVersion = fn(lib, I_AA, "nvrtcVersion");
        nvrtcGetNumSupportedArchs = fn(lib, I_A, "nvrtcGetNumSupportedArchs");
        nvrtcGetSupportedArchs = fn(lib, I_A, "nvrtcGetSupportedArchs");
        nvrtcCreateProgram = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
                "nvrtcCreateProgram");
        nvrtcCompileProgram = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), "nvrtcCompileProgram");
        nvrtcGetProgramLogSize = fn(lib, I_AA, "nvrtcGetProgramLogSize");
        nvrtcGetProgramLog = fn(lib, I_AA, "nvrtcGetProgramLog");
        nvrtcGetPTXSize = fn(lib, I_AA, "nvrtcGetPTXSize");
        nvrtcGetPTX = fn(lib, I_AA, "nvrtcGetPTX");
        nvrtcGetCUBINSize = fn(lib, I_AA, "nvrtcGetCUBINSize");
        nvrtcGetCUBIN = fn(lib, I_AA, "nvrtcGetCUBIN");
        nvrtcDestroyProgram = fn(lib, I_A, "nvrtcDestroyProgram");
        nvrtcGetErrorString = fn(lib, FunctionDescriptor.of(ADDRESS, JAVA_INT), "nvrtcGetErrorString");
    }

    private static MethodHandle fn(SymbolLookup lib, FunctionDescriptor fd, String name) {
        return Downcalls.function(lib, LIB, fd, name);
    }

    /** {@code nvrtcGetErrorString}: the result's enum name, e.g. {@code NVRTC_ERROR_COMPILATION}. */
    public String errorString(int code) {
        try {
            return Downcalls.string((MemorySegment) nvrtcGetErrorString.invokeExact(code));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    private void check(String function, int rc, String log) {
        if (rc != 0) {
            String name = errorString(rc);
            throw new CudaException(function, rc, name, name, log);
        }
    }

    /** {@code nvrtcVersion}. */
    public Version version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT), minor = a.allocate(JAVA_INT);
            check("nvrtcVersion", (int) nvrtcVersion.invokeExact(major, minor), "");
            return new Version(major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code nvrtcGetSupportedArchs}: the {@code sm_XX} numbers this NVRTC compiles for, ascending (e.g. 75, 80, ..., 120). */
    public List<Integer> supportedArchs() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            check("nvrtcGetNumSupportedArchs", (int) nvrtcGetNumSupportedArchs.invokeExact(n), "");
            int count = n.get(JAVA_INT, 0);
            MemorySegment archs = a.allocate(JAVA_INT, Math.max(1, count));
            check("nvrtcGetSupportedArchs", (int) nvrtcGetSupportedArchs.invokeExact(archs), "");
            List<Integer> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) out.add(archs.getAtIndex(JAVA_INT, i));
            return List.copyOf(out);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /**
     * Compiles one translation unit (no headers) with {@code options}, e.g.
     * {@code --gpu-architecture=sm_90}; returns the PTX, the cubin (for a real architecture) and
     * the log.
     *
     * @param name the file name shown in the log, e.g. {@code matmul.cu}
     * @throws CudaException for {@code nvrtcCompileProgram} with NVRTC's log when the source does not compile
     */
    public Output compile(String source, String name, List<String> options) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment progOut = a.allocate(ADDRESS);
            check("nvrtcCreateProgram", (int) nvrtcCreateProgram.invokeExact(progOut, a.allocateFrom(source), a.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL), "");
            MemorySegment prog = progOut.get(ADDRESS, 0);
            try {
                MemorySegment opts = a.allocate(ADDRESS, Math.max(1, options.size()));
                for (int i = 0; i < options.size(); i++) opts.setAtIndex(ADDRESS, i, a.allocateFrom(options.get(i)));
                int rc = (int) nvrtcCompileProgram.invokeExact(prog, options.size(), opts);
                String log = programLog(a, prog);
                check("nvrtcCompileProgram(" + name + ", " + String.join(" ", options) + ")", rc, log);
                String ptx = new String(bytes(a, prog, nvrtcGetPTXSize, nvrtcGetPTX, "nvrtcGetPTX"), java.nio.charset.StandardCharsets.UTF_8);
                int nul = ptx.indexOf('\0');
                if (nul >= 0) ptx = ptx.substring(0, nul);
                byte[] cubin = bytes(a, prog, nvrtcGetCUBINSize, nvrtcGetCUBIN, "nvrtcGetCUBIN");
                return new Output(log, ptx, cubin);
            } finally {
                check("nvrtcDestroyProgram", (int) nvrtcDestroyProgram.invokeExact(progOut), "");
            }
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    private String programLog(Arena a, MemorySegment prog) throws Throwable {
        MemorySegment size = a.allocate(JAVA_LONG);
        check("nvrtcGetProgramLogSize", (int) nvrtcGetProgramLogSize.invokeExact(prog, size), "");
        long n = size.get(JAVA_LONG, 0);
        if (n <= 1) return "";
        MemorySegment buf = a.allocate(n);
        check("nvrtcGetProgramLog", (int) nvrtcGetProgramLog.invokeExact(prog, buf), "");
        return buf.getString(0).strip();
    }

    private byte[] bytes(Arena a, MemorySegment prog, MethodHandle sizeFn, MethodHandle getFn, String function) throws Throwable {
        MemorySegment size = a.allocate(JAVA_LONG);
        check(function + "Size", (int) sizeFn.invokeExact(prog, size), "");
        long n = size.get(JAVA_LONG, 0);
        if (n == 0) return new byte[0];
        MemorySegment buf = a.allocate(n);
        check(function, (int) getFn.invokeExact(prog, buf), "");
        return buf.toArray(JAVA_BYTE);
    }
}
