package org.tilevm.codegen.ptx.cuda.backend;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tilevm.codegen.ptx.cuda.ffm.CudaDriver;

/**
 * The fake CUDA driver of the tests ({@code fake_libcuda.c}): compiled with the host C compiler
 * into a temporary shared library, loaded through the same FFM path as the real driver, with
 * downcalls to its {@code fake_*} hooks. "Device" memory is host memory; a launch records its
 * configuration and parameter bytes and runs a stand-in kernel, {@code dst[i] = ~src[i]}.
 */
final class FakeCuda {
    private static FakeCuda instance;
    private static String failure;

    final Path library;
    final CudaDriver driver;
    private final MethodHandle reset, configure, setKernel, setParamCount, setResults, liveAllocations, launches, lastLaunch, param,
            maxDynamicSmem;

    /** The fake driver, built once per JVM; empty (with the reason) when no C compiler is on PATH. */
    static synchronized Optional<FakeCuda> get() {
        if (instance == null && failure == null) {
            try {
                instance = new FakeCuda(build());
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
        }
        return Optional.ofNullable(instance);
    }

    static String failure() { return failure; }

    private static Path build() throws IOException, InterruptedException {
        Path cc = Optional.ofNullable(System.getenv("PATH")).stream().flatMap(p -> List.of(p.split(File.pathSeparator)).stream())
                .flatMap(d -> List.of("cc", "gcc", "clang").stream().map(n -> Path.of(d.isEmpty() ? "." : d, n)))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException("no C compiler (cc, gcc, clang) on PATH"));
        Path dir = Files.createTempDirectory("tilevm-fake-cuda");
        dir.toFile().deleteOnExit();
        Path src = dir.resolve("fake_libcuda.c"), lib = dir.resolve("libfakecuda.so"); // not libcuda.so.1, so the real discovery never matches it
        try (InputStream in = FakeCuda.class.getResourceAsStream("fake_libcuda.c")) {
            Files.write(src, in.readAllBytes());
        }
        Process p = new ProcessBuilder(cc.toString(), "-shared", "-fPIC", "-O1", "-o", lib.toString(), src.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("cannot build the fake driver: " + out);
        src.toFile().deleteOnExit();
        lib.toFile().deleteOnExit();
        return lib;
    }

    private FakeCuda(Path library) {
        this.library = library;
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        driver = CudaDriver.bind(lookup);
        Linker l = Linker.nativeLinker();
        reset = l.downcallHandle(lookup.find("fake_reset").orElseThrow(), FunctionDescriptor.ofVoid());
        configure = l.downcallHandle(lookup.find("fake_configure").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        setKernel = l.downcallHandle(lookup.find("fake_set_kernel").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_LONG));
        setParamCount = l.downcallHandle(lookup.find("fake_set_param_count").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_INT));
        setResults = l.downcallHandle(lookup.find("fake_set_results").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT));
        liveAllocations = l.downcallHandle(lookup.find("fake_live_allocations").orElseThrow(), FunctionDescriptor.of(JAVA_LONG));
        launches = l.downcallHandle(lookup.find("fake_launches").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
        lastLaunch = l.downcallHandle(lookup.find("fake_last_launch").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        param = l.downcallHandle(lookup.find("fake_param").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        maxDynamicSmem = l.downcallHandle(lookup.find("fake_max_dynamic_smem").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
    }

    private static RuntimeException wrap(Throwable t) { return t instanceof RuntimeException r ? r : new IllegalStateException(t); }

    void reset() {
        try {
            reset.invokeExact();
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /** cuInit's result, the device count and the compute capability. */
    void configure(int initResult, int count, int major, int minor) {
        try {
            configure.invokeExact(initResult, count, major, minor);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /** The stand-in kernel: {@code bytes} bytes of parameter {@code dst} become the complement of parameter {@code src}'s. */
    void kernel(int src, int dst, long bytes) {
        try {
            setKernel.invokeExact(src, dst, bytes);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /** How many parameters a launch records (8 bytes each). */
    void paramCount(int n) {
        try {
            setParamCount.invokeExact(n);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /** Results that cuLaunchKernel and cuStreamSynchronize return. */
    void results(int launch, int sync) {
        try {
            setResults.invokeExact(launch, sync);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    long liveAllocations() {
        try {
            return (long) liveAllocations.invokeExact();
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    int launches() {
        try {
            return (int) launches.invokeExact();
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /** The last launch: grid x, y, z, block x, y, z, dynamic shared bytes. */
    int[] lastLaunch() {
        try {
            int[] out = new int[7];
            for (int i = 0; i < 7; i++) out[i] = (int) lastLaunch.invokeExact(i);
            return out;
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    /** The first 8 bytes of parameter {@code i} of the last launch, little-endian. */
    long param(int i) {
        try {
            return (long) param.invokeExact(i);
        } catch (Throwable t) {
            throw wrap(t);
        }
    }

    int maxDynamicSmem() {
        try {
            return (int) maxDynamicSmem.invokeExact();
        } catch (Throwable t) {
            throw wrap(t);
        }
    }
}
