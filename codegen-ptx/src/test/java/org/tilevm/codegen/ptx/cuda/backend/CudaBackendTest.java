package org.tilevm.codegen.ptx.cuda.backend;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.cuda.ffm.Availability;
import org.tilevm.codegen.ptx.cuda.ffm.CudaDriver;
import org.tilevm.codegen.ptx.cuda.ffm.CudaException;
import org.tilevm.codegen.ptx.cuda.ffm.CudaLibraries;
import org.tilevm.codegen.ptx.cuda.ffm.CudaLibrary;
import org.tilevm.codegen.ptx.cuda.ffm.LibrarySearch;
import org.tilevm.codegen.ptx.cuda.ffm.Nvrtc;
import org.tilevm.codegen.ptx.cuda.ffm.SearchEnvironment;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.ir.Program;

/**
 * The CUDA backend where there is no GPU: unavailable with the discovery's message, never chosen
 * by {@link Backends#best()}, launches fail with a {@link LaunchException}; and, when NVRTC is
 * found, real cubins from NVRTC loaded by the fake driver and target choice.
 */
class CudaBackendTest {
    /** A search environment with nothing in it, and a loader that knows no soname. */
    static LibrarySearch missingDriver() {
        SearchEnvironment empty = new SearchEnvironment(k -> null, k -> null, null, List.of(), List.of());
        CudaLibraries.Loader none = new CudaLibraries.Loader() {
            @Override
            public SymbolLookup bySoname(String soname) { throw new IllegalArgumentException("not found: " + soname); }

            @Override
            public SymbolLookup byPath(Path file) { throw new IllegalArgumentException("not found: " + file); }
        };
        return CudaLibraries.search(CudaLibrary.DRIVER, empty, none);
    }

    static CudaBackend withoutDriver() {
        LibrarySearch.Missing m = (LibrarySearch.Missing) missingDriver();
        Availability<CudaDevice> dev = CudaDevice.open(new Availability.Unavailable<CudaDriver>(m.message()), 0);
        return new CudaBackend(() -> dev, new NvrtcModuleCompiler());
    }

    @Test
    void withoutADriverTheBackendIsUnavailableWithTheSearchMessage() {
        CudaBackend b = withoutDriver();
        assertFalse(b.isAvailable());
        String reason = b.unavailableReason();
        assertTrue(reason.startsWith("the CUDA driver (libcuda.so.1) was not found."), reason);
        assertTrue(reason.contains("$CUDA_HOME (unset)") && reason.contains("TILEVM_CUDA_LIB_PATH"), reason);
        assertEquals("cuda", b.name());
        assertEquals(100, b.priority());
        assertTrue(b.toString().contains("unavailable"));
    }

    @Test
    void withoutADriverLaunchThrowsLaunchExceptionWithTheReason() {
        CudaBackend b = withoutDriver();
        Program p = GpuKernels.scale();
        MemorySegment buf = MemorySegment.ofArray(new float[16 * 64]);
        LaunchException e = assertThrows(LaunchException.class,
                () -> b.launch(p, Map.of("m", 16, "n", 64, "a", buf, "c", buf, "s", 1.0)));
        assertTrue(e.getMessage().contains("cuda backend is unavailable") && e.getMessage().contains(b.unavailableReason()), e.getMessage());
        assertThrows(LaunchException.class, () -> b.compile(p, Map.of()));
    }

