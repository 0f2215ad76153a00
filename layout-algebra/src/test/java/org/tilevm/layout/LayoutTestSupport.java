package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random layout generators and brute-force reference semantics shared by the tests. */
final class LayoutTestSupport {
    private LayoutTestSupport() {}

    private static final int[] SMALL = {1, 1, 2, 2, 2, 3, 4};

    /** A random primitive of the given rank (sizes from {1,2,3,4}, replication 2 or 3). */
    static RegisterLayout randomPrimitive(Random rnd, int rank) {
        int kind = rnd.nextInt(9);
        if (kind == 8) {
            return Layouts.replicated(2 + rnd.nextInt(2), rank);
        }
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) {
            s[d] = SMALL[rnd.nextInt(SMALL.length)];
        }
        return switch (kind % 4) {
            case 0 -> Layouts.spatial(s);
            case 1 -> Layouts.local(s);
            case 2 -> Layouts.columnSpatial(s);
            default -> Layouts.columnLocal(s);
        };
    }

    /** A random composition of 1..maxFactors primitives of the given rank, with at most ~maxSlots slots. */
    static RegisterLayout randomChain(Random rnd, int rank, int maxFactors, int maxSlots) {
        while (true) {
            RegisterLayout l = randomPrimitive(rnd, rank);
            int n = rnd.nextInt(maxFactors);
            for (int i = 0; i < n; i++) {
                l = l.compose(randomPrimitive(rnd, rank));
            }
            if ((long) l.numThreads() * l.localSize() <= maxSlots) {
                return l;
            }
        }
    }

    /**
     * A random raw layout via {@link RegisterLayout#of}: each dimension split into random factors (sometimes with
     * size-1 modes), each mode randomly spatial or local, both lists shuffled, replication entries inserted.
     */
    static RegisterLayout randomRaw(Random rnd, int maxRank, int maxDim) {
        int rank = 1 + rnd.nextInt(maxRank);
        int[] shape = new int[rank];
        List<Integer> modes = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            shape[d] = 1 + rnd.nextInt(maxDim);
            List<Integer> f = new ArrayList<>();
            int rest = shape[d];
            while (rest > 1) {
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
            if (rnd.nextInt(4) == 0) {
                f.add(rnd.nextInt(f.size() + 1), 1);
            }
            Collections.shuffle(f, rnd);
            // a size-1 mode must not start a non-last dimension behind a complete previous one ambiguously: fine,
            // RegisterLayout.of assigns trailing 1s to the next dimension, which does not change the map.
            modes.addAll(f);
        }
        List<Integer> sp = new ArrayList<>();
        List<Integer> lo = new ArrayList<>();
        for (int m = 0; m < modes.size(); m++) {
            (rnd.nextBoolean() ? sp : lo).add(m);
        }
        Collections.shuffle(sp, rnd);
        Collections.shuffle(lo, rnd);
        int reps = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
        for (int i = 0; i < reps; i++) {
            sp.add(rnd.nextInt(sp.size() + 1), -(1 + rnd.nextInt(3)));
        }
        return RegisterLayout.of(shape, modes.stream().mapToInt(Integer::intValue).toArray(),
                sp.stream().mapToInt(Integer::intValue).toArray(), lo.stream().mapToInt(Integer::intValue).toArray());
    }

    static int flat(int[] index, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + index[d];
        }
        return f;
    }

    static int[] unflat(int f, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = f % shape[d];
            f /= shape[d];
        }
        return idx;
    }

    /** The whole map as text: shape, thread count, local size and the flat index of every (thread, local). */
    static String signature(RegisterLayout l) {
        StringBuilder sb = new StringBuilder(Arrays.toString(l.shape())).append(' ').append(l.numThreads()).append('x')
                .append(l.localSize()).append(':');
        for (int t = 0; t < l.numThreads(); t++) {
            for (int k = 0; k < l.localSize(); k++) {
                sb.append(flat(l.indexOf(t, k), l.shape())).append(',');
            }
        }
        return sb.toString();
    }

    /** Asserts two layouts have the same map by enumeration. */
    static void assertSameMap(RegisterLayout expected, RegisterLayout actual) {
        assertArrayEquals(expected.shape(), actual.shape(), () -> "shape of " + actual);
        assertEquals(expected.numThreads(), actual.numThreads(), () -> "threads of " + actual);
        assertEquals(expected.localSize(), actual.localSize(), () -> "local size of " + actual);
        for (int t = 0; t < expected.numThreads(); t++) {
            for (int k = 0; k < expected.localSize(); k++) {
                int tt = t;
                int kk = k;
                assertArrayEquals(expected.indexOf(t, k), actual.indexOf(t, k),
                        () -> expected + " vs " + actual + " at thread " + tt + " local " + kk);
            }
        }
    }

    /** Checks indexOf/holders consistency and the bijection / replication-count laws by enumeration. */
    static void assertHoldersConsistent(RegisterLayout l) {
        int[] count = new int[l.numElements()];
        for (int t = 0; t < l.numThreads(); t++) {
            for (int k = 0; k < l.localSize(); k++) {
                int[] idx = l.indexOf(t, k);
                count[flat(idx, l.shape())]++;
                List<RegisterLayout.Holder> h = l.holders(idx);
                if (!h.contains(new RegisterLayout.Holder(t, k))) {
                    throw new AssertionError(l + ": holders of " + Arrays.toString(idx) + " miss (" + t + "," + k + ")");
                }
            }
        }
        assertEquals((long) l.numElements() * l.replicationFactor(), (long) l.numThreads() * l.localSize(), l::toString);
        for (int e = 0; e < count.length; e++) {
            int ee = e;
            assertEquals(l.replicationFactor(), count[e], () -> l + ": element " + ee + " held the wrong number of times");
            List<RegisterLayout.Holder> h = l.holders(unflat(e, l.shape()));
            assertEquals(l.replicationFactor(), h.size());
            for (int i = 1; i < h.size(); i++) {
                RegisterLayout.Holder a = h.get(i - 1);
                RegisterLayout.Holder b = h.get(i);
                if (a.thread() > b.thread() || (a.thread() == b.thread() && a.local() >= b.local())) {
                    throw new AssertionError(l + ": holders not sorted: " + h);
                }
            }
        }
    }
}
