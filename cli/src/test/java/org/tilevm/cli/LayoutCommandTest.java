package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayoutCommandTest {
    static final String MMA_ACC = "local(2,1).spatial(8,4).local(1,2)";

    /** The grid cells (without the column-number line and the row labels of rank >= 2), row by row. */
    static List<String[]> cells(CliRun r) {
        List<String> lines = r.outLines();
        boolean labels = !lines.getFirst().matches(".*shape \\[\\d*\\].*");
        return lines.subList(2, lines.size()).stream()
                .map(l -> l.strip().split("\\s+"))
                .map(a -> labels ? java.util.Arrays.copyOfRange(a, 1, a.length) : a)
                .toList();
    }

    @Test
    void mmaAccumulatorGridHasTheKnownThreadAndLocalOfEveryCell() {
        CliRun r = CliRun.of("layout", MMA_ACC).ok();
        assertEquals("layout " + MMA_ACC + ": shape [16, 8], numThreads 32, localSize 4", r.outLines().getFirst());
        assertEquals("0  1  2  3  4  5  6  7".replace("  ", " "), r.outLines().get(1).strip().replaceAll("\\s+", " "));
        List<String[]> grid = cells(r);
        assertEquals(16, grid.size());
        for (int i = 0; i < 16; i++) {
            assertEquals(8, grid.get(i).length, "row " + i);
            assertTrue(r.outLines().get(2 + i).strip().startsWith(Integer.toString(i)), "row label " + i);
            for (int j = 0; j < 8; j++) {
                assertEquals(((i % 8) * 4 + j / 2) + ":" + ((i / 8) * 2 + j % 2), grid.get(i)[j], "cell " + i + "," + j);
            }
        }
        // Spot checks written out: (0,0) (9,3) (15,7).
        assertEquals("0:0", grid.get(0)[0]);
        assertEquals("5:3", grid.get(9)[3]);
        assertEquals("31:3", grid.get(15)[7]);
    }

    @Test
    void mmaAccumulatorCsvListsEverySlotInThreadThenLocalOrder() {
        CliRun r = CliRun.of("layout", MMA_ACC, "--csv").ok();
        List<String> lines = r.outLines();
        assertEquals("thread,local,i0,i1", lines.getFirst());
        assertEquals(1 + 32 * 4, lines.size());
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < 32; t++) {
            for (int l = 0; l < 4; l++) {
                String[] f = lines.get(1 + t * 4 + l).split(",");
                assertEquals(4, f.length);
                assertEquals(t, Integer.parseInt(f[0]));
                assertEquals(l, Integer.parseInt(f[1]));
                int i = Integer.parseInt(f[2]), j = Integer.parseInt(f[3]);
                assertEquals(t, (i % 8) * 4 + j / 2, "thread of " + i + "," + j);
                assertEquals(l, (i / 8) * 2 + j % 2, "local of " + i + "," + j);
                assertTrue(seen.add(i + "," + j), "each element once");
            }
        }
        assertEquals(128, seen.size());
        assertEquals("1,2,8,2", lines.get(1 + 4 + 2));
    }

    @Test
    void replicatedElementsShowEveryHolder() {
        CliRun r = CliRun.of("layout", "replicated(2, 1).spatial(4)").ok();
        assertTrue(r.outLines().getFirst().contains("shape [4], numThreads 8, localSize 1"), r.out());
        List<String[]> grid = cells(r);
        assertEquals(1, grid.size());
        for (int j = 0; j < 4; j++) {
            Set<String> holders = Set.of(grid.getFirst()[j].split("/"));
            assertEquals(Set.of(j + ":0", (4 + j) + ":0"), holders, "column " + j);
        }
        CliRun csv = CliRun.of("layout", "replicated(2, 1).spatial(4)", "--csv").ok();
        assertEquals(List.of("thread,local,i0", "0,0,0", "1,0,1", "2,0,2", "3,0,3", "4,0,0", "5,0,1", "6,0,2", "7,0,3"),
                csv.outLines());
    }

    @Test
    void higherRankFlattensLeadingDimensionsIntoRows() {
        CliRun r = CliRun.of("layout", "spatial(2,3,1).local(1,1,4)").ok();
        List<String> lines = r.outLines();
        assertTrue(lines.getFirst().contains("shape [2, 3, 4], numThreads 6, localSize 4"), lines.getFirst());
        List<String[]> grid = cells(r);
        assertEquals(6, grid.size());
        for (int row = 0; row < 6; row++) {
            assertTrue(lines.get(2 + row).strip().startsWith(row / 3 + "," + row % 3), lines.get(2 + row));
            for (int c = 0; c < 4; c++) assertEquals(row + ":" + c, grid.get(row)[c]);
        }
    }

    @Test
    void rankOneIsOneRow() {
        CliRun r = CliRun.of("layout", "spatial(4).local(2)").ok();
        List<String[]> grid = cells(r);
        assertEquals(1, grid.size());
        assertEquals(List.of("0:0", "0:1", "1:0", "1:1", "2:0", "2:1", "3:0", "3:1"), List.of(grid.getFirst()));
    }

    @Test
    void malformedLayoutIsBadInput() {
        CliRun.of("layout", "local(2,1).spatial(8,4").badInput("local(2,1).spatial(8,4", "column");
        CliRun.of("layout", "nonsense(3)").badInput("nonsense");
        CliRun.of("layout").badInput("'layout' needs EXPR");
        CliRun.of("layout", MMA_ACC, "--grid").badInput("unknown option '--grid' for 'layout' (expected --csv)");
    }
}
