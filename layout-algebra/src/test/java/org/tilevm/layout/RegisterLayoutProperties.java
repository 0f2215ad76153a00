package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.layout.LayoutTestSupport.assertHoldersConsistent;
import static org.tilevm.layout.LayoutTestSupport.assertSameMap;
import static org.tilevm.layout.LayoutTestSupport.flat;
import static org.tilevm.layout.LayoutTestSupport.randomChain;
import static org.tilevm.layout.LayoutTestSupport.randomRaw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The laws of the register-layout algebra on random layouts (random compositions of primitives over small shapes,
 * and random raw layouts). Every property has a fixed seed; each try draws its layouts from a {@link Random} seeded
 * by the generated long, so a failure message names a reproducible layout.
 */
class RegisterLayoutProperties {

    @Test
    void composeFollowsItsDefinition() {
        PropertyCheck.forAll(300, 20250401L, rnd0 -> {
            long seed = rnd0.nextLong();
            int rank = 1 + rnd0.nextInt(3);
            Random rnd = new Random(seed);
            RegisterLayout a = randomChain(rnd, rank, 2, 256);
            RegisterLayout b = randomChain(rnd, rank, 2, 256);
            RegisterLayout c = a.compose(b);
            for (int d = 0; d < rank; d++) {
                assertEquals(a.shape(d) * b.shape(d), c.shape(d));
            }
            assertEquals(a.numThreads() * b.numThreads(), c.numThreads());
            assertEquals(a.localSize() * b.localSize(), c.localSize());
            for (int t = 0; t < c.numThreads(); t++) {
                for (int k = 0; k < c.localSize(); k++) {
                    int[] x = a.indexOf(t / b.numThreads(), k / b.localSize());
                    int[] y = b.indexOf(t % b.numThreads(), k % b.localSize());
                    int[] expected = new int[rank];
                    for (int d = 0; d < rank; d++) {
                        expected[d] = x[d] * b.shape(d) + y[d];
                    }
                    assertArrayEquals(expected, c.indexOf(t, k));
                }
            }
        });
    }

    @Test
    void composeIsAssociative() {
        PropertyCheck.forAll(300, 7L, rnd0 -> {
            long seed = rnd0.nextLong();
            int rank = 1 + rnd0.nextInt(3);
            Random rnd = new Random(seed);
            RegisterLayout a = randomChain(rnd, rank, 2, 64);
            RegisterLayout b = randomChain(rnd, rank, 2, 64);
            RegisterLayout c = randomChain(rnd, rank, 2, 64);
            RegisterLayout left = a.compose(b).compose(c);
            RegisterLayout right = a.compose(b.compose(c));
            assertEquals(left, right);
            assertEquals(left.hashCode(), right.hashCode());
            assertSameMap(left, right);
        });
    }

    @Test
    void divideInvertsCompose() {
        PropertyCheck.forAll(400, 11L, rnd0 -> {
            long seed = rnd0.nextLong();
            int rank = 1 + rnd0.nextInt(3);
            Random rnd = new Random(seed);
            RegisterLayout a = randomChain(rnd, rank, 3, 256);
            RegisterLayout b = randomChain(rnd, rank, 3, 256);
            RegisterLayout c = a.compose(b);
            assertTrue(c.divisibleBy(b), () -> c + " should be divisible by " + b);
            RegisterLayout q = c.divide(b);
            assertEquals(a, q, () -> c + " / " + b);
            assertEquals(c, q.compose(b));
            RegisterLayout r = c.leftDivide(a);
            assertEquals(b, r, () -> a + " \\ " + c);
            assertEquals(c, a.compose(r));
        });
    }

    @Test
    void divisionResultsAreAlwaysExact() {
        PropertyCheck.forAll(300, 13L, rnd0 -> {
            long seed = rnd0.nextLong();
            int rank = 1 + rnd0.nextInt(2);
            // Random pairs: whenever division succeeds the result must recompose exactly; it must succeed whenever
            // a quotient exists, which we know for sure when the divisor is a factor of a random factorization.
            Random rnd = new Random(seed);
            RegisterLayout x = randomChain(rnd, rank, 4, 256);
            RegisterLayout y = randomChain(rnd, rank, 2, 64);
            if (x.divisibleBy(y)) {
                assertEquals(x, x.divide(y).compose(y));
            }
            try {
                RegisterLayout r = x.leftDivide(y);
                assertEquals(x, y.compose(r));
            } catch (LayoutException e) {
                assertTrue(e.getMessage().startsWith("cannot left-divide"), e.getMessage());
            }
        });
    }

