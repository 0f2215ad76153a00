package org.tilevm.codegen.ptx.cuda.backend;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.GpuCodegen;
import org.tilevm.codegen.ptx.cuda.ffm.Availability;
import org.tilevm.codegen.ptx.cuda.ffm.CudaDriver;
import org.tilevm.codegen.ptx.cuda.ffm.CudaException;
import org.tilevm.codegen.ptx.cuda.ffm.FunctionAttribute;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * The driver bindings, device tensors and the CUDA backend's launch path against a fake
 * {@code libcuda} (see {@link FakeCuda}) built with the host C compiler: everything but the GPU
 * itself — symbol names and signatures as bound through FFM, JIT log buffers, module and
 * function lookup, the dynamic shared memory attribute, grid and block, the bytes of every
 * kernel parameter, host staging and copy-back, error names and strings. Skipped without a C
 * compiler. Kernels are compiled by a stub that emits PTX-like text naming the kernel, so no
 * NVRTC is needed either.
 */
class FakeDriverTest {
    FakeCuda fake;
    CudaDevice device;
    AtomicInteger compilations = new AtomicInteger();
    String jitMarker = "";

    @BeforeEach
    void setUp() {
        fake = FakeCuda.get().orElse(null);
        assumeTrue(fake != null, () -> "no fake driver: " + FakeCuda.failure());
        fake.reset();
        device = open();
    }

    CudaDevice open() {
        return CudaDevice.open(new Availability.Available<>(fake.driver, "fake"), 0).orThrow("open");
    }

    /** A compiler stub: PTX-like text that names the kernel (which the fake's cuModuleGetFunction looks for). */
    ModuleCompiler stub() {
        return (source, name, cc) -> {
            compilations.incrementAndGet();
            assertTrue(source.contains("extern \"C\" __global__"), "compiles the printed CUDA");
            String ptx = "// fake\n.version 9.0\n.target " + cc.sm() + "\n.visible .entry " + name + "()\n" + jitMarker;
            return new ModuleImage(ModuleImage.Format.PTX, cc.compute(), ptx.getBytes(StandardCharsets.UTF_8), "");
        };
    }

    CudaBackend backend() { return new CudaBackend(() -> new Availability.Available<>(device, "fake"), stub()); }

    static int index(Program p, String name) {
        List<Param> ps = p.params();
        for (int i = 0; i < ps.size(); i++) if (ps.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException(name);
    }

    static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    static byte[] complement(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) ~b[i];
        return out;
    }

    // ---- devices and bindings

    @Test
    void deviceInfoComesFromTheDriverAttributes() {
        DeviceInfo info = device.info();
        assertEquals("TileVM fake GPU", info.name());
        assertEquals(new ComputeCapability(9, 0), info.capability());
        assertEquals(132, info.multiprocessors());
        assertEquals(48 * 1024, info.maxSharedPerBlock());
        assertEquals(227 * 1024, info.maxSharedPerBlockOptin());
        assertEquals(65535, info.maxGridY());
        assertEquals(80L << 30, info.totalMemory());
        assertEquals(13000, info.driverVersion());
        assertTrue(info.describe().contains("sm_90") && info.describe().contains("driver CUDA 13.0"), info.describe());
    }

    @Test
    void errorNamesAndStringsComeFromTheDriver() {
        CudaDriver d = fake.driver;
        assertEquals("CUDA_ERROR_NO_DEVICE", d.errorName(100));
        assertEquals("no CUDA-capable device is detected", d.errorString(100));
        assertEquals("", d.errorName(12345), "unknown code");
        CudaException e = assertThrows(CudaException.class, () -> d.device(7));
        assertEquals("cuDeviceGet", e.function());
        assertEquals(101, e.code());
        assertTrue(e.getMessage().startsWith("cuDeviceGet: error 101"), e.getMessage());
    }

    @Test
    void noDeviceMakesTheBackendUnavailableWithTheDriversReason() {
        fake.configure(100, 0, 9, 0);
        Availability<CudaDevice> a = CudaDevice.open(new Availability.Available<>(fake.driver, "fake"), 0);
        assertFalse(a.isAvailable());
        assertTrue(a.reason().contains("cuInit: CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)"), a.reason());
        CudaBackend b = new CudaBackend(() -> a, stub());
        assertFalse(b.isAvailable());
        assertEquals(a.reason(), b.unavailableReason());
        LaunchException e = assertThrows(LaunchException.class, () -> b.launch(GpuKernels.mmaTile(), Map.of()));
        assertTrue(e.getMessage().contains("CUDA_ERROR_NO_DEVICE"), e.getMessage());
    }

