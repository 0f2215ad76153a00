package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every worked example of Part L of vm-spec/SPEC.md, executed. {@link #everyDocExampleLineIsExecutedHere()} checks that each line
 * of each java block of Part L of vm-spec/SPEC.md appears verbatim (modulo surrounding whitespace) in this file, so editing an
 * example in the document without editing the test (or the other way round) fails the build.
 */
class LayoutDocExamplesTest {

    @Test
    void everyDocExampleLineIsExecutedHere() throws IOException {
        Path doc = Path.of("../vm-spec/SPEC.md");
        Path self = Path.of("src/test/java/org/tilevm/layout/LayoutDocExamplesTest.java");
        List<String> source = Files.readAllLines(self).stream().map(String::strip).toList();
        List<String> missing = new ArrayList<>();
        boolean inJava = false;
        int blocks = 0;
        for (String line : partL(Files.readAllLines(doc))) {
            String t = line.strip();
            if (t.equals("```java")) {
                inJava = true;
                blocks++;
            } else if (t.equals("```")) {
                inJava = false;
            } else if (inJava && !t.isEmpty() && !source.contains(t)) {
                missing.add(t);
            }
        }
        assertTrue(blocks >= 15, "expected the worked examples in Part L of vm-spec/SPEC.md, found " + blocks + " java blocks");
        assertEquals(List.of(), missing, "Part L of vm-spec/SPEC.md example lines that this test does not execute");
    }

    /** The lines of Part L (layouts) of SPEC.md. */
    private static List<String> partL(List<String> spec) {
        int from = spec.indexOf(spec.stream().filter(l -> l.startsWith("## Part L")).findFirst().orElseThrow());
        int to = from + 1;
        while (to < spec.size() && !spec.get(to).startsWith("## Part ")) {
            to++;
        }
        return spec.subList(from, to);
    }

    /** SPEC.md L1.1 The model */
    @Test
    void theModel() {
        RegisterLayout acc = RegisterLayout.of(new int[] {16, 8}, new int[] {2, 8, 4, 2}, new int[] {1, 2}, new int[] {0, 3});
        assertEquals(32, acc.numThreads());
        assertEquals(4, acc.localSize());
        assertArrayEquals(new int[] {9, 3}, acc.indexOf(5, 3));
        assertEquals(List.of(new RegisterLayout.Holder(5, 3)), acc.holders(9, 3));
        assertEquals("local(2,1).spatial(8,4).local(1,2)", acc.toString());
    }

    /** SPEC.md L1.2 Primitives */
    @Test
    void primitives() {
        RegisterLayout s = Layouts.spatial(2, 3);
        assertArrayEquals(new int[] {1, 2}, s.indexOf(5, 0));
        RegisterLayout cs = Layouts.columnSpatial(2, 3);
        assertArrayEquals(new int[] {1, 2}, cs.indexOf(5, 0));
        assertArrayEquals(new int[] {1, 0}, cs.indexOf(1, 0));
        RegisterLayout cl = Layouts.columnLocal(2, 3);
        assertArrayEquals(new int[] {0, 1}, cl.indexOf(0, 2));
        RegisterLayout r = Layouts.replicated(4, 2);
        assertEquals(4, r.holders(0, 0).size());
    }

    /** SPEC.md L1.3 compose (Kronecker product) */
    @Test
    void composeKroneckerProduct() {
        RegisterLayout c = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        assertArrayEquals(new int[] {16, 8}, c.shape());
        assertArrayEquals(new int[] {8 + 2, 2 * 3 + 1}, c.indexOf(2 * 4 + 3, 3));
        RegisterLayout a = Layouts.columnLocal(2, 2).spatial(8, 4).local(1, 2);
        assertArrayEquals(new int[] {2, 2 * 3 + 8}, a.indexOf(2 * 4 + 3, 4));
        assertArrayEquals(new int[] {2 + 8, 2 * 3 + 9}, a.indexOf(2 * 4 + 3, 7));
        RegisterLayout b = Layouts.local(2, 1).columnSpatial(4, 8).local(2, 1);
        assertArrayEquals(new int[] {2 * 3 + 9, 2}, b.indexOf(2 * 4 + 3, 3));
        assertNotEquals(Layouts.spatial(4).local(2), Layouts.local(2).spatial(4));
    }

    /** SPEC.md L1.4 Canonical form and equality */
    @Test
    void canonicalFormAndEquality() {
        assertEquals(Layouts.spatial(4, 4), Layouts.spatial(2, 1).spatial(2, 4));
        assertEquals("spatial(4,4)", Layouts.spatial(2, 1).spatial(2, 4).toString());
        assertEquals(Layouts.columnSpatial(4, 8), Layouts.spatial(1, 8).spatial(4, 1));
        assertNotEquals(Layouts.spatial(4, 4), Layouts.spatial(2, 4).spatial(2, 1));
        assertArrayEquals(new int[] {4, 4}, Layouts.spatial(2, 1).spatial(2, 4).canonical().modeShape());
    }

    /** SPEC.md L1.5 divide, leftDivide, divisibleBy */
    @Test
    void divideLeftDivideDivisibleBy() {
        RegisterLayout frag = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        RegisterLayout warpTile = Layouts.local(2, 2).compose(frag);
        assertEquals(Layouts.local(2, 2), warpTile.divide(frag));
        assertEquals(frag, warpTile.leftDivide(Layouts.local(2, 2)));
        assertEquals(Layouts.spatial(8, 2), Layouts.spatial(8, 4).divide(Layouts.spatial(1, 2)));
        assertFalse(Layouts.spatial(8, 4).divisibleBy(Layouts.spatial(2, 2)));
    }

    /** SPEC.md L1.6 reduce(dims, keepDims) */
    @Test
    void reduce() {
        RegisterLayout acc16x8 = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        RegisterLayout rowSums = acc16x8.reduce(new int[] {1}, true);
        assertEquals(Layouts.local(2, 1).spatial(8, 1).replicated(4), rowSums);
        assertEquals(4, rowSums.holders(3, 0).size());
        assertEquals(Layouts.local(2).spatial(8).replicated(4), acc16x8.reduce(new int[] {1}, false));
    }

    /** SPEC.md L1.7 concat(other) */
    @Test
    void concat() {
        RegisterLayout rows = Layouts.spatial(4);
        RegisterLayout cols = Layouts.local(2).spatial(8);
        RegisterLayout grid = rows.concat(cols);
        assertEquals(Layouts.spatial(4, 1).local(1, 2).spatial(1, 8), grid);
        assertArrayEquals(new int[] {1, 8 + 3}, grid.indexOf(8 + 3, 1));
    }

    /** SPEC.md L1.8 permute(dims) */
    @Test
    void permute() {
        assertEquals(Layouts.columnSpatial(4, 8), Layouts.spatial(8, 4).permute(1, 0));
    }

    /** SPEC.md L1.9 reshape(shape) and flatten() */
    @Test
    void reshapeAndFlatten() {
        RegisterLayout acc2 = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        assertEquals("local(2).spatial(32).local(2)", acc2.flatten().toString());
        assertEquals(acc2, acc2.flatten().reshape(16, 8));
        assertEquals(Layouts.local(2, 1).spatial(16, 2).local(1, 2), acc2.reshape(32, 4));
        assertThrows(LayoutException.class, () -> Layouts.spatial(2, 3).reshape(3, 2));
    }

    /** SPEC.md L1.10 squeeze(dims) and unsqueeze(dims) */
    @Test
    void squeezeAndUnsqueeze() {
        RegisterLayout u = Layouts.spatial(8, 4).unsqueeze(0, 3);
        assertArrayEquals(new int[] {1, 8, 4, 1}, u.shape());
        assertEquals(Layouts.spatial(8, 4), u.squeeze());
        assertArrayEquals(new int[] {8, 4, 1}, u.squeeze(0).shape());
    }

    /** SPEC.md L1.11 Layouts.autoLocalSpatial(numThreads, shape...) */
    @Test
    void autoLocalSpatial() {
        assertEquals(Layouts.local(4, 1).spatial(4, 8), Layouts.autoLocalSpatial(32, 16, 8));
        assertEquals(Layouts.replicated(8, 2).spatial(4, 4), Layouts.autoLocalSpatial(128, 4, 4));
    }

    /** SPEC.md L1.12 Text form: Layouts.parse and toString */
    @Test
    void textForm() {
        assertEquals(Layouts.spatial(8, 4).replicated(2), Layouts.parse("spatial(8,4).replicated(2)"));
        assertEquals(Layouts.columnSpatial(4, 8), Layouts.parse("spatial(8,4).permute(1,0)"));
        RegisterLayout transposed = RegisterLayout.of(new int[] {8}, new int[] {2, 4}, new int[] {1, 0}, new int[] {});
        assertEquals("layout([8], [2, 4], [1, 0], [])", transposed.toString());
        LayoutException e = assertThrows(LayoutException.class, () -> Layouts.parse("spatial(8,,4)"));
        assertEquals("layout text 'spatial(8,,4)', column 11: expected an integer but found ','", e.getMessage());
    }

    /** SPEC.md L2. Shared layouts */
    @Test
    void sharedLayouts() {
        SharedLayout rm = SharedLayout.rowMajor(4, 8);
        assertEquals(2 * 8 + 3, rm.offsetOf(2, 3));
        assertEquals(3 * 4 + 2, SharedLayout.columnMajor(4, 8).offsetOf(2, 3));
        SharedLayout padded = SharedLayout.of(new int[] {8, 8}, new int[] {2, 4, 8}, new int[] {40, 8, 1});
        assertEquals(40 + 3 * 8 + 5, padded.offsetOf(7, 5));
        assertEquals(72, padded.cosize());
    }

    /** SPEC.md L2.1 Swizzle */
    @Test
    void sharedSwizzle() {
        SharedLayout sw = SharedLayout.swizzledRowMajor(64, 64, 2);
        assertEquals(new Swizzle(3, 3, 3), sw.swizzle());
        assertEquals(3 * 64 + ((1 ^ 3) * 8), sw.offsetOf(3, 8));
        assertEquals(new Swizzle(2, 3, 3), SharedLayout.swizzledRowMajor(64, 32, 2).swizzle());
    }

    /** SPEC.md L2.2 compose(inner) */
    @Test
    void sharedCompose() {
        SharedLayout tiles = SharedLayout.columnMajor(2, 3).compose(SharedLayout.rowMajor(4, 8));
        assertArrayEquals(new int[] {8, 24}, tiles.shape());
        assertEquals((1 * 2 + 1) * 32 + 1 * 8 + 2, tiles.offsetOf(5, 10));
    }

    /** SPEC.md L2.3 slice(offsets, shape) */
    @Test
    void sharedSlice() {
        SharedLayout whole = SharedLayout.swizzledRowMajor(32, 64, 2);
        SharedLayout sub = whole.slice(new int[] {8, 16}, new int[] {8, 16});
        assertEquals(8 * 64 + 16, sub.baseOffset());
        assertEquals(whole.offsetOf(8 + 5, 16 + 9), sub.offsetOf(5, 9));
        assertThrows(LayoutException.class, () -> whole.slice(new int[] {30, 0}, new int[] {4, 8}));
    }

    /** SPEC.md L3. Global layouts and symbolic sizes */
    @Test
    void globalLayoutsAndSymbolicSizes() {
        Sym m = Sym.var("M");
        Sym k = Sym.var("K");
        assertEquals("K*M + 4", m.times(k).plus(Sym.constant(4)).toString());
        GlobalLayout g = GlobalLayout.rowMajor(List.of(m, k));
        assertEquals(List.of(k, Sym.constant(1)), g.strides());
        assertEquals(Sym.var("i").times(k).plus(Sym.var("j")), g.offsetOf(List.of(Sym.var("i"), Sym.var("j"))));
        assertArrayEquals(new long[] {128, 1}, g.evalStrides(Map.of("M", 64L, "K", 128L)));
        LayoutException missing = assertThrows(LayoutException.class, () -> g.evalShape(Map.of("M", 64L)));
        assertTrue(missing.getMessage().contains("variable 'K' has no value"));
    }
}
