package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymAndGlobalLayoutTest {
    private static final Sym M = Sym.var("M");
    private static final Sym K = Sym.var("K");
    private static final Sym N = Sym.var("N");

    @Test
    void canonicalPolynomials() {
        Sym a = M.times(K).plus(Sym.constant(4));
        Sym b = Sym.constant(4).plus(K.times(M));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("K*M + 4", a.toString());
        assertEquals("2*M", M.plus(M).toString());
        assertEquals("M^2 - 4*M", M.minus(Sym.constant(4)).times(M).toString());
        assertEquals("-K + N", N.minus(K).toString());
        assertEquals("0", M.minus(M).toString());
        assertEquals(Sym.constant(0), M.minus(M));
        assertTrue(M.minus(M).isConstant());
        assertEquals(0, M.minus(M).constantValue());
        assertEquals("K^2*M + 3*K + -1".replace("+ -1", "- 1"),
                K.times(K).times(M).plus(K.times(3)).plus(-1).toString());
        assertEquals(Set.of("K", "M"), a.variables());
        assertFalse(a.isConstant());
        assertEquals(7, Sym.constant(7).constantValue());
        assertThrows(LayoutException.class, a::constantValue);
        assertNotEquals(M, K);
        assertThrows(LayoutException.class, () -> Sym.var("2x"));
        assertThrows(LayoutException.class, () -> Sym.var(""));
    }

    @Test
    void ringLawsAgainstEvaluation() {
        Random rnd = new Random(3);
        Sym[] atoms = {M, K, N, Sym.constant(3), Sym.constant(-2)};
        for (int n = 0; n < 500; n++) {
            Sym x = randomSym(rnd, atoms);
            Sym y = randomSym(rnd, atoms);
            Sym z = randomSym(rnd, atoms);
            Map<String, Long> env = Map.of("M", (long) rnd.nextInt(50) - 10, "K", (long) rnd.nextInt(50),
                    "N", (long) rnd.nextInt(7));
            assertEquals(x.eval(env) + y.eval(env), x.plus(y).eval(env));
            assertEquals(x.eval(env) * y.eval(env), x.times(y).eval(env));
            assertEquals(x.times(y.plus(z)), x.times(y).plus(x.times(z)));
            assertEquals(x.times(y), y.times(x));
            assertEquals(x.plus(y).plus(z), x.plus(y.plus(z)));
            assertEquals(Sym.constant(0), x.minus(x));
        }
    }

    private static Sym randomSym(Random rnd, Sym[] atoms) {
        Sym s = atoms[rnd.nextInt(atoms.length)];
        for (int i = rnd.nextInt(3); i > 0; i--) {
            Sym t = atoms[rnd.nextInt(atoms.length)];
            s = rnd.nextBoolean() ? s.plus(t) : s.times(t);
        }
        return s;
    }

    @Test
    void evalErrors() {
        Sym a = M.times(K).plus(Sym.constant(4));
        assertEquals(4 + 6 * 7, a.eval(Map.of("M", 6L, "K", 7L)));
        LayoutException e = assertThrows(LayoutException.class, () -> a.eval(Map.of("M", 6L)));
        assertTrue(e.getMessage().contains("variable 'K' has no value"), e.getMessage());
        assertTrue(e.getMessage().contains("K*M + 4"), e.getMessage());
        Map<String, Long> withNull = new HashMap<>();
        withNull.put("M", null);
        withNull.put("K", 1L);
        assertThrows(LayoutException.class, () -> a.eval(withNull));
        assertThrows(LayoutException.class, () -> M.times(M).eval(Map.of("M", 1L << 40)));
        assertThrows(LayoutException.class, () -> Sym.constant(Long.MAX_VALUE).plus(Sym.constant(1)));
    }

    @Test
    void globalLayouts() {
        GlobalLayout r = GlobalLayout.rowMajor(List.of(M, K));
        assertEquals(List.of(K, Sym.constant(1)), r.strides());
        assertEquals(2, r.rank());
        assertEquals("global(shape=[M, K], strides=[K, 1])", r.toString());
        Sym i = Sym.var("i");
        Sym j = Sym.var("j");
        assertEquals(i.times(K).plus(j), r.offsetOf(List.of(i, j)));
        Map<String, Long> env = Map.of("M", 5L, "K", 7L);
        assertArrayEquals(new long[] {5, 7}, r.evalShape(env));
        assertArrayEquals(new long[] {7, 1}, r.evalStrides(env));
        assertEquals(3 * 7 + 4, r.evalOffset(new long[] {3, 4}, env));
        assertThrows(LayoutException.class, () -> r.evalOffset(new long[] {5, 0}, env));
        GlobalLayout c = GlobalLayout.columnMajor(List.of(M, K, N));
        assertEquals(List.of(Sym.constant(1), M, M.times(K)), c.strides());
        assertEquals(GlobalLayout.of(List.of(M, K, N), List.of(Sym.constant(1), M, K.times(M))), c);
        GlobalLayout strided = GlobalLayout.of(List.of(M, K), List.of(Sym.var("ld"), Sym.constant(1)));
        assertEquals(Sym.var("ld").times(Sym.constant(2)).plus(Sym.constant(3)),
                strided.offsetOf(List.of(Sym.constant(2), Sym.constant(3))));
        LayoutException e = assertThrows(LayoutException.class, () -> strided.evalStrides(env));
        assertTrue(e.getMessage().contains("'ld'"), e.getMessage());
        assertThrows(LayoutException.class, () -> GlobalLayout.of(List.of(M), List.of()));
        assertThrows(LayoutException.class, () -> r.offsetOf(List.of(i)));
        assertThrows(LayoutException.class, () -> GlobalLayout.rowMajor(List.of(Sym.constant(-1))));
        assertThrows(UnsupportedOperationException.class, () -> r.shape().add(M));
    }
}
