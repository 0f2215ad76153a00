package org.tilevm.codegen.ptx.cuda.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilevm.codegen.ptx.GpuCodegen;
import org.tilevm.codegen.ptx.cuda.CudaPrinter;
import org.tilevm.codegen.ptx.cuda.cache.KernelCache;
import org.tilevm.codegen.ptx.cuda.ffm.Availability;
import org.tilevm.codegen.ptx.cuda.ffm.CudaException;
import org.tilevm.codegen.ptx.tir.ThreadProgram;

/** The default module compiler: target choice and NVRTC through the disk cache (skipped without NVRTC). */
class CachingModuleCompilerTest {

    @Test
    void compilesOnceThenLoadsFromDiskInANewInstance(@TempDir Path dir) throws Exception {
        var nvrtc = CudaBackendTest.nvrtc();
        ThreadProgram tp = GpuCodegen.lower(GpuKernels.mmaTile(), Map.of());
        String source = CudaPrinter.print(tp), name = CudaPrinter.kernelName(tp);
        KernelCache cache = KernelCache.at(dir, CachingModuleCompiler.CODEGEN_VERSION);
        ModuleImage first = new CachingModuleCompiler(() -> new Availability.Available<>(nvrtc, "nvrtc"), cache)
                .compile(source, name, new ComputeCapability(9, 0));
        assertEquals(ModuleImage.Format.CUBIN, first.format());
        assertEquals("sm_90", first.target());
        long entries;
        try (var files = Files.walk(dir)) {
            entries = files.filter(Files::isRegularFile).count();
        }
        assertEquals(1, entries, "one cache entry written");
        // a new instance (as in a new process) gets the same image from disk
        ModuleImage again = new CachingModuleCompiler(() -> new Availability.Available<>(nvrtc, "nvrtc"),
                KernelCache.at(dir, CachingModuleCompiler.CODEGEN_VERSION)).compile(source, name, new ComputeCapability(9, 0));
        assertArrayEquals(first.image(), again.image());
        // a device NVRTC has no cubin target for gets PTX of the highest arch below it
        ModuleImage ptx = new CachingModuleCompiler(() -> new Availability.Available<>(nvrtc, "nvrtc"), cache)
                .compile(source, name, new ComputeCapability(9, 9));
        assertEquals(ModuleImage.Format.PTX, ptx.format());
        assertTrue(new String(ptx.image(), java.nio.charset.StandardCharsets.UTF_8).contains(".entry " + name));
        CudaException old = assertThrows(CudaException.class, () -> new CachingModuleCompiler(
                () -> new Availability.Available<>(nvrtc, "nvrtc"), cache).compile(source, name, new ComputeCapability(7, 5)));
        assertTrue(old.getMessage().contains("8.0"), old.getMessage());
    }
}
