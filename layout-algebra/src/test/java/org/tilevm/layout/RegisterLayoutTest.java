package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.layout.LayoutTestSupport.assertHoldersConsistent;
import static org.tilevm.layout.LayoutTestSupport.assertSameMap;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterLayoutTest {

    /** Asserts, by enumerating every (thread, local), that layout l maps to the formula's element. */
    private interface Formula {
        int[] index(int thread, int local);
    }

    private static void assertFormula(RegisterLayout l, int threads, int locals, Formula f) {
        assertEquals(threads, l.numThreads());
        assertEquals(locals, l.localSize());
        boolean[] seen = new boolean[l.numElements()];
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < locals; k++) {
                int[] expected = f.index(t, k);
                assertArrayEquals(expected, l.indexOf(t, k), "thread " + t + " local " + k + " of " + l);
                int flat = LayoutTestSupport.flat(expected, l.shape());
                assertFalse(seen[flat]);
                seen[flat] = true;
                assertEquals(List.of(new RegisterLayout.Holder(t, k)), l.holders(expected));
            }
        }
    }

    @Test
    void primitives() {
        RegisterLayout s = Layouts.spatial(3, 5);
        assertArrayEquals(new int[] {3, 5}, s.shape());
        assertFormula(s, 15, 1, (t, k) -> new int[] {t / 5, t % 5});
        assertFormula(Layouts.local(3, 5), 1, 15, (t, k) -> new int[] {k / 5, k % 5});
        assertFormula(Layouts.columnSpatial(3, 5), 15, 1, (t, k) -> new int[] {t % 3, t / 3});
        assertFormula(Layouts.columnLocal(3, 5), 1, 15, (t, k) -> new int[] {k % 3, k / 3});
        // rank 3 column-major: dimension 0 fastest
        assertFormula(Layouts.columnSpatial(2, 3, 4), 24, 1, (t, k) -> new int[] {t % 2, (t / 2) % 3, t / 6});
        RegisterLayout r = Layouts.replicated(4, 2);
        assertArrayEquals(new int[] {1, 1}, r.shape());
        assertEquals(4, r.numThreads());
        assertEquals(1, r.localSize());
        assertTrue(r.isReplicated());
        assertEquals(4, r.holders(0, 0).size());
        assertEquals(Layouts.local(1, 1), Layouts.replicated(1, 2));
    }

    @Test
    void mmaAccumulatorFragment() {
        // m16n8k16 C/D fragment: c0,c1 = (g, 2t), (g, 2t+1); c2,c3 = (g+8, 2t), (g+8, 2t+1)
        RegisterLayout c = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        assertArrayEquals(new int[] {16, 8}, c.shape());
        assertFormula(c, 32, 4, (lane, k) -> new int[] {lane / 4 + 8 * (k / 2), 2 * (lane % 4) + k % 2});
        // and the formulas of the brief, the other way round
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(List.of(new RegisterLayout.Holder((i % 8) * 4 + j / 2, (i / 8) * 2 + j % 2)),
                        c.holders(i, j));
            }
        }
        assertEquals(c, Layouts.parse("local(2,1).spatial(8,4).local(1,2)"));
        assertEquals("local(2,1).spatial(8,4).local(1,2)", c.toString());
    }

    @Test
    void mmaAFragmentF16() {
        // a0..a7 = {(g,2t),(g,2t+1)}, {(g+8,2t),(g+8,2t+1)}, {(g,2t+8),(g,2t+9)}, {(g+8,2t+8),(g+8,2t+9)}
        RegisterLayout a = Layouts.columnLocal(2, 2).spatial(8, 4).local(1, 2);
        assertArrayEquals(new int[] {16, 16}, a.shape());
        assertFormula(a, 32, 8, (lane, k) -> {
            int g = lane / 4;
            int t = lane % 4;
            int pair = k / 2;
            int row = g + ((pair & 1) != 0 ? 8 : 0);
            int col = 2 * t + (k % 2) + ((pair & 2) != 0 ? 8 : 0);
            return new int[] {row, col};
        });
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertEquals((i % 8) * 4 + (j % 8) / 2, a.holders(i, j).get(0).thread());
            }
        }
        assertEquals("columnLocal(2,2).spatial(8,4).local(1,2)", a.toString());
    }

    @Test
    void mmaBFragmentF16() {
        // shape [16, 8] as (k, n): b0,b1 = (2t, g), (2t+1, g); b2,b3 = (2t+8, g), (2t+9, g)
        RegisterLayout b = Layouts.local(2, 1).columnSpatial(4, 8).local(2, 1);
        assertArrayEquals(new int[] {16, 8}, b.shape());
        assertFormula(b, 32, 4, (lane, k) -> new int[] {2 * (lane % 4) + (k % 2) + 8 * (k / 2), lane / 4});
        assertEquals("local(2,1).columnSpatial(4,8).local(2,1)", b.toString());
    }

    @Test
    void composeFollowsTheKroneckerFormula() {
        RegisterLayout outer = Layouts.columnSpatial(2, 3).local(2, 1);
        RegisterLayout inner = Layouts.local(1, 2).spatial(2, 2).replicated(2);
        RegisterLayout c = outer.compose(inner);
        assertArrayEquals(new int[] {8, 12}, c.shape());
        for (int t = 0; t < c.numThreads(); t++) {
            for (int k = 0; k < c.localSize(); k++) {
                int[] o = outer.indexOf(t / inner.numThreads(), k / inner.localSize());
                int[] i = inner.indexOf(t % inner.numThreads(), k % inner.localSize());
                assertArrayEquals(new int[] {o[0] * 2 + i[0], o[1] * 4 + i[1]}, c.indexOf(t, k));
            }
        }
        assertHoldersConsistent(c);
        assertThrows(LayoutException.class, () -> Layouts.spatial(2, 2).compose(Layouts.local(2)));
    }

    @Test
    void composeIsNotCommutative() {
        RegisterLayout a = Layouts.spatial(4);
        RegisterLayout b = Layouts.local(2);
        assertNotEquals(a.compose(b), b.compose(a));
        assertArrayEquals(new int[] {2}, a.compose(b).indexOf(1, 0)); // thread 1 holds 2, 3
        assertArrayEquals(new int[] {1}, b.compose(a).indexOf(1, 0)); // thread 1 holds 1, 5
    }

    @Test
    void equalMapsAreEqualObjects() {
        assertEquals(Layouts.spatial(4, 4), Layouts.spatial(2, 1).spatial(2, 4));
        assertEquals(Layouts.spatial(4, 4).hashCode(), Layouts.spatial(2, 1).spatial(2, 4).hashCode());
        assertEquals(Layouts.local(8), Layouts.local(2).local(2).local(2));
        assertEquals(Layouts.local(2, 1).spatial(1, 4), Layouts.spatial(1, 4).local(2, 1));
        assertEquals(Layouts.replicated(6, 1), Layouts.replicated(2, 1).replicated(3));
        assertEquals(Layouts.spatial(1, 1), Layouts.local(1, 1));
        assertNotEquals(Layouts.spatial(4, 4), Layouts.columnSpatial(4, 4));
        assertNotEquals(Layouts.spatial(4), Layouts.local(4));
        assertNotEquals(Layouts.spatial(2, 2), Layouts.spatial(4));
        // the raw representation and the canonical one
        RegisterLayout raw = RegisterLayout.of(new int[] {4, 4}, new int[] {2, 2, 1, 4}, new int[] {0, 1, 3, 2},
                new int[] {});
        assertEquals(Layouts.spatial(4, 4), raw);
        RegisterLayout c = raw.canonical();
        assertArrayEquals(new int[] {4, 4}, c.modeShape());
        assertArrayEquals(new int[] {0, 1}, c.spatialModes());
        assertArrayEquals(new int[] {}, c.localModes());
        assertSameMap(raw, c);
    }

    @Test
    void rawLayoutsThatAreNoChainPrintInRawForm() {
        // a transposed thread order inside one dimension is no composition of primitives
        RegisterLayout t = RegisterLayout.of(new int[] {8}, new int[] {2, 4}, new int[] {1, 0}, new int[] {});
        assertEquals("layout([8], [2, 4], [1, 0], [])", t.toString());
        assertEquals(t, Layouts.parse(t.toString()));
        assertArrayEquals(new int[] {4}, t.indexOf(1, 0));
        assertArrayEquals(new int[] {1}, t.indexOf(2, 0));
        assertEquals("layout([8], [2, 4], [1, 0], [])", t.toRawString());
    }

    @Test
    void accessorsAreDefensiveCopies() {
        RegisterLayout l = Layouts.local(2, 1).spatial(8, 4);
        l.shape()[0] = 99;
        l.modeShape()[0] = 99;
        l.spatialModes()[0] = 99;
        l.localModes()[0] = 99;
        assertArrayEquals(new int[] {16, 4}, l.shape());
        assertEquals(16, l.shape(0));
        assertArrayEquals(new int[] {0, 1}, l.modesOfDim(0));
    }

    @Test
    void badArgumentsNameTheLayoutAndTheProblem() {
        RegisterLayout c = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        LayoutException e = assertThrows(LayoutException.class, () -> c.indexOf(32, 0));
        assertTrue(e.getMessage().contains("local(2,1).spatial(8,4).local(1,2)"), e.getMessage());
        assertTrue(e.getMessage().contains("thread 32 out of range [0, 32)"), e.getMessage());
        e = assertThrows(LayoutException.class, () -> c.indexOf(0, -1));
        assertTrue(e.getMessage().contains("local index -1"), e.getMessage());
        e = assertThrows(LayoutException.class, () -> c.holders(1));
        assertTrue(e.getMessage().contains("rank 1, expected 2"), e.getMessage());
        e = assertThrows(LayoutException.class, () -> c.holders(0, 8));
        assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
        assertThrows(LayoutException.class, () -> c.shape(2));
        assertThrows(LayoutException.class, () -> Layouts.spatial(0, 2));
        assertThrows(LayoutException.class, () -> Layouts.replicated(0, 2));
        e = assertThrows(LayoutException.class,
                () -> RegisterLayout.of(new int[] {4}, new int[] {2, 2}, new int[] {0}, new int[] {}));
        assertTrue(e.getMessage().contains("mode 1 is neither spatial nor local"), e.getMessage());
        e = assertThrows(LayoutException.class,
                () -> RegisterLayout.of(new int[] {4}, new int[] {2, 2}, new int[] {0, 1}, new int[] {1}));
        assertTrue(e.getMessage().contains("both spatial and local"), e.getMessage());
        assertThrows(LayoutException.class,
                () -> RegisterLayout.of(new int[] {4}, new int[] {3}, new int[] {0}, new int[] {}));
        assertThrows(LayoutException.class,
                () -> RegisterLayout.of(new int[] {4}, new int[] {4, 2}, new int[] {0, 1}, new int[] {}));
        assertThrows(LayoutException.class,
                () -> RegisterLayout.of(new int[] {4}, new int[] {4}, new int[] {0, 0}, new int[] {}));
        assertThrows(LayoutException.class,
                () -> RegisterLayout.of(new int[] {4}, new int[] {4}, new int[] {5}, new int[] {}));
        assertThrows(LayoutException.class,
                () -> RegisterLayout.of(new int[] {4}, new int[] {4}, new int[] {}, new int[] {-2}));
        assertThrows(LayoutException.class, () -> Layouts.spatial(1 << 16, 1 << 16));
    }

    @Test
    void ofAssignsSizeOneModesAndEmptyDimensions() {
        RegisterLayout l = RegisterLayout.of(new int[] {1, 4, 1}, new int[] {1, 4, 1}, new int[] {1},
                new int[] {0, 2});
        // dimension 0 (size 1) is complete with no mode, so the leading size-1 mode goes to dimension 1
        assertArrayEquals(new int[] {}, l.modesOfDim(0));
        assertArrayEquals(new int[] {0, 1}, l.modesOfDim(1));
        assertArrayEquals(new int[] {2}, l.modesOfDim(2));
        assertEquals(Layouts.spatial(1, 4, 1), l);
        RegisterLayout scalar = RegisterLayout.of(new int[] {}, new int[] {}, new int[] {-4}, new int[] {});
        assertEquals(0, scalar.rank());
        assertEquals(4, scalar.holders().size());
        assertEquals("replicated(4, 0)", scalar.toString());
    }

    @Test
    void divideAndLeftDivideExamples() {
        RegisterLayout c = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        assertEquals(Layouts.local(2, 1).spatial(8, 4), c.divide(Layouts.local(1, 2)));
        assertEquals(Layouts.local(2, 1), c.divide(Layouts.spatial(8, 4).local(1, 2)));
        assertEquals(Layouts.spatial(8, 4).local(1, 2), c.leftDivide(Layouts.local(2, 1)));
        assertEquals(Layouts.local(1, 2), c.leftDivide(Layouts.local(2, 1).spatial(8, 4)));
        // modes are split where needed
        assertEquals(Layouts.spatial(8, 2), Layouts.spatial(8, 4).divide(Layouts.spatial(1, 2)));
        assertEquals(Layouts.spatial(4, 1), Layouts.spatial(8, 4).divide(Layouts.spatial(2, 4)));
        assertEquals(Layouts.spatial(4, 4), Layouts.spatial(8, 4).leftDivide(Layouts.spatial(2, 1)));
        // thread digits must line up: spatial(4,2).spatial(2,2) orders threads (i_hi, j_hi, i_lo, j_lo)
        assertFalse(Layouts.spatial(8, 4).divisibleBy(Layouts.spatial(2, 2)));
        assertEquals(Layouts.spatial(4, 2), Layouts.spatial(4, 2).spatial(2, 2).divide(Layouts.spatial(2, 2)));
        // replication splits too
        assertEquals(Layouts.spatial(4).replicated(2), Layouts.spatial(4).replicated(6).divide(Layouts.replicated(3, 1)));
        // the accumulator of a warp tile 32x16 is divisible by the m16n8 fragment
        RegisterLayout warpTile = Layouts.local(2, 2).compose(c);
        assertTrue(warpTile.divisibleBy(c));
        assertEquals(Layouts.local(2, 2), warpTile.divide(c));
        // not divisible
        assertFalse(Layouts.spatial(4, 4).divisibleBy(Layouts.local(1, 2)));
        assertFalse(c.divisibleBy(Layouts.spatial(8, 4)));
        assertFalse(Layouts.spatial(8).divisibleBy(Layouts.spatial(3)));
        assertFalse(Layouts.spatial(4).divisibleBy(Layouts.spatial(2, 2)));
        LayoutException e = assertThrows(LayoutException.class, () -> Layouts.spatial(4, 4).divide(Layouts.local(1, 2)));
        assertTrue(e.getMessage().startsWith("cannot divide spatial(4,4) by local(1,2): "), e.getMessage());
        e = assertThrows(LayoutException.class, () -> c.leftDivide(Layouts.spatial(8, 4)));
        assertTrue(e.getMessage().startsWith("cannot left-divide "), e.getMessage());
    }

    @Test
    void reduceTurnsSpatialModesIntoReplication() {
        RegisterLayout c = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        RegisterLayout rows = c.reduce(new int[] {1}, true); // reduce over columns
        assertArrayEquals(new int[] {16, 1}, rows.shape());
        assertEquals(32, rows.numThreads());
        assertEquals(2, rows.localSize());
        assertEquals(4, rows.replicationFactor());
        assertEquals(Layouts.local(2, 1).spatial(8, 1).replicated(4), rows);
        // threads 4i..4i+3 (one quad) share row i
        for (int i = 0; i < 16; i++) {
            List<RegisterLayout.Holder> h = rows.holders(i, 0);
            assertEquals(4, h.size());
            for (int q = 0; q < 4; q++) {
                assertEquals(new RegisterLayout.Holder((i % 8) * 4 + q, i / 8), h.get(q));
            }
        }
        RegisterLayout dropped = c.reduce(new int[] {1}, false);
        assertArrayEquals(new int[] {16}, dropped.shape());
        assertEquals(Layouts.local(2).spatial(8).replicated(4), dropped);
        RegisterLayout all = c.reduce(new int[] {0, 1}, false);
        assertEquals(0, all.rank());
        assertEquals(32, all.replicationFactor());
        assertThrows(LayoutException.class, () -> c.reduce(new int[] {2}, true));
        assertThrows(LayoutException.class, () -> c.reduce(new int[] {1, 1}, true));
    }

    @Test
    void concatPermuteReshapeSqueezeUnsqueeze() {
        RegisterLayout a = Layouts.spatial(2).local(3);
        RegisterLayout b = Layouts.local(2).spatial(4);
        RegisterLayout ab = a.concat(b);
        assertArrayEquals(new int[] {6, 8}, ab.shape());
        assertEquals(8, ab.numThreads());
        assertEquals(6, ab.localSize());
        for (int t = 0; t < 8; t++) {
            for (int k = 0; k < 6; k++) {
                int[] x = a.indexOf(t / 4, k / 2);
                int[] y = b.indexOf(t % 4, k % 2);
                assertArrayEquals(new int[] {x[0], y[0]}, ab.indexOf(t, k));
            }
        }
        RegisterLayout c = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        RegisterLayout p = c.permute(1, 0);
        assertArrayEquals(new int[] {8, 16}, p.shape());
        for (int t = 0; t < 32; t++) {
            for (int k = 0; k < 4; k++) {
                int[] x = c.indexOf(t, k);
                assertArrayEquals(new int[] {x[1], x[0]}, p.indexOf(t, k));
            }
        }
        assertEquals(c, p.permute(1, 0));
        assertThrows(LayoutException.class, () -> c.permute(0, 0));
        assertThrows(LayoutException.class, () -> c.permute(0));

        RegisterLayout f = c.flatten();
        assertArrayEquals(new int[] {128}, f.shape());
        assertEquals("local(2).spatial(32).local(2)", f.toString());
        assertEquals(c, f.reshape(16, 8));
        assertEquals(Layouts.local(2, 1, 1).spatial(1, 8, 4).local(1, 1, 2), c.reshape(2, 8, 8));
        assertEquals(Layouts.local(2, 1).spatial(16, 2).local(1, 2), c.reshape(32, 4));
        LayoutException e = assertThrows(LayoutException.class, () -> Layouts.spatial(2, 3).reshape(3, 2));
        assertTrue(e.getMessage().contains("straddles"), e.getMessage());
        assertThrows(LayoutException.class, () -> c.reshape(3, 5));

        RegisterLayout u = c.unsqueeze(0, 3);
        assertArrayEquals(new int[] {1, 16, 8, 1}, u.shape());
        assertEquals(c, u.squeeze(0, 3));
        assertEquals(c, u.squeeze());
        assertArrayEquals(new int[] {1, 16, 8}, u.squeeze(3).shape());
        assertThrows(LayoutException.class, () -> u.squeeze(1));
        assertThrows(LayoutException.class, () -> c.unsqueeze(3));
    }

    @Test
    void autoLocalSpatial() {
        assertEquals(Layouts.local(4, 1).spatial(4, 8), Layouts.autoLocalSpatial(32, 16, 8));
        assertEquals(Layouts.local(1, 1).spatial(16, 8), Layouts.autoLocalSpatial(128, 16, 8));
        assertEquals(Layouts.local(16, 1).spatial(8, 4), Layouts.autoLocalSpatial(32, 128, 4));
        // too few elements: the rest of the threads replicate the whole tile
        RegisterLayout small = Layouts.autoLocalSpatial(128, 4, 4);
        assertEquals(128, small.numThreads());
        assertEquals(8, small.replicationFactor());
        assertEquals(Layouts.replicated(8, 2).spatial(4, 4), small);
        // sizes sharing few factors with the thread count
        RegisterLayout odd = Layouts.autoLocalSpatial(32, 6, 6);
        assertEquals(Layouts.replicated(8, 2).local(3, 3).spatial(2, 2), odd);
        assertHoldersConsistent(odd);
        assertThrows(LayoutException.class, () -> Layouts.autoLocalSpatial(0, 4));
    }
}
