package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilevm.codegen.ptx.cuda.CudaToolchain;

class CompileCommandTest {

    @Test
    void cudaOfTheW4KernelUsesTheTensorCorePath() {
        CliRun r = CliRun.of("compile", "qmatmul", "--type", "u4", "--group", "128", "--m", "16", "--n", "4096", "--k", "4096").ok();
        String cuda = r.out();
        assertTrue(cuda.contains("extern \"C\" __global__ void __launch_bounds__(128, 1) qmatmul_f16_u4_g128_z("), cuda.lines().findFirst().orElse(""));
        for (String op : new String[] {"cp.async.cg.shared.global", "ldmatrix.sync.aligned", "mma.sync.aligned.m16n8k16", "lop3.b32", "prmt.b32"}) {
            assertTrue(cuda.contains(op), "no " + op);
        }
        assertFalse(cuda.contains("#include"));
    }

    @Test
    void specializationFollowsTheShape() {
        // K = 4096: A rows are 16-byte aligned, A is staged with 16-byte cp.async; K = 4095: synchronous copies
        String aligned = CliRun.of("compile", "qmatmul", "--k", "4096", "--emit", "tir").ok().out();
        String ragged = CliRun.of("compile", "qmatmul", "--k", "4095", "--emit", "tir").ok().out();
        assertTrue(aligned.contains("cp.async.16"), "16-byte copies when k % 8 == 0");
        assertFalse(ragged.contains("cp.async.16 smem.byte[cp_dst] <- a."), "no 16-byte copies of A rows when k is odd");
        assertTrue(aligned.startsWith("kernel qmatmul_f16_u4_g128_z("), aligned.lines().findFirst().orElse(""));
    }

    @Test
    void writesToAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("k.cu");
        CliRun r = CliRun.of("compile", "qmatmul", "--type", "i3", "--a-type", "f32", "--out", f.toString()).ok();
        assertTrue(r.out().startsWith("wrote " + f + ": qmatmul_f32_i3_g128 for sm_90 (cuda, "), r.out());
        assertTrue(Files.readString(f).contains("qmatmul_f32_i3_g128"));
    }

    @Test
    void ptxWhenTheToolchainIsPresent() {
        assumeTrue(CudaToolchain.find().isPresent(), "nvcc not on PATH");
        String ptx = CliRun.of("compile", "qmatmul", "--type", "u4", "--target", "sm_80", "--emit", "ptx").ok().out();
        assertTrue(ptx.contains(".entry qmatmul_f16_u4_g128_z"), ptx.substring(0, Math.min(400, ptx.length())));
        assertTrue(ptx.contains("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32"));
        assertTrue(ptx.contains(".target sm_80"));
    }

    @Test
    void badInput() {
        CliRun.of("compile", "qmatmul", "--target", "sm_70").badInput("--target", "sm_70", "sm_80, sm_86, sm_89, sm_90");
        CliRun.of("compile", "qmatmul", "--emit", "cubin").badInput("--emit", "cuda, ptx, sass or tir");
        CliRun.of("compile", "gemm").badInput("unknown kernel 'gemm'");
        CliRun.of("compile", "qmatmul", "--type", "i16").badInput("1..8 bits");
        CliRun.of("ptxas-report", "--targets", "sm_80,sm_75").badInput("--targets", "sm_75");
        assertEquals(Main.EXIT_BAD_INPUT, CliRun.of("compile").code());
    }
}
