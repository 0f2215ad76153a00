package org.tilevm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;

/**
 * {@code tilevm layout EXPR [--csv]}: parses a register layout and shows which (thread, local)
 * slot holds each element, as a grid or as CSV.
 */
final class LayoutCommand implements Command {
    private static final OptionSpec SPEC = OptionSpec.builder()
            .positional("EXPR", "a register layout, e.g. 'local(2,1).spatial(8,4).local(1,2)'", true)
            .flag("--csv", "print 'thread,local,i0,i1,...' lines (one per register slot) instead of the grid")
            .build();

    @Override public String name() { return "layout"; }

    @Override public String summary() { return "show which thread and register hold each element of a register layout"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public String details() {
        return """
                EXPR is the layout text form: primitives spatial(..), local(..), columnSpatial(..),
                columnLocal(..), replicated(r, rank), chained with '.' (composition), e.g.
                  tilevm layout 'local(2,1).spatial(8,4).local(1,2)'     (mma m16n8k16 accumulator)
                The first line gives the shape, numThreads and localSize. The grid has one cell
                'thread:local' per element (rows = all dimensions but the last, flattened; columns =
                the last dimension); an element held by several threads (replication) shows every
                holder, joined by '/'. With --csv: header thread,local,i0,i1,... then one line per
                (thread, local) slot, threads in order, locals in order within a thread.""";
    }

    @Override
    public int run(Options options, PrintStream out) {
        String expr = options.positional(0, null);
        RegisterLayout layout = Layouts.parse(expr);
        if (options.flag("--csv")) {
            csv(layout, out);
        } else {
            out.println(header(layout));
            grid(layout, out);
        }
        return Main.EXIT_OK;
    }

    /** {@code layout TEXT: shape [16, 8], numThreads 32, localSize 4}. */
    static String header(RegisterLayout l) {
        return "layout " + l + ": shape " + Arrays.toString(l.shape()) + ", numThreads " + l.numThreads()
                + ", localSize " + l.localSize() + (l.isReplicated() ? ", replicated" : "");
    }

    /** The CSV form: one line per (thread, local) in thread-then-local order. */
    static void csv(RegisterLayout l, PrintStream out) {
        StringJoiner head = new StringJoiner(",");
        head.add("thread").add("local");
        for (int d = 0; d < l.rank(); d++) head.add("i" + d);
        out.println(head);
        for (int t = 0; t < l.numThreads(); t++) {
            for (int r = 0; r < l.localSize(); r++) {
                StringJoiner line = new StringJoiner(",");
                line.add(Integer.toString(t)).add(Integer.toString(r));
                for (int i : l.indexOf(t, r)) line.add(Integer.toString(i));
                out.println(line);
            }
        }
    }

    /**
     * The grid: a column-number line, then one line per row, each starting with the row's index
     * (leading indices joined by ','), cells right-aligned to a common width.
     */
    static void grid(RegisterLayout l, PrintStream out) {
        int[] shape = l.shape();
        int rank = shape.length;
        int cols = rank == 0 ? 1 : shape[rank - 1];
        int rows = 1;
        for (int d = 0; d < rank - 1; d++) rows *= shape[d];
        String[][] cells = new String[rows][cols];
        String[] labels = new String[rows];
        int width = String.valueOf(cols - 1).length();
        int labelWidth = 0;
        for (int r = 0; r < rows; r++) {
            int[] lead = unflatten(r, shape, rank - 1);
            labels[r] = join(lead);
            labelWidth = Math.max(labelWidth, labels[r].length());
            for (int c = 0; c < cols; c++) {
                int[] index = Arrays.copyOf(lead, rank);
                if (rank > 0) index[rank - 1] = c;
                cells[r][c] = holders(l.holders(index));
                width = Math.max(width, cells[r][c].length());
            }
        }
        StringBuilder head = new StringBuilder(" ".repeat(labelWidth));
        for (int c = 0; c < cols; c++) head.append("  ").append(pad(rank == 0 ? "" : Integer.toString(c), width));
        out.println(head.toString().stripTrailing());
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder(pad(labels[r], labelWidth));
            for (int c = 0; c < cols; c++) line.append("  ").append(pad(cells[r][c], width));
            out.println(line);
        }
    }

    private static String holders(List<RegisterLayout.Holder> hs) {
        if (hs.isEmpty()) return "-";
        StringJoiner j = new StringJoiner("/");
        for (RegisterLayout.Holder h : hs) j.add(h.thread() + ":" + h.local());
        return j.toString();
    }

    /** The first {@code dims} indices of row-major position {@code flat} within shape[0..dims). */
    private static int[] unflatten(int flat, int[] shape, int dims) {
        if (dims <= 0) return new int[0];
        int[] idx = new int[dims];
        for (int d = dims - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    private static String join(int[] idx) {
        StringJoiner j = new StringJoiner(",");
        for (int i : idx) j.add(Integer.toString(i));
        return j.toString();
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
