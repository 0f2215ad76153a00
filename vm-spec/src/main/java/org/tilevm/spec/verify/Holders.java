package org.tilevm.spec.verify;

import java.util.Arrays;
import java.util.BitSet;
import org.tilevm.layout.RegisterLayout;

/**
 * The holder rule of broadcasting elementwise instructions: for every slot (thread t, local l) of
 * the output layout, the output index i = out.indexOf(t, l) reads the operand at i with every
 * broadcast (size-1) dimension set to 0, and thread t must hold that operand element. Tiles are
 * small, so the rule is checked by enumerating the slots of both layouts.
 */
final class Holders {
    private Holders() {}

    /** Above this many (thread, element) pairs the per-element {@code holders} query is used instead of a bitmap. */
    private static final long BITMAP_LIMIT = 1L << 26;

    /**
     * Null when the rule holds, else a description of the first violation, with {@code OUT} and
     * {@code SRC} standing for the tensors' names.
     */
    static String violation(RegisterLayout out, RegisterLayout src) {
        int[] srcShape = src.shape();
        int elements = src.numElements();
        long pairs = (long) src.numThreads() * elements;
        BitSet held = null;
        if (pairs <= BITMAP_LIMIT) {
            held = new BitSet((int) pairs);
            for (int t = 0; t < src.numThreads(); t++) {
                for (int l = 0; l < src.localSize(); l++) {
                    held.set(t * elements + flat(src.indexOf(t, l), srcShape));
                }
            }
        }
        for (int t = 0; t < out.numThreads(); t++) {
            for (int l = 0; l < out.localSize(); l++) {
                int[] i = out.indexOf(t, l);
                int[] j = new int[i.length];
                for (int d = 0; d < i.length; d++) j[d] = srcShape[d] == 1 ? 0 : i[d];
                boolean ok;
                if (t >= src.numThreads()) {
                    ok = false;
                } else if (held != null) {
                    ok = held.get(t * elements + flat(j, srcShape));
                } else {
                    final int thread = t;
                    ok = src.holders(j).stream().anyMatch(h -> h.thread() == thread);
                }
                if (!ok) {
                    return "thread " + t + " holds OUT" + Arrays.toString(i) + " (local " + l + ") but not SRC"
                            + Arrays.toString(j);
                }
            }
        }
        return null;
    }

    private static int flat(int[] index, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) f = f * shape[d] + index[d];
        return f;
    }
}
