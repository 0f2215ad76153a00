package org.tilevm.codegen.ptx.cuda;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of nvcc/ptxas and parsing of {@code ptxas -v}; needs no CUDA installation. */
class CudaToolchainTest {

    private static void tool(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        assertTrue(p.toFile().setExecutable(true));
    }

    @Test
    void findsToolsOnPathFirstThenUnderCudaHomeAndCudaPath(@TempDir Path tmp) throws Exception {
        Path onPath = tmp.resolve("path"), home = tmp.resolve("home"), cudaPath = tmp.resolve("cudapath");
        tool(onPath, "nvcc");
        tool(onPath, "ptxas");
        tool(home.resolve("bin"), "nvcc");
        tool(home.resolve("bin"), "ptxas");
        tool(cudaPath.resolve("bin"), "nvcc");
        tool(cudaPath.resolve("bin"), "ptxas");
        String path = tmp.resolve("empty") + File.pathSeparator + onPath;

        CudaToolchain t = CudaToolchain.find(Map.of("PATH", path, "CUDA_HOME", home.toString())).orElseThrow();
        assertEquals(onPath.resolve("nvcc"), t.nvcc());
        assertEquals(onPath.resolve("ptxas"), t.ptxas());

        t = CudaToolchain.find(Map.of("PATH", tmp.resolve("empty").toString(), "CUDA_HOME", home.toString(),
                "CUDA_PATH", cudaPath.toString())).orElseThrow();
        assertEquals(home.resolve("bin").resolve("nvcc"), t.nvcc());

        t = CudaToolchain.find(Map.of("CUDA_PATH", cudaPath.toString())).orElseThrow();
        assertEquals(cudaPath.resolve("bin").resolve("ptxas"), t.ptxas());

        assertTrue(CudaToolchain.find(Map.of("PATH", tmp.resolve("empty").toString())).isEmpty());
        Path onlyNvcc = tmp.resolve("only");
        tool(onlyNvcc, "nvcc");
        assertTrue(CudaToolchain.find(Map.of("PATH", onlyNvcc.toString())).isEmpty(), "ptxas is needed too");
    }

    @Test
    void rejectsMalformedTargets() {
        CudaToolchain t = CudaToolchain.find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(t != null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.compilePtx("", "90"));
        assertEquals("target '90': expected sm_NN, e.g. sm_90", e.getMessage());
    }

    @Test
    void parsesPtxasStatistics() {
        String log = """
                ptxas info    : 20 bytes gmem
                ptxas info    : Function properties for tv_helper
                    8 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
                ptxas info    : Compiling entry function 'k_a' for 'sm_90'
                ptxas info    : Function properties for k_a
                    24 bytes stack frame, 16 bytes spill stores, 12 bytes spill loads
                ptxas info    : Used 168 registers, used 1 barriers, 4096 bytes smem, 24 bytes cumulative stack size
                ptxas info    : Compile time = 49.073 ms
                ptxas info    : Compiling entry function 'k_b' for 'sm_80'
                ptxas info    : Function properties for k_b
                    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
                ptxas info    : Used 30 registers, used 0 barriers, 368 bytes cmem[0]
                """;
        List<PtxasInfo> info = PtxasInfo.parse(log);
        assertEquals(List.of(new PtxasInfo("k_a", "sm_90", 168, 16, 12, 24, 4096, 1),
                new PtxasInfo("k_b", "sm_80", 30, 0, 0, 0, 0, 0)), info);
        assertTrue(info.get(0).spills());
        assertFalse(info.get(1).spills());
        assertEquals(List.of(), PtxasInfo.parse("ptxas info    : 0 bytes gmem\n"));
    }

    @Test
    void namesTheKernelsOfATranslationUnit() {
        assertEquals("kernel k1, k_2", CudaToolchain.kernelsOf("""
                extern "C" __global__ void __launch_bounds__(128) k1(int* p) {}
                extern "C" __global__ void k_2(int* p) {}
                """));
        assertEquals("a translation unit without kernels", CudaToolchain.kernelsOf("int x;"));
    }
}
