package org.tilevm.layout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Printer and parser of the register-layout text form (see {@link Layouts}). */
final class LayoutText {
    private LayoutText() {}

    // ------------------------------------------------------------------ printing

    /**
     * Prints a canonical layout as a chain of primitives, peeling the outermost layer each step: a local layer if
     * the head of the local list starts some dimension's remaining modes, else a replication entry, else a spatial
     * layer. A layer takes the longest run of list heads that are the heads of distinct dimensions in increasing
     * (row-major primitive) or decreasing (column-major primitive) dimension order. If no layer can be peeled the
     * layout is no chain of primitives and the raw {@code layout(...)} form is printed.
     */
    static String format(RegisterLayout c) {
        int rank = c.rank();
        LayoutWork w = new LayoutWork(c);
        List<Deque<Integer>> dims = new ArrayList<>();
        for (List<Integer> dl : w.dims) {
            dims.add(new ArrayDeque<>(dl));
        }
        Deque<Integer> sp = new ArrayDeque<>(w.spatial);
        Deque<Integer> lo = new ArrayDeque<>(w.local);
        StringBuilder sb = new StringBuilder();
        while (!sp.isEmpty() || !lo.isEmpty()) {
            String layer = takeLayer(w, dims, lo, "local", rank);
            if (layer == null && !sp.isEmpty() && sp.peekFirst() < 0) {
                int r = -sp.removeFirst();
                layer = sb.isEmpty() ? "replicated(" + r + ", " + rank + ")" : "replicated(" + r + ")";
            }
            if (layer == null) {
                layer = takeLayer(w, dims, sp, "spatial", rank);
            }
            if (layer == null) {
                return RegisterLayout.rawText(c.shape(), c.modeShape(), c.spatialModes(), c.localModes());
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(layer);
        }
        if (sb.isEmpty()) {
            int[] ones = new int[rank];
            java.util.Arrays.fill(ones, 1);
            sb.append("local").append(args(ones));
        }
        return sb.toString();
    }

    private static String takeLayer(LayoutWork w, List<Deque<Integer>> dims, Deque<Integer> list, String kind,
                                    int rank) {
        int[] sizes = new int[rank];
        java.util.Arrays.fill(sizes, 1);
        int count = 0;
        int prevDim = -1;
        int dir = 0;
        while (!list.isEmpty()) {
            int id = list.peekFirst();
            if (id < 0) {
                break;
            }
            int d = w.dimOf(id);
            if (dims.get(d).isEmpty() || dims.get(d).peekFirst() != id) {
                break;
            }
            if (count > 0) {
                if (d == prevDim) {
                    break;
                }
                int nd = Integer.signum(d - prevDim);
                if (dir != 0 && nd != dir) {
                    break;
                }
                dir = nd;
            }
            list.removeFirst();
            dims.get(d).removeFirst();
            sizes[d] = w.size(id);
            prevDim = d;
            count++;
        }
        if (count == 0) {
            return null;
        }
        String name = dir < 0 ? "column" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1) : kind;
        return name + args(sizes);
    }

