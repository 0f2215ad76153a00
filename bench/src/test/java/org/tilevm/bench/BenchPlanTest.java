package org.tilevm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchPlanTest {

    private static BenchPlan.Probe probe(String impl) {
        return switch (impl) {
            case "backend:jvm" -> new BenchPlan.Probe(Optional.of("backend:jvm is skipped: unknown backend 'jvm'"), 0);
            case "backend:interp" -> new BenchPlan.Probe(Optional.empty(), 1L << 22);
            default -> new BenchPlan.Probe(Optional.empty(), Long.MAX_VALUE);
        };
    }

    @Test
    void unavailableBackendsAreLeftOutAndTheInterpreterGetsSmallShapesOnly() {
        BenchPlan plan = BenchPlan.of(List.of("scalar", "vector", "backend:jvm", "backend:interp"), List.of("1", "16"),
                List.of("256x512", "1024x1024", "4096x4096"), BenchPlanTest::probe);
        assertEquals(List.of(
                new BenchPlan.Run(List.of("scalar", "vector"), List.of("1", "16"), List.of("256x512", "1024x1024", "4096x4096")),
                new BenchPlan.Run(List.of("backend:interp"), List.of("1", "16"), List.of("256x512")),
                new BenchPlan.Run(List.of("backend:interp"), List.of("1"), List.of("1024x1024"))), plan.runs());
        assertEquals(4, plan.skipped().size());
        assertEquals("backend:jvm is skipped: unknown backend 'jvm'", plan.skipped().get(0));
        assertTrue(plan.skipped().get(1).startsWith("backend:interp is skipped for M=16 NxK=1024x1024: M*N*K = 16777216 exceeds"),
                plan.skipped().get(1));
    }

    @Test
    void nothingToRunWhenEveryImplementationIsMissing() {
        BenchPlan plan = BenchPlan.of(List.of("backend:jvm"), List.of("1"), List.of("4096x4096"), BenchPlanTest::probe);
        assertEquals(List.of(), plan.runs());
        assertEquals(1, plan.skipped().size());
    }

    @Test
    void realProbes() {
        assertTrue(BenchPlan.probe("vector").unavailable().isEmpty());
        assertEquals(QmatmulImpl.INTERP_MAX_MACS, BenchPlan.probe("backend:interp").maxMacs());
        assertTrue(BenchPlan.probe("backend:nosuch").unavailable().orElseThrow().startsWith("backend:nosuch is skipped"));
        assertThrows(IllegalArgumentException.class, () -> BenchPlan.probe("fastest"));
        var e = assertThrows(IllegalArgumentException.class, () -> QmatmulBench.parseNK("4096*4096"));
        assertEquals("nk '4096*4096': expected NxK with positive N and K, e.g. 4096x14336", e.getMessage());
        assertEquals(14336, QmatmulBench.parseNK("4096x14336")[1]);
    }
}