    @Test
    void zeroDevicesOrAMissingOrdinalAreReported() {
        fake.configure(0, 0, 9, 0);
        assertTrue(CudaDevice.open(new Availability.Available<>(fake.driver, "fake"), 0).reason().contains("reports 0 devices"));
        fake.configure(0, 2, 9, 0);
        assertTrue(CudaDevice.open(new Availability.Available<>(fake.driver, "fake"), 2).reason().contains("no device 2"));
        assertTrue(CudaDevice.open(new Availability.Available<>(fake.driver, "fake"), 1).isAvailable());
    }

    @Test
    void aMissingCompilerMakesTheBackendUnavailable() {
        ModuleCompiler none = new ModuleCompiler() {
            @Override
            public ModuleImage compile(String source, String name, ComputeCapability device) { throw new AssertionError(); }

            @Override
            public String unavailableReason() { return "NVRTC (libnvrtc.so.13 or libnvrtc.so.12) was not found."; }
        };
        CudaBackend b = new CudaBackend(() -> new Availability.Available<>(device, "fake"), none);
        assertFalse(b.isAvailable());
        assertTrue(b.unavailableReason().contains("kernel compiler") && b.unavailableReason().contains("NVRTC"), b.unavailableReason());
    }

    @Test
    void streamsEventsAndAsyncCopies() {
        CudaDriver d = fake.driver;
        device.makeCurrent();
        MemorySegment stream = d.streamCreate(1), start = d.eventCreate(0), end = d.eventCreate(0);
        Random rnd = new Random(11);
        byte[] data = randomBytes(rnd, 4096);
        try (Arena a = Arena.ofConfined()) {
            DeviceTensor x = device.allocate(4096, a), y = device.allocate(4096, a);
            MemorySegment host = a.allocate(4096), back = a.allocate(4096);
            host.copyFrom(MemorySegment.ofArray(data));
            d.eventRecord(start, stream);
            d.memcpyHtoDAsync(x.address(), host, 4096, stream);
            d.memcpyDtoDAsync(y.address(), x.address(), 4096, stream);
            d.memcpyDtoHAsync(back, y.address(), 4096, stream);
            d.eventRecord(end, stream);
            d.eventSynchronize(end);
            d.streamSynchronize(stream);
            assertArrayEquals(data, back.toArray(JAVA_BYTE));
            assertTrue(d.eventElapsedTime(start, end) >= 0);
        }
        d.eventDestroy(start);
        d.eventDestroy(end);
        d.streamDestroy(stream);
    }

    // ---- device tensors

