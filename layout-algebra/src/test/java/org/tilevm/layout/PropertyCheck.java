package org.tilevm.layout;

import java.util.Random;
import java.util.function.Consumer;

/**
 * A minimal property-test runner: runs a check on {@code tries} inputs drawn from a generator
 * seeded with a fixed seed, and names the failing try (so it can be replayed) when one fails.
 * (We do not use jqwik: from 1.10 its authors ask that it not be used by AI coding agents, and
 * the project respects that.)
 */
final class PropertyCheck {
    private PropertyCheck() {}

    static void forAll(int tries, long seed, Consumer<Random> check) {
        Random master = new Random(seed);
        for (int i = 0; i < tries; i++) {
            long trySeed = master.nextLong();
            try {
                check.accept(new Random(trySeed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed on try " + i + " of " + tries + " (seed " + seed
                        + ", try seed " + trySeed + "): " + e.getMessage(), e);
            }
        }
    }
}