    @Test
    void theServiceLoaderFindsTheCudaBackendNextToTheOthers() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/" + Backend.class.getName())) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
            assertTrue(lines.contains(CudaBackend.class.getName()) && lines.contains("org.tilevm.codegen.ptx.sim.SimBackend"), lines.toString());
        }
        Backend cuda = Backends.all().stream().filter(b -> b.name().equals("cuda")).findFirst().orElseThrow();
        assertEquals(100, cuda.priority());
        assertEquals("cuda", Backends.all().getFirst().name(), "highest priority first");
        assertEquals(cuda.isAvailable(), cuda.unavailableReason().isEmpty());
    }

    @Test
    void withoutAGpuBestIsStillTheInterpreter() {
        Backend cuda = Backends.all().stream().filter(b -> b.name().equals("cuda")).findFirst().orElseThrow();
        assumeFalse(cuda.isAvailable(), "a CUDA device is present");
        assertEquals("interp", Backends.best().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.named("cuda"));
        assertTrue(e.getMessage().contains("backend 'cuda' is not available: ") && e.getMessage().contains(cuda.unavailableReason()),
                e.getMessage());
    }

    @Test
    void computeCapabilityNames() {
        ComputeCapability h100 = ComputeCapability.of(90);
        assertEquals(new ComputeCapability(9, 0), h100);
        assertEquals("sm_90", h100.sm());
        assertEquals("compute_90", h100.compute());
        assertEquals("12.0", ComputeCapability.of(120).toString());
        assertTrue(ComputeCapability.of(86).compareTo(ComputeCapability.of(89)) < 0);
        assertThrows(IllegalArgumentException.class, () -> new ComputeCapability(0, 0));
    }

    // ---- with NVRTC (skipped when it is not found)

    static Nvrtc nvrtc() {
        Availability<Nvrtc> a = Nvrtc.shared();
        assumeTrue(a.isAvailable(), () -> "NVRTC not found: " + a.reason());
        return a.orThrow("test");
    }

    @Test
    void targetIsTheDevicesCubinWhenSupportedElsePtxBelow() {
        List<Integer> archs = nvrtc().supportedArchs();
        NvrtcModuleCompiler c = new NvrtcModuleCompiler();
        assertEquals("", c.unavailableReason());
        assertEquals("sm_90", c.target(ComputeCapability.of(90)));
        assertEquals("sm_80", c.target(ComputeCapability.of(80)));
        int newest = archs.getLast();
        assertEquals("compute_" + newest, c.target(new ComputeCapability(newest / 10 + 5, 0)), "a future GPU gets PTX");
        assertTrue(archs.getFirst() > 10);
        CudaException e = assertThrows(CudaException.class, () -> c.target(new ComputeCapability(1, 0)), "older than anything NVRTC supports");
        assertTrue(e.getMessage().contains("not compute capability 1.0"), e.getMessage());
    }

    @Test
    void nvrtcCubinsLoadIntoTheFakeDriverAndRun() {
        nvrtc();
        FakeCuda fake = FakeCuda.get().orElse(null);
        assumeTrue(fake != null, () -> "no fake driver: " + FakeCuda.failure());
        fake.reset();
        CudaDevice device = CudaDevice.open(new Availability.Available<>(fake.driver, "fake"), 0).orThrow("open");
        CudaBackend backend = new CudaBackend(() -> new Availability.Available<>(device, "fake"), new NvrtcModuleCompiler());
        assertTrue(backend.isAvailable(), backend.unavailableReason());
        for (Program p : List.of(GpuKernels.mmaTile(), GpuKernels.bigShared())) {
            CompiledKernel k = backend.compile(p, Map.of());
            assertEquals(ModuleImage.Format.CUBIN, k.image().format());
            assertEquals("sm_90", k.image().target());
            assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(k.image().image(), 4));
        }
        Program p = GpuKernels.mmaTile();
        fake.kernel(0, 2, 16 * 16 * 4); // "c" = ~"a" (first 1 KB of a: it has 16 * 32 halves)
        Random rnd = new Random(5);
        byte[] a = new byte[16 * 32 * 2];
        rnd.nextBytes(a);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment c = arena.allocate(16 * 16 * 4, 16);
            backend.launch(p, Map.of("a", MemorySegment.ofArray(a), "b", MemorySegment.ofArray(new byte[32 * 16 * 2]), "c", c));
            for (int i = 0; i < c.byteSize(); i++) assertEquals((byte) ~a[i], c.get(JAVA_BYTE, i), "byte " + i);
        }
    }
}
