package org.tilevm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which JMH runs {@link BenchMain} makes of the requested parameter values: JMH runs the cross
 * product of all parameters, so implementations that cannot run here (a missing backend) are left
 * out with a message, and implementations limited to small shapes ({@code backend:interp}) get runs
 * of their own over the (M, NxK) pairs they allow.
 *
 * @param runs    the runs: each a cross product of its implementations, Ms and NxKs (types and groups as requested)
 * @param skipped one line per implementation or combination left out, saying why
 */
public record BenchPlan(List<Run> runs, List<String> skipped) {

    /** One JMH run. */
    public record Run(List<String> impls, List<String> ms, List<String> nks) {}

    /** What the planner needs to know of an implementation. */
    public record Probe(Optional<String> unavailable, long maxMacs) {}

    /** Plans the runs; {@code probe} tells for an implementation name whether (and why not) it is available, and its size limit. */
    public static BenchPlan of(List<String> impls, List<String> ms, List<String> nks, Function<String, Probe> probe) {
        List<Run> runs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> unlimited = new ArrayList<>();
        List<Run> limited = new ArrayList<>();
        for (String impl : impls) {
            Probe p = probe.apply(impl);
            if (p.unavailable().isPresent()) {
                skipped.add(p.unavailable().get());
                continue;
            }
            if (p.maxMacs() == Long.MAX_VALUE) {
                unlimited.add(impl);
                continue;
            }
            for (String nk : nks) {
                int[] shape = QmatmulBench.parseNK(nk);
                List<String> allowed = new ArrayList<>();
                for (String m : ms) {
                    long macs = Long.parseLong(m.trim()) * shape[0] * shape[1];
                    if (macs <= p.maxMacs()) {
                        allowed.add(m);
                    } else {
                        skipped.add(impl + " is skipped for M=" + m + " NxK=" + nk + ": M*N*K = " + macs + " exceeds its limit of "
                                + p.maxMacs() + " (too slow to time); give it a small shape, e.g. -p nk=256x512");
                    }
                }
                if (!allowed.isEmpty()) limited.add(new Run(List.of(impl), allowed, List.of(nk)));
            }
        }
        if (!unlimited.isEmpty()) runs.add(new Run(unlimited, ms, nks));
        runs.addAll(limited);
        return new BenchPlan(runs, skipped);
    }

    /** The probe of a real implementation name: backends looked up through the SPI. */
    public static Probe probe(String impl) {
        if (impl.equals("scalar") || impl.equals("vector")) return new Probe(Optional.empty(), Long.MAX_VALUE);
        if (!impl.startsWith("backend:")) {
            throw new IllegalArgumentException("impl '" + impl + "': expected scalar, vector or backend:NAME (e.g. backend:jvm)");
        }
        try {
            String name = impl.substring("backend:".length());
            org.tilevm.spec.backend.Backends.named(name);
            return new Probe(Optional.empty(), name.equals("interp") ? QmatmulImpl.INTERP_MAX_MACS : Long.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            return new Probe(Optional.of(impl + " is skipped: " + e.getMessage()), 0);
        }
    }
}
