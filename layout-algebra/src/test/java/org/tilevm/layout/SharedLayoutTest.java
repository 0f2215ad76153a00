package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedLayoutTest {

    @Test
    void rowAndColumnMajor() {
        SharedLayout r = SharedLayout.rowMajor(4, 8);
        SharedLayout c = SharedLayout.columnMajor(4, 8);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(i * 8 + j, r.offsetOf(i, j));
                assertEquals(j * 4 + i, c.offsetOf(i, j));
            }
        }
        assertEquals(32, r.cosize());
        assertEquals(32, c.cosize());
        assertEquals(2, r.rank());
        assertEquals(8, r.shape(1));
        assertArrayEquals(new int[] {8, 1}, r.modeStrides());
        assertEquals(Swizzle.NONE, r.swizzle());
        assertEquals(0, r.baseOffset());
        SharedLayout r3 = SharedLayout.rowMajor(2, 3, 5);
        assertEquals(1 * 15 + 2 * 5 + 4, r3.offsetOf(1, 2, 4));
        assertEquals(SharedLayout.rowMajor(4, 8), r);
        assertNotEquals(r, c);
    }

    @Test
    void modesAndStrides() {
        // [8, 8] where rows are split 2 x 4 with the outer row mode strided past a padded block
        SharedLayout l = SharedLayout.of(new int[] {8, 8}, new int[] {2, 4, 8}, new int[] {40, 8, 1});
        assertEquals(40 + 3 * 8 + 5, l.offsetOf(7, 5));
        assertEquals(40 + 32, l.cosize());
        assertArrayEquals(new int[] {0, 1}, l.modesOfDim(0));
        assertThrows(LayoutException.class, () -> SharedLayout.of(new int[] {8}, new int[] {3}, new int[] {1}));
        assertThrows(LayoutException.class, () -> SharedLayout.of(new int[] {8}, new int[] {8}, new int[] {-1}));
        assertThrows(LayoutException.class, () -> SharedLayout.of(new int[] {8}, new int[] {8}, new int[] {1, 2}));
        LayoutException e = assertThrows(LayoutException.class, () -> l.offsetOf(8, 0));
        assertTrue(e.getMessage().contains("out of range in dimension 0"), e.getMessage());
        assertThrows(LayoutException.class, () -> l.offsetOf(0));
    }

    @Test
    void swizzleFormula() {
        Swizzle s = new Swizzle(3, 3, 3);
        Random rnd = new Random(5);
        for (int n = 0; n < 1000; n++) {
            int x = rnd.nextInt(1 << 20);
            int expected = x ^ ((x & (7 << 6)) >> 3);
            assertEquals(expected, s.apply(x));
            assertEquals(x, s.apply(s.apply(x))); // an involution since shift >= bits
        }
        assertEquals(5, Swizzle.NONE.apply(5));
        assertTrue(Swizzle.NONE.isIdentity());
        assertThrows(LayoutException.class, () -> new Swizzle(2, 0, 0));
        assertThrows(LayoutException.class, () -> new Swizzle(-1, 0, 1));
        assertThrows(LayoutException.class, () -> new Swizzle(10, 10, 20));
        // shift < bits is still a bijection
        Swizzle overlapping = new Swizzle(3, 0, 1);
        Set<Integer> seen = new HashSet<>();
        for (int x = 0; x < 64; x++) {
            assertTrue(seen.add(overlapping.apply(x)));
            assertTrue(overlapping.apply(x) < 64);
        }
    }

    private static void assertLdmatrixConflictFree(SharedLayout l, int rows, int cols, int elemBytes) {
        int perChunk = 16 / elemBytes;
        // bijection onto [0, rows*cols)
        boolean[] seen = new boolean[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int off = l.offsetOf(i, j);
                assertTrue(off >= 0 && off < rows * cols);
                assertFalse(seen[off], "offset " + off + " used twice");
                seen[off] = true;
                // a 16-byte chunk stays contiguous and in order
                assertEquals(l.offsetOf(i, j - j % perChunk) + j % perChunk, off);
            }
        }
        assertEquals(rows * cols, l.cosize());
        // any 8 consecutive rows of one 16-byte chunk column: 8 distinct 16-byte bank groups modulo 128 bytes
        for (int r0 = 0; r0 + 8 <= rows; r0++) {
            for (int chunk = 0; chunk < cols / perChunk; chunk++) {
                Set<Integer> groups = new HashSet<>();
                for (int r = r0; r < r0 + 8; r++) {
                    int bytes = l.offsetOf(r, chunk * perChunk) * elemBytes;
                    assertEquals(0, bytes % 16);
                    groups.add((bytes / 16) % 8);
                }
                assertEquals(8, groups.size(), "rows " + r0 + ".. chunk " + chunk + " of " + l);
            }
        }
    }

    @Test
    void swizzledRowMajorF16With128ByteRows() {
        SharedLayout l = SharedLayout.swizzledRowMajor(64, 64, 2);
        assertEquals(new Swizzle(3, 3, 3), l.swizzle());
        assertLdmatrixConflictFree(l, 64, 64, 2);
        // without the swizzle the 8 rows of a chunk column all hit the same bank group
        SharedLayout plain = SharedLayout.rowMajor(64, 64);
        Set<Integer> groups = new HashSet<>();
        for (int r = 0; r < 8; r++) {
            groups.add((plain.offsetOf(r, 0) * 2 / 16) % 8);
        }
        assertEquals(1, groups.size());
    }

    @Test
    void swizzledRowMajorOtherWidths() {
        int[][] cases = {{32, 8, 2}, {32, 16, 2}, {32, 32, 2}, {32, 128, 2}, {16, 256, 2}, {32, 64, 1},
            {32, 128, 1}, {32, 32, 4}, {16, 16, 4}, {24, 64, 2}, {16, 8, 8}, {16, 4, 16}};
        for (int[] c : cases) {
            SharedLayout l = SharedLayout.swizzledRowMajor(c[0], c[1], c[2]);
            assertLdmatrixConflictFree(l, c[0], c[1], c[2]);
        }
        assertEquals(new Swizzle(2, 3, 3), SharedLayout.swizzledRowMajor(8, 32, 2).swizzle());
        assertEquals(new Swizzle(3, 3, 4), SharedLayout.swizzledRowMajor(8, 128, 2).swizzle());
        assertEquals(Swizzle.NONE, SharedLayout.swizzledRowMajor(8, 8, 2).swizzle());
        assertThrows(LayoutException.class, () -> SharedLayout.swizzledRowMajor(8, 12, 2)); // 24-byte rows
        assertThrows(LayoutException.class, () -> SharedLayout.swizzledRowMajor(8, 24, 2)); // 3 chunks
        assertThrows(LayoutException.class, () -> SharedLayout.swizzledRowMajor(8, 64, 3));
        assertThrows(LayoutException.class, () -> SharedLayout.swizzledRowMajor(0, 64, 2));
    }

    @Test
    void sliceIsAViewOfTheSameBuffer() {
        Random rnd = new Random(99);
        SharedLayout[] parents = {
            SharedLayout.rowMajor(16, 32),
            SharedLayout.columnMajor(16, 32),
            SharedLayout.swizzledRowMajor(32, 64, 2),
            SharedLayout.of(new int[] {8, 12}, new int[] {2, 4, 3, 4}, new int[] {100, 12, 1, 3}),
            SharedLayout.rowMajor(4, 8).compose(SharedLayout.rowMajor(2, 4)),
        };
        int checked = 0;
        for (SharedLayout p : parents) {
            for (int n = 0; n < 300; n++) {
                int[] o = new int[2];
                int[] s = new int[2];
                for (int d = 0; d < 2; d++) {
                    s[d] = 1 + rnd.nextInt(p.shape(d));
                    o[d] = rnd.nextInt(p.shape(d) - s[d] + 1);
                }
                SharedLayout v;
                try {
                    v = p.slice(o, s);
                } catch (LayoutException e) {
                    assertTrue(e.getMessage().contains("not expressible"), e.getMessage());
                    continue;
                }
                checked++;
                assertArrayEquals(s, v.shape());
                assertEquals(p.swizzle(), v.swizzle());
                int max = -1;
                for (int i = 0; i < s[0]; i++) {
                    for (int j = 0; j < s[1]; j++) {
                        assertEquals(p.offsetOf(o[0] + i, o[1] + j), v.offsetOf(i, j));
                        max = Math.max(max, v.offsetOf(i, j));
                    }
                }
                assertEquals(max + 1, v.cosize());
                // a slice of a slice (when expressible) is the slice of the parent
                if (s[0] > 1 && s[1] > 1) {
                    try {
                        SharedLayout vv = v.slice(new int[] {1, 1}, new int[] {s[0] - 1, s[1] - 1});
                        for (int i = 0; i < s[0] - 1; i++) {
                            for (int j = 0; j < s[1] - 1; j++) {
                                assertEquals(p.offsetOf(o[0] + 1 + i, o[1] + 1 + j), vv.offsetOf(i, j));
                            }
                        }
                    } catch (LayoutException e) {
                        assertTrue(e.getMessage().contains("not expressible"), e.getMessage());
                    }
                }
            }
        }
        assertTrue(checked > 600, "too few representable slices: " + checked);
        SharedLayout p = SharedLayout.rowMajor(16, 32);
        assertEquals(5 * 32 + 8, p.slice(new int[] {5, 8}, new int[] {4, 8}).baseOffset());
        assertThrows(LayoutException.class, () -> p.slice(new int[] {15, 0}, new int[] {2, 4}));
        assertThrows(LayoutException.class, () -> p.slice(new int[] {0}, new int[] {2}));
        // a range that straddles a mode boundary inside one dimension
        SharedLayout split = SharedLayout.of(new int[] {8}, new int[] {2, 4}, new int[] {100, 1});
        LayoutException e = assertThrows(LayoutException.class, () -> split.slice(new int[] {2}, new int[] {4}));
        assertTrue(e.getMessage().contains("not expressible"), e.getMessage());
        assertThrows(LayoutException.class, () -> split.slice(new int[] {3}, new int[] {2}));
        assertEquals(100 + 1, split.slice(new int[] {5}, new int[] {3}).offsetOf(0));
        assertEquals(100 + 3, split.slice(new int[] {4}, new int[] {4}).offsetOf(3));
        assertEquals(2, split.slice(new int[] {0}, new int[] {8}).modeShape().length);
    }

    @Test
    void composeTilesInnerLayouts() {
        SharedLayout outer = SharedLayout.columnMajor(2, 3);
        SharedLayout inner = SharedLayout.rowMajor(4, 8);
        SharedLayout c = outer.compose(inner);
        assertArrayEquals(new int[] {8, 24}, c.shape());
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 24; j++) {
                assertEquals(outer.offsetOf(i / 4, j / 8) * 32 + inner.offsetOf(i % 4, j % 8), c.offsetOf(i, j));
            }
        }
        assertEquals(192, c.cosize());
        // swizzled inner tiles: the swizzle stays inside each tile
        SharedLayout sw = SharedLayout.swizzledRowMajor(8, 64, 2);
        SharedLayout tiles = SharedLayout.rowMajor(2, 2).compose(sw);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 128; j++) {
                assertEquals((i / 8 * 2 + j / 64) * 512 + sw.offsetOf(i % 8, j % 64), tiles.offsetOf(i, j));
            }
        }
        // a swizzled outer layout over power-of-two tiles
        SharedLayout so = SharedLayout.rowMajor(8, 8).withSwizzle(new Swizzle(1, 0, 3)).compose(SharedLayout.rowMajor(2, 2));
        SharedLayout o = SharedLayout.rowMajor(8, 8).withSwizzle(new Swizzle(1, 0, 3));
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertEquals(o.offsetOf(i / 2, j / 2) * 4 + (i % 2) * 2 + j % 2, so.offsetOf(i, j));
            }
        }
        assertThrows(LayoutException.class, () -> sw.compose(sw));
        assertThrows(LayoutException.class, () -> outer.compose(SharedLayout.rowMajor(4)));
        assertThrows(LayoutException.class,
                () -> SharedLayout.rowMajor(2, 2).compose(SharedLayout.rowMajor(4, 4).slice(new int[] {0, 0}, new int[] {2, 2})
                        .slice(new int[] {1, 0}, new int[] {1, 2})));
        assertThrows(LayoutException.class,
                () -> SharedLayout.rowMajor(2, 2).compose(SharedLayout.rowMajor(2, 8).withSwizzle(new Swizzle(3, 3, 3))));
    }
}
