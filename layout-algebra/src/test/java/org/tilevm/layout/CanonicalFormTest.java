package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Equal maps <=> equal canonical forms, checked by brute force: many random raw layouts over tiny shapes (so that
 * different representations of the same map are frequent) are grouped by their enumerated map.
 */
class CanonicalFormTest {

    @Test
    void equalMapsIffEqualCanonicalForms() {
        Random rnd = new Random(424242);
        Map<String, RegisterLayout> bySignature = new HashMap<>();
        Map<RegisterLayout, String> byLayout = new HashMap<>();
        int collisions = 0;
        for (int i = 0; i < 30000; i++) {
            RegisterLayout l = LayoutTestSupport.randomRaw(rnd, 2, 8);
            String sig = LayoutTestSupport.signature(l);
            RegisterLayout prev = bySignature.putIfAbsent(sig, l);
            if (prev != null) {
                collisions++;
                assertEquals(prev, l, () -> "same map, different canonical forms: " + prev.toRawString() + " -> "
                        + prev + " vs " + l.toRawString() + " -> " + l);
                assertEquals(prev.hashCode(), l.hashCode());
                assertEquals(prev.toString(), l.toString());
            }
            String prevSig = byLayout.putIfAbsent(l, sig);
            if (prevSig != null) {
                assertEquals(prevSig, sig, () -> "equal layouts with different maps: " + l.toRawString());
            }
        }
        assertTrue(collisions > 10000, "the generator should produce many equal maps, got " + collisions);
        assertEquals(bySignature.size(), byLayout.size());
    }

    @Test
    void chainsThatAreKnownEqual() {
        RegisterLayout[][] equalPairs = {
            {Layouts.spatial(2, 1).spatial(2, 4), Layouts.spatial(4, 4)},
            {Layouts.spatial(4, 1).spatial(1, 8), Layouts.spatial(4, 8)},
            {Layouts.spatial(1, 8).spatial(4, 1), Layouts.columnSpatial(4, 8)},
            {Layouts.local(2, 2).local(2, 2), Layouts.local(2, 1).local(1, 2).local(2, 1).local(1, 2)},
            {Layouts.columnLocal(2, 1).local(1, 3), Layouts.local(2, 3)},
            {Layouts.replicated(2, 2).replicated(2), Layouts.replicated(4, 2)},
            {Layouts.spatial(8).local(1).spatial(4), Layouts.spatial(32)},
            {Layouts.local(2, 1).spatial(1, 4), Layouts.spatial(1, 4).local(2, 1)},
        };
        for (RegisterLayout[] p : equalPairs) {
            assertEquals(p[0], p[1]);
            assertEquals(LayoutTestSupport.signature(p[0]), LayoutTestSupport.signature(p[1]));
            assertEquals(p[0].toString(), p[1].toString());
        }
        RegisterLayout[][] differentPairs = {
            {Layouts.spatial(2, 4).spatial(2, 1), Layouts.spatial(4, 4)},
            {Layouts.spatial(4, 8), Layouts.columnSpatial(4, 8)},
            {Layouts.spatial(8).replicated(2), Layouts.replicated(2, 1).spatial(8)},
            {Layouts.local(4), Layouts.spatial(4)},
        };
        for (RegisterLayout[] p : differentPairs) {
            assertNotEquals(p[0], p[1]);
            assertNotEquals(LayoutTestSupport.signature(p[0]), LayoutTestSupport.signature(p[1]));
        }
    }
}
