package org.tilevm.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tilevm.spec.dtype.DType;

/**
 * The table {@link BenchMain} prints after the JMH runs: per configuration and implementation the
 * time per call, the effective bandwidth ({@link Traffic#bytesPerCall} / time) and the speed-up
 * over the two baselines measured in the same session ({@code baseline time / time}).
 */
public final class Summary {
    private Summary() {}

    /** One measured combination: the benchmark's parameters and JMH's average time per call. */
    public record Row(int m, String nk, String type, int group, String act, String impl, double score, double error, String unit) {
        /** A row with f32 activations. */
        public Row(int m, String nk, String type, int group, String impl, double score, double error, String unit) {
            this(m, nk, type, group, "f32", impl, score, error, unit);
        }

        /** The implementation, with the activation type when it is not f32 (e.g. {@code backend:jvm (i8 A)}). */
        String label() { return act.equals("f32") ? impl : impl + " (" + act + " A)"; }

        /** Seconds per call. */
        public double seconds() { return score * secondsPer(unit); }

        long bytes() {
            int[] s = QmatmulBench.parseNK(nk);
            return Traffic.bytesPerCall(m, s[0], s[1], DType.parse(type), group, DType.parse(act));
        }

        String configuration() { return m + "|" + nk + "|" + type + "|" + group; }
    }

    /** The markdown table, rows ordered as the parameter lists order them. */
    public static String markdown(List<Row> rows, List<String> impls, List<String> nks, List<String> types) {
        Map<String, Double> scalar = new HashMap<>(), vector = new HashMap<>();
        for (Row r : rows) {
            // the baselines run f32 activations; W4A8 rows are compared with them (the same weights and shape)
            if (r.impl().equals("scalar")) scalar.put(r.configuration(), r.seconds());
            if (r.impl().equals("vector")) vector.put(r.configuration(), r.seconds());
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(Row::m)
                .thenComparingInt(r -> index(nks, r.nk()))
                .thenComparingInt(r -> index(types, r.type()))
                .thenComparingInt(Row::group)
                .thenComparingInt(r -> index(impls, r.impl())));
        StringBuilder sb = new StringBuilder();
        sb.append("| M | N | K | type | G | impl | ms/call | ± (99.9%) | MB/call | GB/s | vs scalar | vs vector |\n");
        sb.append("|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : sorted) {
            int[] s = QmatmulBench.parseNK(r.nk());
            double sec = r.seconds(), err = r.error() * secondsPer(r.unit());
            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %s | %d | %s | %.3f | %s | %.2f | %.2f | %s | %s |\n",
                    r.m(), s[0], s[1], r.type(), r.group(), r.label(), sec * 1e3,
                    Double.isNaN(err) ? "-" : String.format(Locale.ROOT, "%.3f", err * 1e3),
                    r.bytes() / 1e6, Traffic.gigabytesPerSecond(r.bytes(), sec),
                    ratio(scalar.get(r.configuration()), sec), ratio(vector.get(r.configuration()), sec)));
        }
        return sb.toString();
    }

    private static String ratio(Double baseline, double seconds) {
        return baseline == null ? "-" : String.format(Locale.ROOT, "%.2fx", baseline / seconds);
    }

    private static int index(List<String> order, String value) {
        int i = order.indexOf(value);
        return i < 0 ? order.size() : i;
    }

    /** Seconds per unit of a JMH score unit such as {@code ms/op}. */
    static double secondsPer(String unit) {
        String u = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
        return switch (u) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            default -> throw new IllegalArgumentException("JMH unit '" + unit + "': expected s, ms, us or ns per op (use the default -bm avgt)");
        };
    }
}
