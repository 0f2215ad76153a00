package org.tilevm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void tableHasBandwidthAndSpeedUpsOverTheBaselines() {
        List<Summary.Row> rows = List.of(
                new Summary.Row(1, "4096x14336", "u4", 32, "vector", 4.0, 0.1, "ms/op"),
                new Summary.Row(1, "4096x14336", "u4", 32, "scalar", 100.0, 2.0, "ms/op"),
                new Summary.Row(1, "4096x14336", "u4", 32, "backend:jvm", 2000.0, Double.NaN, "us/op"));
        String table = Summary.markdown(rows, List.of("scalar", "vector", "backend:jvm"), List.of("4096x14336"), List.of("u4"));
        String[] lines = table.split("\n");
        assertEquals(5, lines.length);
        assertEquals("| 1 | 4096 | 14336 | u4 | 32 | scalar | 100.000 | 2.000 | 44.11 | 0.44 | 1.00x | 0.04x |", lines[2]);
        assertEquals("| 1 | 4096 | 14336 | u4 | 32 | vector | 4.000 | 0.100 | 44.11 | 11.03 | 25.00x | 1.00x |", lines[3]);
        assertEquals("| 1 | 4096 | 14336 | u4 | 32 | backend:jvm | 2.000 | - | 44.11 | 22.06 | 50.00x | 2.00x |", lines[4]);
    }

    @Test
    void units() {
        assertEquals(1e-9, Summary.secondsPer("ns/op"));
        assertThrows(IllegalArgumentException.class, () -> Summary.secondsPer("ops/s"));
        assertEquals("out.2.json", BenchMain.numbered("out.json", 1));
        assertEquals("dir.x/out.3", BenchMain.numbered("dir.x/out", 2));
    }
}