    @Test
    void deviceTensorCopiesFillsAndSlices() {
        Random rnd = new Random(1);
        long live = fake.liveAllocations();
        try (DeviceTensor t = device.allocate(1000); DeviceTensor u = device.allocate(1000)) {
            assertEquals(live + 2, fake.liveAllocations());
            byte[] data = randomBytes(rnd, 1000);
            t.copyFrom(MemorySegment.ofArray(data)); // heap source: staged
            assertArrayEquals(data, t.toArray());
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = a.allocate(1000);
                t.copyTo(host); // native destination: direct
                assertArrayEquals(data, host.toArray(JAVA_BYTE));
            }
            u.copyFrom(t);
            assertArrayEquals(data, u.toArray());
            u.fill((byte) 0x5a);
            byte[] patch = randomBytes(rnd, 200);
            u.slice(100, 200).copyFrom(MemorySegment.ofArray(patch));
            byte[] got = u.toArray();
            for (int i = 0; i < 1000; i++) assertEquals(i >= 100 && i < 300 ? patch[i - 100] : 0x5a, got[i], "byte " + i);
            assertTrue(device.holds(t.segment()) && device.holds(u.slice(999, 1).segment()));
            assertFalse(device.holds(MemorySegment.ofArray(data)));
            assertThrows(IndexOutOfBoundsException.class, () -> t.copyFrom(MemorySegment.ofArray(new byte[1001])));
            assertThrows(IndexOutOfBoundsException.class, () -> t.slice(900, 101));
            assertThrows(IllegalStateException.class, () -> t.slice(0, 10).close(), "a slice is freed with its tensor");
            assertThrows(IllegalArgumentException.class, () -> t.copyFrom(u.segment()), "device segments are not host memory");
        }
        assertEquals(live, fake.liveAllocations(), "closing frees");
    }

    @Test
    void deviceSegmentsAreZeroLengthSoTheHostCannotDereferenceThem() {
        try (DeviceTensor t = device.allocate(64)) {
            MemorySegment s = t.segment();
            assertEquals(0, s.byteSize());
            assertEquals(t.address(), s.address());
            assertThrows(IndexOutOfBoundsException.class, () -> s.get(JAVA_BYTE, 0));
        }
    }

    @Test
    void arenaOwnedTensorsAreFreedWithTheArena() {
        long live = fake.liveAllocations();
        DeviceTensor t;
        try (Arena a = Arena.ofConfined()) {
            t = device.allocate(10, a);
            device.copyOf(MemorySegment.ofArray(new byte[] {1, 2, 3}), a);
            assertEquals(live + 2, fake.liveAllocations());
            assertThrows(IllegalStateException.class, t::close, "the arena owns it");
        }
        assertEquals(live, fake.liveAllocations());
        assertFalse(t.isAlive());
        assertThrows(IllegalStateException.class, t::toArray);
        assertFalse(device.holds(t.segment()), "unregistered when freed");
    }

    // ---- the backend's launch path

    @Test
    void timingCopiesEachArgumentSetOnceAndBracketsEachLaunchWithEvents() {
        Program p = GpuKernels.scale();
        int m = 32, n = 128, bytes = m * n * 4;
        fake.kernel(index(p, "a"), index(p, "c"), bytes);
        fake.paramCount(p.params().size());
        CudaBackend backend = backend();
        long live = fake.liveAllocations();
        try (Arena arena = Arena.ofConfined()) {
            java.util.List<Map<String, Object>> sets = new java.util.ArrayList<>();
            for (int s = 0; s < 3; s++) {
                MemorySegment ha = arena.allocate(bytes, 16), hc = arena.allocate(bytes, 16);
                ha.fill((byte) (s + 1));
                sets.add(Map.of("m", m, "n", n, "a", ha, "c", hc, "s", 0.5));
            }
            int before = fake.launches();
            double[] t = backend.time(p, sets, 2, 5);
            assertEquals(5, t.length);
            assertEquals(2 + 5, fake.launches() - before, "warm-up and timed launches");
            for (double x : t) assertTrue(x >= 0 && Double.isFinite(x), "elapsed " + x);
            MemorySegment odd = arena.allocate(bytes, 16);
            var bad = new java.util.ArrayList<>(sets);
            bad.add(Map.of("m", m + 1, "n", n, "a", odd, "c", odd, "s", 0.5));
            assertThrows(org.tilevm.spec.backend.LaunchException.class, () -> backend.time(p, bad, 0, 1),
                    "a set with another divisibility signature is refused");
        }
        assertEquals(live, fake.liveAllocations(), "device copies freed after timing");
        assertEquals(2619000e3 * 5120 / 8 * 2, backend.peakBandwidth().orElseThrow(), 1, "memory clock x bus width x 2");
    }

    @Test
    void launchMarshalsGridBlockAndEveryParameterAndCopiesHostDataBothWays() {
        Program p = GpuKernels.scale();
        int m = 32, n = 128, bytes = m * n * 4;
        fake.kernel(index(p, "a"), index(p, "c"), bytes);
        fake.paramCount(p.params().size());
        Random rnd = new Random(2);
        byte[] a = randomBytes(rnd, bytes);
        long live = fake.liveAllocations();
        CudaBackend backend = backend();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ha = arena.allocate(bytes, 16), hc = arena.allocate(bytes, 16);
            ha.copyFrom(MemorySegment.ofArray(a));
            hc.fill((byte) 7);
            backend.launch(p, Map.of("m", m, "n", n, "a", ha, "c", hc, "s", 0.5));
            assertArrayEquals(complement(a), hc.toArray(JAVA_BYTE), "a copied in, c copied back");
            assertArrayEquals(a, ha.toArray(JAVA_BYTE), "inputs are copied back unchanged");
            ThreadProgram tp = GpuCodegen.lower(p, Map.of("m", m, "n", n));
            assertArrayEquals(new int[] {2, 2, 1, tp.numThreads(), 1, 1, tp.sharedBytes()}, fake.lastLaunch());
            assertEquals(m, (int) fake.param(index(p, "m")));
            assertEquals(n, (int) fake.param(index(p, "n")));
            assertEquals(0x3800, fake.param(index(p, "s")) & 0xffff, "f16 0.5 passed as its code");
            long da = fake.param(index(p, "a")), dc = fake.param(index(p, "c"));
            assertTrue(da != 0 && da % 16 == 0 && dc % 16 == 0 && da != dc && da != ha.address(), "staged device buffers");
        }
        assertEquals(live, fake.liveAllocations(), "staging buffers freed");
    }

    @Test
    void heapAndReadOnlySegmentsAreStaged() {
        Program p = GpuKernels.scale();
        int m = 16, n = 64, bytes = m * n * 4;
        fake.kernel(index(p, "a"), index(p, "c"), bytes);
        Random rnd = new Random(3);
        byte[] a = randomBytes(rnd, bytes), c = new byte[bytes];
        CudaBackend backend = backend();
        backend.launch(p, Map.of("m", m, "n", n, "a", MemorySegment.ofArray(a).asReadOnly(), "c", MemorySegment.ofArray(c), "s", 2.0));
        assertArrayEquals(complement(a), c);
        byte[] c2 = randomBytes(rnd, bytes), before = c2.clone();
        backend.launch(p, Map.of("m", m, "n", n, "a", MemorySegment.ofArray(a), "c", MemorySegment.ofArray(c2).asReadOnly(), "s", 2.0));
        assertArrayEquals(before, c2, "read-only segments are not written back");
    }

    @Test
    void deviceTensorsArePassedAsTheirAddresses() {
        Program p = GpuKernels.scale();
        int m = 16, n = 64, bytes = m * n * 4;
        fake.kernel(index(p, "a"), index(p, "c"), bytes);
        fake.paramCount(p.params().size());
        byte[] a = randomBytes(new Random(4), bytes);
        CudaBackend backend = backend();
        try (Arena arena = Arena.ofConfined()) {
            DeviceTensor da = device.copyOf(MemorySegment.ofArray(a), arena), dc = device.allocate(bytes, arena);
            long live = fake.liveAllocations();
            backend.launch(p, Map.of("m", m, "n", n, "a", da.segment(), "c", dc.segment(), "s", 1.0));
            assertEquals(da.address(), fake.param(index(p, "a")));
            assertEquals(dc.address(), fake.param(index(p, "c")));
            assertEquals(live, fake.liveAllocations(), "no staging");
            assertArrayEquals(complement(a), dc.toArray());

            LaunchException same = assertThrows(LaunchException.class,
                    () -> backend.launch(p, Map.of("m", m, "n", n, "a", da.segment(), "c", da.segment(), "s", 1.0)));
            assertTrue(same.getMessage().contains("same memory"), same.getMessage());
            LaunchException unaligned = assertThrows(LaunchException.class,
                    () -> backend.launch(p, Map.of("m", m, "n", n, "a", da.slice(4, 64).segment(), "c", dc.segment(), "s", 1.0)));
            assertTrue(unaligned.getMessage().contains("not 16-byte aligned"), unaligned.getMessage());
        }
        try (Arena other = Arena.ofConfined()) {
            DeviceTensor gone;
            try (Arena a2 = Arena.ofConfined()) {
                gone = device.allocate(bytes, a2);
            }
            DeviceTensor dc = device.allocate(bytes, other);
            LaunchException freed = assertThrows(LaunchException.class,
                    () -> backend.launch(p, Map.of("m", m, "n", n, "a", gone.segment(), "c", dc.segment(), "s", 1.0)));
            assertTrue(freed.getMessage().contains("'a' was freed"), freed.getMessage());
        }
    }

    @Test
    void kernelsAreCompiledOncePerDivisibilitySignature() {
        Program p = GpuKernels.scale();
        CudaBackend backend = backend();
        Map<String, Object> args = new HashMap<>(Map.of("m", 16, "n", 64, "s", 1.0));
        args.put("a", MemorySegment.ofArray(new byte[16 * 64 * 4]));
        args.put("c", MemorySegment.ofArray(new byte[16 * 64 * 4]));
        backend.launch(p, args);
        backend.launch(p, args);
        args.put("m", 48);
        args.put("a", MemorySegment.ofArray(new byte[48 * 64 * 4]));
        args.put("c", MemorySegment.ofArray(new byte[48 * 64 * 4]));
        backend.launch(p, args); // m % 16 == 0 still: same signature
        assertEquals(1, compilations.get());
        assertEquals(1, backend.loadedKernels());
        args.put("n", 60);
        backend.launch(p, args); // n % 4: another lowering
        assertEquals(2, compilations.get());
        assertEquals(2, backend.loadedKernels());
        assertEquals(4, fake.launches());
    }

    @Test
    void moreThan48KBOfSharedMemoryRaisesTheKernelsLimit() {
        Program p = GpuKernels.bigShared();
        ThreadProgram tp = GpuCodegen.lower(p, Map.of());
        assertTrue(tp.sharedBytes() > 48 * 1024, "fixture needs > 48 KB: " + tp.sharedBytes());
        CudaBackend backend = backend();
        CompiledKernel k = backend.compile(p, Map.of());
        assertEquals(tp.sharedBytes(), fake.maxDynamicSmem());
        assertEquals(tp.sharedBytes(), fake.driver.functionAttribute(k.function(), FunctionAttribute.MAX_DYNAMIC_SHARED_SIZE_BYTES));
        backend.launch(p, Map.of("a", MemorySegment.ofArray(new float[128 * 128]), "c", MemorySegment.ofArray(new float[128 * 128])));
        assertEquals(tp.sharedBytes(), fake.lastLaunch()[6]);
        assertEquals(tp.numThreads(), fake.lastLaunch()[3]);
    }

    @Test
    void anEmptyGridLaunchesNothing() {
        Program p = GpuKernels.scale();
        backend().launch(p, Map.of("m", 0, "n", 64, "a", MemorySegment.ofArray(new byte[0]), "c", MemorySegment.ofArray(new byte[0]), "s", 1.0));
        assertEquals(0, fake.launches());
    }

    @Test
    void aFailingLaunchOrSynchronizeIsALaunchExceptionWithTheCudaError() {
        Program p = GpuKernels.mmaTile();
        Map<String, Object> args = Map.of("a", MemorySegment.ofArray(new short[16 * 32]), "b", MemorySegment.ofArray(new short[32 * 16]),
                "c", MemorySegment.ofArray(new float[16 * 16]));
        long live = fake.liveAllocations();
        fake.results(700, 0);
        LaunchException e = assertThrows(LaunchException.class, () -> backend().launch(p, args));
        CudaException c = assertInstanceOf(CudaException.class, e.getCause());
        assertEquals("cuLaunchKernel", c.function());
        assertEquals("CUDA_ERROR_ILLEGAL_ADDRESS", c.errorName());
        assertTrue(e.getMessage().startsWith("mma_tile: cuLaunchKernel: CUDA_ERROR_ILLEGAL_ADDRESS (an illegal memory access was "
                + "encountered)"), e.getMessage());
        fake.results(0, 700);
        e = assertThrows(LaunchException.class, () -> backend().launch(p, args));
        assertEquals("cuStreamSynchronize", ((CudaException) e.getCause()).function());
        assertEquals(live, fake.liveAllocations(), "staging freed after a failure too");
    }

    @Test
    void aJitErrorCarriesTheDriversErrorLog() {
        jitMarker = "FAKE_JIT_ERROR\n";
        LaunchException e = assertThrows(LaunchException.class, () -> backend().compile(GpuKernels.mmaTile(), Map.of()));
        CudaException c = assertInstanceOf(CudaException.class, e.getCause());
        assertEquals("cuModuleLoadDataEx", c.function());
        assertEquals("CUDA_ERROR_INVALID_PTX", c.errorName());
        assertEquals("ptxas fatal   : fake error in line 7", c.log());
        assertTrue(e.getMessage().contains("a PTX JIT compilation failed") && e.getMessage().contains("fake error in line 7"), e.getMessage());
    }

    @Test
    void aModuleWithoutTheKernelIsReported() {
        ModuleCompiler wrong = (source, name, cc) -> new ModuleImage(ModuleImage.Format.PTX, cc.compute(),
                ".version 9.0\n.visible .entry other()\n".getBytes(StandardCharsets.UTF_8), "");
        CudaBackend b = new CudaBackend(() -> new Availability.Available<>(device, "fake"), wrong);
        LaunchException e = assertThrows(LaunchException.class, () -> b.compile(GpuKernels.mmaTile(), Map.of()));
        assertTrue(e.getMessage().contains("cuModuleGetFunction(mma_tile): CUDA_ERROR_NOT_FOUND"), e.getMessage());
    }

    @Test
    void badArgumentsAreReportedBeforeAnythingRuns() {
        Program p = GpuKernels.scale();
        CudaBackend b = backend();
        MemorySegment buf = MemorySegment.ofArray(new byte[64]);
        assertTrue(assertThrows(LaunchException.class, () -> b.launch(p, Map.of("m", 1, "n", 1, "a", buf, "c", buf)))
                .getMessage().contains("missing argument for parameter 's'"));
        assertTrue(assertThrows(LaunchException.class, () -> b.launch(p, Map.of("m", 1.5, "n", 1, "a", buf, "c", buf, "s", 1)))
                .getMessage().contains("expected an Integer or Long"));
        assertTrue(assertThrows(LaunchException.class, () -> b.launch(p, Map.of("m", 1, "n", 1, "a", 3, "c", buf, "s", 1)))
                .getMessage().contains("expected a MemorySegment"));
        assertTrue(assertThrows(LaunchException.class, () -> b.launch(p, Map.of("m", 1, "n", 1, "a", buf, "c", buf, "s", 1, "z", 2)))
                .getMessage().contains("'z' does not name a parameter"));
        assertEquals(0, fake.launches());
        assertEquals(0, compilations.get());
    }

    @Test
    void overlappingHostSegmentsAreRejected() {
        Program p = GpuKernels.scale();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment big = arena.allocate(16 * 64 * 8, 16);
            LaunchException e = assertThrows(LaunchException.class, () -> backend().launch(p, Map.of("m", 16, "n", 64,
                    "a", big.asSlice(0, 16 * 64 * 4), "c", big.asSlice(1024, 16 * 64 * 4), "s", 1.0)));
            assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        }
        assertNotEquals(0, compilations.get(), "the kernel was compiled before the arguments were staged");
    }

    @Test
    void kernelParamsHoldEachValueInItsCType() {
        List<Param> params = List.of(Param.pointer("p", org.tilevm.spec.dtype.DTypes.F32), Param.scalar("b", org.tilevm.spec.dtype.DType.parse("u1")),
                Param.scalar("i8", org.tilevm.spec.dtype.DType.parse("i8")), Param.scalar("h", org.tilevm.spec.dtype.DTypes.F16),
                Param.scalar("x", org.tilevm.spec.dtype.DTypes.I32), Param.scalar("f", org.tilevm.spec.dtype.DTypes.F32));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment array = KernelParams.marshal(params, Map.of("p", 0x7f00_1234_5670L),
                    Map.of("b", 1L, "i8", -3L, "h", 0x3c00L, "x", -123456L, "f", (long) Float.floatToRawIntBits(1.5f)), a);
            MemorySegment[] slot = new MemorySegment[params.size()];
            for (int i = 0; i < slot.length; i++) slot[i] = array.getAtIndex(ValueLayout.ADDRESS, i).reinterpret(8);
            assertEquals(0x7f00_1234_5670L, slot[0].get(ValueLayout.JAVA_LONG, 0));
            assertEquals(1, slot[1].get(JAVA_BYTE, 0));
            assertEquals(-3, slot[2].get(JAVA_BYTE, 0));
            assertEquals((short) 0x3c00, slot[3].get(ValueLayout.JAVA_SHORT, 0));
            assertEquals(-123456, slot[4].get(ValueLayout.JAVA_INT, 0));
            assertEquals(1.5f, slot[5].get(ValueLayout.JAVA_FLOAT, 0));
        }
    }
}
