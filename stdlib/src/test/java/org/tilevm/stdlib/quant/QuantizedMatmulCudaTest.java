package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tilevm.codegen.ptx.GpuCodegen;
import org.tilevm.codegen.ptx.cuda.CudaPrinter;
import org.tilevm.codegen.ptx.cuda.CudaToolchain;
import org.tilevm.codegen.ptx.cuda.PtxasInfo;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.dtype.DTypes;

/**
 * The emitted CUDA of the stdlib kernels: the W4 kernel uses the intended hardware operations,
 * and (when nvcc and ptxas are on PATH) every kernel of {@link QMatmulConfig#catalog()} compiles
 * for sm_80 and sm_90 without spilling.
 */
class QuantizedMatmulCudaTest {

    /** The shape the kernels are compiled for: an LLM layer, M a multiple of 16. */
    static final int M = 16, N = 4096, K = 4096;

    static ThreadProgram lowered(QMatmulConfig c) {
        return GpuCodegen.lower(QuantizedMatmul.program(c), QuantizedMatmul.shapeArguments(M, N, K, c.groupSize()));
    }

    @Test
    void w4KernelUsesAsyncCopiesLdmatrixMmaAndBitTricks() {
        String cuda = CudaPrinter.print(lowered(QMatmulConfig.of(DTypes.F16, DTypes.U4, 128, true)));
        for (String op : List.of("cp.async.cg.shared.global", "cp.async.commit_group", "cp.async.wait_group",
                "ldmatrix.sync.aligned.m8n8.x4.shared.b16", "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16",
                "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32", "lop3.b32", "prmt.b32")) {
            assertTrue(cuda.contains(op), "the W4 kernel's CUDA has no " + op);
        }
        assertTrue(!cuda.contains("#include"), "self-contained");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sm_80", "sm_90"})
    void everyCatalogKernelCompilesWithoutSpills(String arch) {
        var toolchain = CudaToolchain.find();
        assumeTrue(toolchain.isPresent(), "nvcc/ptxas not on PATH: offline compilation skipped");
        List<QMatmulConfig> catalog = QMatmulConfig.catalog();
        List<ThreadProgram> programs = new ArrayList<>();
        for (QMatmulConfig c : catalog) programs.add(lowered(c));
        List<PtxasInfo> infos = toolchain.get().ptxasInfo(CudaPrinter.print(programs), arch);
        Map<String, PtxasInfo> byName = new java.util.HashMap<>();
        for (PtxasInfo i : infos) byName.put(i.kernel(), i);
        for (ThreadProgram p : programs) {
            PtxasInfo info = byName.get(CudaPrinter.kernelName(p));
            assertTrue(info != null, "ptxas reported nothing for " + p.name() + " on " + arch);
            assertEquals(0, info.spillStoreBytes() + info.spillLoadBytes(), p.name() + " spills on " + arch + ": " + info);
            assertTrue(info.registers() <= 255, p.name() + ": " + info);
        }
    }
}