    @Test
    void lawsOfTheMap() {
        PropertyCheck.forAll(300, 17L, rnd0 -> {
            long seed = rnd0.nextLong();
            int rank = 1 + rnd0.nextInt(3);
            Random rnd = new Random(seed);
            RegisterLayout l = randomChain(rnd, rank, 4, 512);
            // bijection without replication, exactly replicationFactor holders with it
            assertHoldersConsistent(l);
            RegisterLayout c = l.canonical();
            assertSameMap(l, c);
            assertEquals(l, c);
            assertEquals(c, c.canonical());
            RegisterLayout parsed = Layouts.parse(l.toString());
            assertEquals(l, parsed, () -> "round trip of " + l);
            assertEquals(l.toString(), parsed.toString());
        });
    }

    @Test
    void rawLayoutsRoundTripAndHaveConsistentHolders() {
        PropertyCheck.forAll(500, 19L, rnd0 -> {
            long seed = rnd0.nextLong();
            Random rnd = new Random(seed);
            RegisterLayout l = randomRaw(rnd, 3, 12);
            assertHoldersConsistent(l);
            assertSameMap(l, l.canonical());
            RegisterLayout parsed = Layouts.parse(l.toString());
            assertEquals(l, parsed, () -> "round trip of " + l.toRawString() + " printed as " + l);
            assertSameMap(l, parsed);
            assertEquals(l, Layouts.parse(l.toRawString()));
        });
    }

    @Test
    void reduceMatchesItsDefinition() {
        PropertyCheck.forAll(300, 23L, rnd0 -> {
            long seed = rnd0.nextLong();
            boolean keepDims = rnd0.nextBoolean();
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(3);
            RegisterLayout l = rnd.nextBoolean() ? randomChain(rnd, rank, 3, 256) : randomRaw(rnd, 3, 8);
            rank = l.rank();
            List<Integer> dl = new ArrayList<>();
            for (int d = 0; d < rank; d++) {
                if (rnd.nextInt(2) == 0) {
                    dl.add(d);
                }
            }
            int[] dims = dl.stream().mapToInt(Integer::intValue).toArray();
            RegisterLayout r = l.reduce(dims, keepDims);
            assertEquals(l.numThreads(), r.numThreads());
            assertEquals(keepDims ? rank : rank - dims.length, r.rank());
            for (int t = 0; t < l.numThreads(); t++) {
                // thread t now holds the projections of what it held, in order of first appearance
                Set<List<Integer>> expected = new LinkedHashSet<>();
                for (int k = 0; k < l.localSize(); k++) {
                    expected.add(project(l.indexOf(t, k), dl, keepDims));
                }
                List<List<Integer>> actual = new ArrayList<>();
                for (int k = 0; k < r.localSize(); k++) {
                    actual.add(Arrays.stream(r.indexOf(t, k)).boxed().toList());
                }
                assertEquals(new ArrayList<>(expected), actual, "thread " + t + " of " + l + " reduced over " + dl);
            }
            assertHoldersConsistent(r);
        });
    }

