package org.tilevm.layout;

import java.util.Objects;

/**
 * Factories for register layouts: the primitives, {@link #autoLocalSpatial}, and {@link #parse} for the text form.
 *
 * <h2>Text form</h2>
 * <pre>
 *   layout := term ('.' term)*
 *   term   := name '(' [arg (',' arg)*] ')'
 *   arg    := integer | '[' [integer (',' integer)*] ']'
 * </pre>
 * The first term builds a layout, every following term is applied to it:
 * <ul>
 *   <li>{@code spatial(a,b,..)}, {@code local(..)}, {@code columnSpatial(..)}, {@code columnLocal(..)}: the
 *       primitive; after a dot it is composed as the inner operand ({@code x.spatial(8,4)} =
 *       {@code x.compose(spatial(8,4))}).</li>
 *   <li>{@code replicated(r, rank)}: the replication primitive; after a dot {@code replicated(r)} (rank
 *       implied).</li>
 *   <li>{@code layout([shape], [modeShape], [spatialModes], [localModes])}: the raw representation
 *       ({@link RegisterLayout#of}); used by {@code toString()} for layouts that are no chain of primitives.</li>
 *   <li>after a dot only: {@code permute(..)}, {@code reshape(..)}, {@code flatten()}, {@code squeeze(..)},
 *       {@code unsqueeze(..)}.</li>
 * </ul>
 * Whitespace is allowed between tokens. Errors are {@link LayoutException}s naming the 1-based column.
 * {@link RegisterLayout#toString()} always prints a form this parser accepts, and
 * {@code parse(x.toString()).equals(x)}.
 */
public final class Layouts {
    private Layouts() {}

    private static int[] checkShape(String fn, int[] shape) {
        Objects.requireNonNull(shape, "shape");
        for (int s : shape) {
            if (s < 1) {
                throw new LayoutException(fn + RegisterLayout.list(shape).replace('[', '(').replace(']', ')')
                        + ": sizes must be >= 1, got " + s);
            }
        }
        return shape.clone();
    }

    private static RegisterLayout primitive(String fn, int[] shape, boolean spatialKind, boolean column) {
        int[] sh = checkShape(fn, shape);
        int n = sh.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = column ? n - 1 - i : i;
        }
        int[] counts = new int[n];
        java.util.Arrays.fill(counts, 1);
        return new RegisterLayout(sh, sh, counts, spatialKind ? order : new int[0], spatialKind ? new int[0] : order);
    }

    /** {@code spatial(a, b)}: shape [a, b], element (i, j) held by thread {@code i*b + j}, one register. */
    public static RegisterLayout spatial(int... shape) {
        return primitive("spatial", shape, true, false);
    }

    /** {@code local(a, b)}: shape [a, b], one thread, element (i, j) in register {@code i*b + j}. */
    public static RegisterLayout local(int... shape) {
        return primitive("local", shape, false, false);
    }

    /** Column-major {@link #spatial}: element (i, j) held by thread {@code j*a + i} (dimension 0 fastest). */
    public static RegisterLayout columnSpatial(int... shape) {
        return primitive("columnSpatial", shape, true, true);
    }

    /** Column-major {@link #local}: element (i, j) in register {@code j*a + i}. */
    public static RegisterLayout columnLocal(int... shape) {
        return primitive("columnLocal", shape, false, true);
    }

    /** Shape [1, .., 1] of the given rank held by {@code r} threads (all of them hold the single element). */
    public static RegisterLayout replicated(int r, int rank) {
        if (r < 1) {
            throw new LayoutException("replicated(" + r + ", " + rank + "): replication must be >= 1");
        }
        if (rank < 0) {
            throw new LayoutException("replicated(" + r + ", " + rank + "): rank must be >= 0");
        }
        int[] ones = new int[rank];
        java.util.Arrays.fill(ones, 1);
        return new RegisterLayout(ones, new int[0], new int[rank], r == 1 ? new int[0] : new int[] {-r}, new int[0]);
    }

    /** {@code first.compose(rest[0]).compose(rest[1])...}. */
    public static RegisterLayout compose(RegisterLayout first, RegisterLayout... rest) {
        RegisterLayout r = Objects.requireNonNull(first, "first");
        for (RegisterLayout x : rest) {
            r = r.compose(x);
        }
        return r;
    }

    /**
     * Distributes a tile of {@code shape} over {@code numThreads} threads as {@code local(shape / s).spatial(s)}.
     * The spatial sizes {@code s} are chosen from the last dimension to the first: {@code s[d] = gcd(remaining
     * threads, shape[d])}, then the remaining thread count is divided by {@code s[d]}. Threads left over at the end
     * (when the tile is too small or its sizes share too few factors with the thread count) replicate the whole
     * tile as an outermost replication: {@code replicated(rest).local(..).spatial(..)}.
     * Example: {@code autoLocalSpatial(32, 16, 8)} = {@code local(4,1).spatial(4,8)}.
     */
    public static RegisterLayout autoLocalSpatial(int numThreads, int... shape) {
        int[] sh = checkShape("autoLocalSpatial", shape);
        if (numThreads < 1) {
            throw new LayoutException("autoLocalSpatial(" + numThreads + ", ...): thread count must be >= 1");
        }
        int remaining = numThreads;
        int[] sp = new int[sh.length];
        int[] lo = new int[sh.length];
        for (int d = sh.length - 1; d >= 0; d--) {
            sp[d] = gcd(remaining, sh[d]);
            lo[d] = sh[d] / sp[d];
            remaining /= sp[d];
        }
        return replicated(remaining, sh.length).local(lo).spatial(sp);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Parses the text form described in the class comment. */
    public static RegisterLayout parse(String text) {
        return LayoutText.parse(text);
    }
}
