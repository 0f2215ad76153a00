package org.tilevm.cli;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Program;
import org.tilevm.stdlib.quant.QMatmulConfig;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;
import org.tilevm.stdlib.quant.Quantizer;

/**
 * {@code tilevm gpu-check}: every stdlib kernel ({@link QMatmulConfig#catalog()}) on the device
 * against the reference interpreter, in one process: a correctness run on ragged sizes (the result
 * must be within the spec's tolerance of the float64 reference and of the interpreter), then,
 * unless {@code --no-time}, the median device time on an LLM-sized shape with rotated inputs.
 * Prints one line per kernel and a summary; exit code 1 when any kernel fails.
 */
final class GpuCheckCommand implements Command {
    private static final OptionSpec SPEC = OptionSpec.builder()
            .value(BackendChoice.OPTION, "NAME", "backend under test (default cuda; sim runs the same check on the CPU)")
            .value("--types", "LIST", "only these weight types, comma-separated (default: the whole catalog)")
            .flag("--no-time", "correctness only")
            .value("--m", "M", "timing shape rows (default 16)")
            .value("--n", "N", "timing shape columns (default 4096)")
            .value("--k", "K", "timing shape depth (default 4096)")
            .value("--runs", "R", "timed launches per kernel (default 20)")
            .build();

    @Override public String name() { return "gpu-check"; }

    @Override public String summary() { return "run every stdlib kernel on the GPU against the interpreter, with device timings"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public int run(Options o, PrintStream out) {
        Backend backend = BackendChoice.pick(o.string(BackendChoice.OPTION, "cuda"));
        if (!backend.isAvailable()) {
            throw new CliException("backend " + backend.name() + " is not available: " + backend.unavailableReason());
        }
        Backend interp = Backends.named("interp");
        Set<String> only = null;
        if (o.has("--types")) {
            only = new HashSet<>();
            for (String t : o.string("--types", "").split(",")) only.add(Options.parseDType("--types", t.strip()).name());
        }
        boolean time = !o.flag("--no-time");
        int tm = o.positiveInt("--m", 16), tn = o.positiveInt("--n", 4096), tk = o.positiveInt("--k", 4096);
        int runs = o.positiveInt("--runs", 20);
        out.printf(Locale.ROOT, "gpu-check on %s: correctness at M=19 N=70 K=200 against interp and float64%s%n", backend.name(),
                time ? String.format(Locale.ROOT, "; median time at M=%d N=%d K=%d, inputs rotated over 256 MiB", tm, tn, tk) : "");
        int failed = 0, total = 0;
        for (QMatmulConfig c : QMatmulConfig.catalog()) {
            if (only != null && !only.contains(c.weightType().name())) continue;
            total++;
            String verdict;
            try {
                double[] err = check(backend, interp, c);
                boolean ok = err[0] <= err[2] && err[1] <= err[2];
                verdict = String.format(Locale.ROOT, "%s  err %s (vs interp %s, tol %s)", ok ? "PASS" : "FAIL",
                        NumberFormat.sci(err[0]), NumberFormat.sci(err[1]), NumberFormat.sci(err[2]));
                if (!ok) failed++;
                if (ok && time) verdict += "  " + timing(backend, c, tm, tn, tk, runs);
            } catch (RuntimeException e) {
                failed++;
                verdict = "FAIL  " + Main.oneLine(String.valueOf(e.getMessage()));
            }
            out.printf(Locale.ROOT, "%-28s %s%n", c.kernelName(), verdict);
        }
        out.printf(Locale.ROOT, "%d kernels, %d passed, %d failed%n", total, total - failed, failed);
        if (failed > 0) throw new CheckFailed("gpu-check: " + failed + " of " + total + " kernels failed on " + backend.name());
        return Main.EXIT_OK;
    }

    /** [error vs float64, difference from the interpreter relative to max|ref|, tolerance]. */
    static double[] check(Backend backend, Backend interp, QMatmulConfig c) {
        int m = 19, n = 70, k = 200;
        Random rnd = new Random(c.kernelName().hashCode());
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) (2 * rnd.nextDouble() - 1);
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
        QuantizedWeights q = Quantizer.quantize(w, k, n, c.weightType(), c.groupSize());
        float[] got = QuantizedMatmul.run(backend, a, c.aType(), m, q);
        float[] ref = QuantizedMatmul.run(interp, a, c.aType(), m, q);
        double[] exact = QuantizedMatmul.reference(a, c.aType(), m, q);
        double maxRef = 0, diff = 0;
        for (int i = 0; i < exact.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(exact[i]));
            diff = Math.max(diff, Math.abs((double) got[i] - ref[i]));
        }
        return new double[] {QuantizedMatmul.relativeError(got, exact), diff / Math.max(maxRef, QuantizedMatmul.TINY),
            QuantizedMatmul.tolerance(c.aType(), k)};
    }

    static String timing(Backend backend, QMatmulConfig c, int m, int n, int k, int runs) {
        Program program = QuantizedMatmul.program(c);
        try (Arena arena = Arena.ofShared()) {
            RotatedInputs inputs = RotatedInputs.qmatmul(arena, c, m, n, k, 256L << 20, 2);
            List<Map<String, Object>> argSets = inputs.argSets();
            long perSet = inputs.bytesPerSet();
            double[] t = backend.time(program, argSets, 3, runs);
            Arrays.sort(t);
            double median = t[t.length / 2];
            return String.format(Locale.ROOT, "median %s  %.0f GB/s", BenchCommand.time(median), perSet / median / 1e9);
        }
    }
}
