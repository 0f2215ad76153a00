package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void reportsMedianBandwidthAndFloor() {
        CliRun r = CliRun.of("bench", "qmatmul", "--type", "i3", "--a-type", "f32", "--m", "2", "--n", "64", "--k", "96",
                "--group", "32", "--backend", "interp", "--warmup", "1", "--runs", "3", "--rotate-mib", "1", "--peak-gbps", "50").ok();
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).startsWith("qmatmul f32 x i3 (group 32) M=2 N=64 K=96 on interp"), lines.get(0));
        assertTrue(lines.get(1).matches("  median +[0-9.]+ (s|ms|us) over 3 runs .*1 warm-up, [0-9]+ input copies .*"), lines.get(1));
        assertTrue(lines.get(2).matches("  traffic +[0-9.]+ MB per call: [0-9.]+ GB/s effective, [0-9.]+ TFLOP/s"), lines.get(2));
        assertTrue(lines.get(3).startsWith("  floor    ") && lines.get(3).contains("at 50 GB/s peak"), lines.get(3));
    }

    @Test
    void withoutPeakThereIsNoFloorLine() {
        CliRun r = CliRun.of("bench", "qmatmul", "--m", "1", "--n", "16", "--k", "32", "--group", "32", "--backend", "interp",
                "--warmup", "0", "--runs", "1", "--rotate-mib", "1").ok();
        assertTrue(r.outLines().size() == 3, r.out());
    }

    @Test
    void badInput() {
        CliRun.of("bench", "gemm").badInput("unknown kernel 'gemm'");
        CliRun.of("bench", "qmatmul", "--warmup", "-1").badInput("--warmup");
        CliRun.of("bench", "qmatmul", "--type", "f16").badInput("1..8 bits");
    }
}