    private static String args(int[] a) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(a[i]);
        }
        return sb.append(')').toString();
    }

    // ------------------------------------------------------------------ parsing

    private record Arg(int column, int value, int[] list) {}

    static RegisterLayout parse(String text) {
        if (text == null) {
            throw new LayoutException("cannot parse a null layout text");
        }
        return new Parser(text).layout();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        private LayoutException error(int at, String problem) {
            return new LayoutException("layout text '" + s + "', column " + (at + 1) + ": " + problem);
        }

        private void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private String describeHere() {
            return pos >= s.length() ? "end of text" : "'" + s.charAt(pos) + "'";
        }

        private void expect(char c) {
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error(pos, "expected '" + c + "' but found " + describeHere());
            }
            pos++;
        }

        RegisterLayout layout() {
            RegisterLayout l = term(null);
            while (true) {
                skipWs();
                if (pos >= s.length()) {
                    return l;
                }
                if (s.charAt(pos) != '.') {
                    throw error(pos, "expected '.' or end of text but found " + describeHere());
                }
                pos++;
                l = term(l);
            }
        }

        private RegisterLayout term(RegisterLayout prev) {
            skipWs();
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error(start, "expected a layout function name but found " + describeHere());
            }
            String name = s.substring(start, pos);
            expect('(');
            List<Arg> args = new ArrayList<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    args.add(arg());
                    skipWs();
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect(')');
                    break;
                }
            }
            try {
                return apply(start, name, args, prev);
            } catch (LayoutException e) {
                if (e.getMessage().startsWith("layout text '")) {
                    throw e;
                }
                throw error(start, e.getMessage());
            }
        }

        private Arg arg() {
            skipWs();
            int at = pos;
            if (pos < s.length() && s.charAt(pos) == '[') {
                pos++;
                List<Integer> vals = new ArrayList<>();
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ']') {
                    pos++;
                } else {
                    while (true) {
                        vals.add(integer());
                        skipWs();
                        if (pos < s.length() && s.charAt(pos) == ',') {
                            pos++;
                            continue;
                        }
                        expect(']');
                        break;
                    }
                }
                return new Arg(at, 0, vals.stream().mapToInt(Integer::intValue).toArray());
            }
            return new Arg(at, integer(), null);
        }

        private int integer() {
            skipWs();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
            }
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (digits == pos) {
                pos = start;
                throw error(start, "expected an integer but found " + describeHere());
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error(start, "integer " + s.substring(start, pos) + " is out of range");
            }
        }

        private int[] ints(String name, List<Arg> args) {
            int[] r = new int[args.size()];
            for (int i = 0; i < r.length; i++) {
                Arg a = args.get(i);
                if (a.list() != null) {
                    throw error(a.column(), name + " takes integers, not a list");
                }
                r[i] = a.value();
            }
            return r;
        }

        private RegisterLayout apply(int at, String name, List<Arg> args, RegisterLayout prev) {
            switch (name) {
                case "spatial", "local", "columnSpatial", "columnLocal" -> {
                    int[] v = ints(name, args);
                    RegisterLayout p = switch (name) {
                        case "spatial" -> Layouts.spatial(v);
                        case "local" -> Layouts.local(v);
                        case "columnSpatial" -> Layouts.columnSpatial(v);
                        default -> Layouts.columnLocal(v);
                    };
                    return prev == null ? p : prev.compose(p);
                }
                case "replicated" -> {
                    int[] v = ints(name, args);
                    if (prev == null) {
                        if (v.length != 2) {
                            throw error(at, "replicated at the start needs (replication, rank), got " + v.length
                                    + " argument(s)");
                        }
                        return Layouts.replicated(v[0], v[1]);
                    }
                    if (v.length != 1 && v.length != 2) {
                        throw error(at, "replicated takes (replication) or (replication, rank)");
                    }
                    return prev.compose(Layouts.replicated(v[0], v.length == 2 ? v[1] : prev.rank()));
                }
                case "layout" -> {
                    if (args.size() != 4) {
                        throw error(at, "layout takes 4 lists (shape, modeShape, spatialModes, localModes), got "
                                + args.size() + " argument(s)");
                    }
                    int[][] lists = new int[4][];
                    for (int i = 0; i < 4; i++) {
                        if (args.get(i).list() == null) {
                            throw error(args.get(i).column(), "layout takes lists like [2, 4]");
                        }
                        lists[i] = args.get(i).list();
                    }
                    RegisterLayout p = RegisterLayout.of(lists[0], lists[1], lists[2], lists[3]);
                    return prev == null ? p : prev.compose(p);
                }
                case "permute", "reshape", "flatten", "squeeze", "unsqueeze" -> {
                    if (prev == null) {
                        throw error(at, name + " must follow a layout, as in spatial(4,8)." + name + "(...)");
                    }
                    int[] v = ints(name, args);
                    return switch (name) {
                        case "permute" -> prev.permute(v);
                        case "reshape" -> prev.reshape(v);
                        case "squeeze" -> prev.squeeze(v);
                        case "unsqueeze" -> prev.unsqueeze(v);
                        default -> {
                            if (v.length != 0) {
                                throw error(at, "flatten takes no arguments");
                            }
                            yield prev.flatten();
                        }
                    };
                }
                default -> throw error(at, "unknown layout function '" + name + "'");
            }
        }
    }
}
