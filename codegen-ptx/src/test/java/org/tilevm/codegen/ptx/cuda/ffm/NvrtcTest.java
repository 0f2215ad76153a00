package org.tilevm.codegen.ptx.cuda.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tilevm.codegen.ptx.GpuCodegen;
import org.tilevm.codegen.ptx.cuda.CudaPrinter;
import org.tilevm.codegen.ptx.cuda.backend.GpuKernels;
import org.tilevm.codegen.ptx.tir.ThreadProgram;

/**
 * NVRTC through the FFM bindings, on the CUDA the code generator prints. Skipped unless NVRTC is
 * found by the documented discovery (e.g. {@code TILEVM_CUDA_LIB_PATH=<site-packages>/nvidia/cu13/lib}).
 */
class NvrtcTest {
    static Nvrtc nvrtc;
    static String where;

    @BeforeAll
    static void load() {
        Availability<Nvrtc> a = Nvrtc.shared();
        assumeTrue(a.isAvailable(), () -> "NVRTC not found: " + a.reason());
        nvrtc = a.orThrow("test");
        where = ((Availability.Available<Nvrtc>) a).where();
    }

    static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    static List<String> options(String arch) { return List.of("--gpu-architecture=" + arch, "-default-device", "--std=c++17"); }

    @Test
    void versionMatchesTheSonameThatLoaded() {
        Nvrtc.Version v = nvrtc.version();
        int soname = where.contains("libnvrtc.so.12") ? 12 : where.contains("libnvrtc.so.13") ? 13 : -1;
        assertTrue(v.major() == 12 || v.major() == 13, "version " + v);
        if (soname > 0) assertEquals(soname, v.major(), "version " + v + " of " + where);
        assertTrue(v.minor() >= 0 && v.minor() < 20, "version " + v);
    }

    @Test
    void supportedArchsIncludeAmpereAndHopperAscending() {
        List<Integer> archs = nvrtc.supportedArchs();
        assertTrue(archs.contains(80) && archs.contains(90), archs.toString());
        for (int i = 1; i < archs.size(); i++) assertTrue(archs.get(i - 1) < archs.get(i), archs.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sm_80", "sm_90"})
    void loweredKernelsCompileToPtxAndCubin(String arch) {
        for (var e : Map.of(GpuKernels.scale(), Map.of("m", 32, "n", 128, "s", 0.5), GpuKernels.mmaTile(), Map.<String, Object>of(),
                GpuKernels.bigShared(), Map.<String, Object>of()).entrySet()) {
            ThreadProgram tp = GpuCodegen.lower(e.getKey(), e.getValue());
            String name = CudaPrinter.kernelName(tp);
            Nvrtc.Output out = nvrtc.compile(CudaPrinter.print(tp), name + ".cu", options(arch));
            assertTrue(out.ptx().contains(".entry " + name), name + ": PTX names the kernel");
            assertTrue(out.ptx().contains(".target " + arch), name + ": PTX target");
            assertArrayEquals(ELF, Arrays.copyOf(out.cubin(), 4), name + ": cubin is an ELF image");
            assertTrue(out.cubin().length > 1000, name);
            if (name.equals("mma_tile")) {
                assertTrue(out.ptx().contains("mma.sync.aligned.m16n8k16") && out.ptx().contains("ldmatrix")
                        && out.ptx().contains("cp.async"), "tensor-core kernel keeps its inline PTX");
            }
        }
    }

    @Test
    void virtualArchitectureGivesPtxOnly() {
        ThreadProgram tp = GpuCodegen.lower(GpuKernels.scale(), Map.of("m", 16, "n", 64, "s", 1.0));
        Nvrtc.Output out = nvrtc.compile(CudaPrinter.print(tp), "scale.cu", options("compute_80"));
        assertTrue(out.ptx().contains(".target sm_80"), out.ptx().lines().limit(20).toList().toString());
        assertEquals(0, out.cubin().length);
    }

    @Test
    void syntaxErrorCarriesTheProgramLog() {
        String src = "extern \"C\" __global__ void broken(int* p) { p[0] = 1 + ; }\n";
        CudaException e = assertThrows(CudaException.class, () -> nvrtc.compile(src, "broken.cu", options("sm_90")));
        assertEquals("NVRTC_ERROR_COMPILATION", e.errorName());
        assertEquals(6, e.code());
        assertTrue(e.function().startsWith("nvrtcCompileProgram"), e.function());
        assertTrue(e.log().contains("broken.cu(1)") && e.log().contains("error"), e.log());
        assertTrue(e.getMessage().contains("NVRTC_ERROR_COMPILATION") && e.getMessage().contains(e.log()), e.getMessage());
    }

    @Test
    void unknownOptionIsReported() {
        CudaException e = assertThrows(CudaException.class,
                () -> nvrtc.compile("extern \"C\" __global__ void k() {}", "k.cu", List.of("--no-such-option")));
        assertEquals("NVRTC_ERROR_INVALID_OPTION", e.errorName());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void errorStringsAreTheEnumNames() {
        assertEquals("NVRTC_SUCCESS", nvrtc.errorString(0));
        assertEquals("NVRTC_ERROR_INVALID_PROGRAM", nvrtc.errorString(4));
    }
}
