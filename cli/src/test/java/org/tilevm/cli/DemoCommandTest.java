package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void smallDemoIsWithinTolerance() {
        CliRun r = CliRun.of("demo", "--m", "4", "--n", "24", "--k", "96", "--group", "32").ok();
        List<String> lines = r.outLines();
        assertEquals("quantized matmul C[M,N] = A[M,K] x dequant(W[K,N])", lines.get(0));
        assertEquals("  shape    M=4 N=24 K=96", lines.get(1));
        assertEquals("  types    A f16, W u4 (group 32, scales and zero points), C f32", lines.get(2));
        assertTrue(lines.get(3).startsWith("  backend  "), lines.get(3));
        assertTrue(lines.get(4).matches("  error    max\\|C-ref\\|/max\\|ref\\| = \\S+, tolerance \\S+: within tolerance"), lines.get(4));
        assertTrue(lines.get(5).matches("  time     \\d+\\.\\d ms \\(build \\+ run\\)"), lines.get(5));
    }

    @Test
    void otherTypesSeedsAndBackend() {
        CliRun r = CliRun.of("demo", "--type", "i3", "--a-type", "f32", "--m", "3", "--n", "16", "--k", "64", "--group", "16",
                "--seed", "7", "--backend", "interp").ok();
        assertTrue(r.out().contains("types    A f32, W i3 (group 16, scales), C f32"), r.out());
        assertTrue(r.out().contains("backend  interp"), r.out());
        CliRun.of("demo", "--type", "f4e2m1", "--m", "2", "--n", "8", "--k", "40", "--group", "20").ok();
    }

    @Test
    void w4a8OnTheJvmBackendAndAClearErrorOnAGpuBackend() {
        CliRun r = CliRun.of("demo", "--a-type", "i8", "--m", "2", "--n", "256", "--k", "128", "--group", "32", "--backend", "jvm").ok();
        assertTrue(r.out().contains("types    A i8, W u4 (group 32, scales and zero points), C f32"), r.out());
        assertTrue(r.out().contains("within tolerance"), r.out());
        CliRun.of("demo", "--a-type", "i8", "--backend", "sim")
                .badInput("quantized matmul: i8 activations (W4A8) have a CPU program only; backend 'sim' runs GPU programs");
    }
}
