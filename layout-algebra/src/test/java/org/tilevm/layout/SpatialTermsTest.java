package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpatialTermsTest {

    private static void checkPostcondition(RegisterLayout l) {
        List<RegisterLayout.SpatialTerm> terms = l.spatialTerms();
        for (int t = 0; t < l.numThreads(); t++) {
            for (int loc = 0; loc < l.localSize(); loc++) {
                int[] expect = l.indexOf(t, loc);
                int[] got = l.indexOf(0, loc);
                for (RegisterLayout.SpatialTerm term : terms) {
                    got[term.dim()] += ((t / term.divisor()) % term.modulus()) * term.weight();
                }
                assertArrayEquals(expect, got, l + " thread " + t + " local " + loc);
            }
        }
    }

    @Test
    void mmaAccumulatorFragment() {
        RegisterLayout acc = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
        // lane = 4*row + colPair: row digit = lane/4 (weight 1 on dim 0), column digit = lane%4 (weight 2 on dim 1)
        assertEquals(List.of(new RegisterLayout.SpatialTerm(1, 1, 4, 2), new RegisterLayout.SpatialTerm(0, 4, 8, 1)),
                acc.spatialTerms());
        checkPostcondition(acc);
    }

    @Test
    void replicationDigitsAreSkipped() {
        RegisterLayout l = Layouts.replicated(4, 2).compose(Layouts.columnLocal(2, 2).spatial(8, 4).local(1, 2));
        checkPostcondition(l);
        assertEquals(2, l.spatialTerms().size());
        assertEquals(32, l.spatialTerms().get(1).divisor() * l.spatialTerms().get(1).modulus());
        assertEquals(List.of(new RegisterLayout.SpatialTerm(-1, 32, 4, 0)), l.replicationTerms());
        for (int t = 0; t < l.numThreads(); t++) {
            boolean first = t < 32;
            for (int loc = 0; loc < l.localSize(); loc++) {
                assertEquals(first, l.holders(l.indexOf(t, loc)).get(0).thread() == t);
            }
        }
    }

    @Test
    void randomLayouts() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            RegisterLayout l = Layouts.spatial(1 + rnd.nextInt(4), 1 + rnd.nextInt(3))
                    .local(1 + rnd.nextInt(3), 1 + rnd.nextInt(2))
                    .spatial(1 + rnd.nextInt(4), 1 + rnd.nextInt(4))
                    .columnLocal(1 + rnd.nextInt(2), 1 + rnd.nextInt(3));
            checkPostcondition(l);
        }
    }
}