    private static List<Integer> project(int[] idx, List<Integer> dims, boolean keep) {
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < idx.length; d++) {
            if (!dims.contains(d)) {
                out.add(idx[d]);
            } else if (keep) {
                out.add(0);
            }
        }
        return out;
    }

    @Test
    void concatMatchesItsDefinition() {
        PropertyCheck.forAll(200, 29L, rnd0 -> {
            long seed = rnd0.nextLong();
            Random rnd = new Random(seed);
            RegisterLayout a = randomChain(rnd, 1 + rnd.nextInt(2), 2, 64);
            RegisterLayout b = randomChain(rnd, 1 + rnd.nextInt(2), 2, 64);
            RegisterLayout c = a.concat(b);
            assertEquals(a.rank() + b.rank(), c.rank());
            for (int t = 0; t < c.numThreads(); t++) {
                for (int k = 0; k < c.localSize(); k++) {
                    int[] x = a.indexOf(t / b.numThreads(), k / b.localSize());
                    int[] y = b.indexOf(t % b.numThreads(), k % b.localSize());
                    int[] e = new int[x.length + y.length];
                    System.arraycopy(x, 0, e, 0, x.length);
                    System.arraycopy(y, 0, e, x.length, y.length);
                    assertArrayEquals(e, c.indexOf(t, k));
                }
            }
        });
    }

    @Test
    void permuteReshapeSqueezeUnsqueezeMatchTheirDefinitions() {
        PropertyCheck.forAll(300, 31L, rnd0 -> {
            long seed = rnd0.nextLong();
            Random rnd = new Random(seed);
            RegisterLayout l = rnd.nextBoolean() ? randomChain(rnd, 1 + rnd.nextInt(3), 3, 256) : randomRaw(rnd, 3, 8);
            int rank = l.rank();
            // permute
            List<Integer> perm = new ArrayList<>();
            for (int d = 0; d < rank; d++) {
                perm.add(d);
            }
            java.util.Collections.shuffle(perm, rnd);
            int[] p = perm.stream().mapToInt(Integer::intValue).toArray();
            RegisterLayout pl = l.permute(p);
            for (int t = 0; t < l.numThreads(); t++) {
                for (int k = 0; k < l.localSize(); k++) {
                    int[] x = l.indexOf(t, k);
                    int[] y = pl.indexOf(t, k);
                    for (int d = 0; d < rank; d++) {
                        assertEquals(x[p[d]], y[d]);
                    }
                }
            }
            // flatten, and reshape back
            RegisterLayout f = l.flatten();
            for (int t = 0; t < l.numThreads(); t++) {
                for (int k = 0; k < l.localSize(); k++) {
                    assertEquals(flat(l.indexOf(t, k), l.shape()), f.indexOf(t, k)[0]);
                }
            }
            assertEquals(l, f.reshape(l.shape()));
            // reshape to a random factorization, when it is possible it must keep the flat map
            int[] target = randomFactorization(rnd, l.numElements());
            try {
                RegisterLayout rs = l.reshape(target);
                assertArrayEquals(target, rs.shape());
                for (int t = 0; t < l.numThreads(); t++) {
                    for (int k = 0; k < l.localSize(); k++) {
                        assertEquals(flat(l.indexOf(t, k), l.shape()), flat(rs.indexOf(t, k), target));
                    }
                }
            } catch (LayoutException e) {
                assertTrue(e.getMessage().contains("straddles"), e.getMessage());
            }
            // unsqueeze then squeeze
            int pos = rnd.nextInt(rank + 1);
            RegisterLayout u = l.unsqueeze(pos);
            assertEquals(rank + 1, u.rank());
            assertEquals(1, u.shape(pos));
            for (int t = 0; t < l.numThreads(); t++) {
                for (int k = 0; k < l.localSize(); k++) {
                    int[] x = l.indexOf(t, k);
                    int[] y = u.indexOf(t, k);
                    assertEquals(0, y[pos]);
                    for (int d = 0; d < rank; d++) {
                        assertEquals(x[d], y[d < pos ? d : d + 1]);
                    }
                }
            }
            assertEquals(l, u.squeeze(pos));
        });
    }

    private static int[] randomFactorization(Random rnd, int n) {
        List<Integer> f = new ArrayList<>();
        int rest = n;
        while (rest > 1 && f.size() < 3) {
            List<Integer> divs = new ArrayList<>();
            for (int k = 2; k <= rest; k++) {
                if (rest % k == 0) {
                    divs.add(k);
                }
            }
            int k = divs.get(rnd.nextInt(divs.size()));
            f.add(k);
            rest /= k;
        }
        if (rest > 1 || f.isEmpty()) {
            f.add(rest);
        } else {
            f.set(f.size() - 1, f.get(f.size() - 1) * rest);
        }
        return f.stream().mapToInt(Integer::intValue).toArray();
    }
}
