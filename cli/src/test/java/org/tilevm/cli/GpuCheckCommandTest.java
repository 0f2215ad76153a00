package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuCheckCommandTest {

    @Test
    void simulatedCheckOfASubsetPasses() {
        CliRun r = CliRun.of("gpu-check", "--backend", "sim", "--types", "i4", "--no-time").ok();
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).startsWith("gpu-check on sim: correctness at M=19 N=70 K=200"), lines.get(0));
        // i4 appears in the catalog at G=128 and at G=16, 8, 24, with f16 and f32 activations
        assertEquals(8, lines.stream().filter(l -> l.startsWith("qmatmul_") && l.contains(" PASS ")).count(), r.out());
        assertTrue(lines.stream().allMatch(l -> !l.contains("FAIL")));
        assertEquals("8 kernels, 8 passed, 0 failed", lines.getLast());
    }

    @Test
    void timesWithTheBackendsTimer() {
        CliRun r = CliRun.of("gpu-check", "--backend", "interp", "--types", "u2", "--m", "1", "--n", "64", "--k", "64",
                "--runs", "1").ok();
        assertTrue(r.outLines().stream().filter(l -> l.startsWith("qmatmul_")).allMatch(l -> l.contains("median ")), r.out());
    }

    @Test
    void unknownTypeIsBadInput() {
        CliRun.of("gpu-check", "--backend", "sim", "--types", "u9").badInput("--types");
    }
}
