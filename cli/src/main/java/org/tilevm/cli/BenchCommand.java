package org.tilevm.cli;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Program;
import org.tilevm.stdlib.quant.QMatmulConfig;
import org.tilevm.stdlib.quant.Tiling;
import org.tilevm.stdlib.quant.QuantizedMatmul;

/**
 * {@code tilevm bench qmatmul ...}: quick timing of the quantized matmul outside JMH. Several
 * copies of the inputs (together more than {@code --rotate-mib}, by default twice a large
 * last-level cache or GPU L2) are used in turn, so the weights come from DRAM as they do in an
 * LLM layer; after warm-up the median of the timed launches is reported with the effective
 * bandwidth (the bytes a launch must move / time), TFLOP/s, and, when the backend knows its peak
 * bandwidth, the floor time of the shape (bytes / peak bandwidth).
 */
final class BenchCommand implements Command {
    private static final OptionSpec SPEC = OptionSpec.builder()
            .positional("KERNEL", "the stdlib kernel: qmatmul", true)
            .value("--type", "T", "weight dtype (default u4)")
            .value("--group", "G", "group size (default 128)")
            .value("--a-type", "f16|f32|i8", "activation dtype (default f16; i8: quantized per row, W4A8, CPU backends)")
            .value("--m", "M", "rows of A and C (default 1)")
            .value("--n", "N", "columns of W and C (default 4096)")
            .value("--k", "K", "depth (default 4096)")
            .value(BackendChoice.OPTION, "NAME", BackendChoice.HELP)
            .value("--warmup", "W", "untimed launches first (default 3)")
            .value("--runs", "R", "timed launches (default 10)")
            .value("--rotate-mib", "MiB", "total size of the rotated input copies (default 256)")
            .value("--peak-gbps", "GB/s", "peak DRAM bandwidth for the floor time when the backend does not know it")
            .build();

    @Override public String name() { return "bench"; }

    @Override public String summary() { return "time a stdlib kernel (median, effective bandwidth, TFLOP/s, bandwidth floor)"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public String details() {
        return """
                Weights are random codes (uniform bytes), scales random; inputs are rotated over
                copies totalling --rotate-mib so caches do not flatter the result. Bytes moved per
                launch = packed weights + scales (+ zero points) + A + C.
                Example: tilevm bench qmatmul --type u4 --group 32 --m 1 --n 4096 --k 14336 --backend jvm""";
    }

    @Override
    public int run(Options o, PrintStream out) {
        String kernel = o.positional(0, null);
        if (!"qmatmul".equals(kernel)) throw new CliException("unknown kernel '" + kernel + "': expected qmatmul");
        DType type = o.dtype("--type", DType.parse("u4"));
        if (type.bits() > 8) throw new CliException("--type: weight type must have 1..8 bits, got " + type.name());
        DType aType = DemoCommand.activationType(o.string("--a-type", "f16"));
        int group = o.positiveInt("--group", 128);
        int m = o.positiveInt("--m", 1), n = o.positiveInt("--n", 4096), k = o.positiveInt("--k", 4096);
        int warmup = o.integer("--warmup", 3), runs = o.positiveInt("--runs", 10);
        if (warmup < 0) throw new CliException("--warmup: must be >= 0, got " + warmup);
        long rotate = (long) o.positiveInt("--rotate-mib", 256) << 20;
        Backend backend = BackendChoice.pick(o.string(BackendChoice.OPTION, null));
        boolean zeros = QMatmulConfig.zeroPointsByDefault(type);
        QMatmulConfig config = QMatmulConfig.of(aType, type, group, zeros);
        if (backend.processor() == Backend.Processor.CPU) config = config.withTiling(Tiling.cpuFor(m, n));
        Program program = QuantizedMatmul.program(config);

        try (Arena arena = Arena.ofShared()) {
            RotatedInputs inputs = RotatedInputs.qmatmul(arena, QMatmulConfig.of(aType, type, group, zeros), m, n, k, rotate, 1);
            List<Map<String, Object>> argSets = inputs.argSets();
            long perSet = inputs.bytesPerSet();
            int sets = inputs.copies();
            double[] t = backend.time(program, argSets, warmup, runs);
            double[] sorted = t.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            double gbps = perSet / median / 1e9, tflops = 2.0 * m * n * k / median / 1e12;
            out.printf(Locale.ROOT, "qmatmul %s x %s (group %d%s) M=%d N=%d K=%d on %s (%s)%n", aType.name(), type.name(), group,
                    zeros ? ", zero points" : "", m, n, k, backend.name(), config.kernelName());
            out.printf(Locale.ROOT, "  median   %s over %d runs (min %s, max %s), %d warm-up, %d input copies (%.0f MiB)%n",
                    time(median), runs, time(sorted[0]), time(sorted[sorted.length - 1]), warmup, sets, sets * perSet / 1048576.0);
            out.printf(Locale.ROOT, "  traffic  %.1f MB per call: %.1f GB/s effective, %.3f TFLOP/s%n", perSet / 1e6, gbps, tflops);
            Double peak = null;
            if (backend.peakBandwidth().isPresent()) peak = backend.peakBandwidth().getAsDouble();
            else if (o.has("--peak-gbps")) peak = o.positiveInt("--peak-gbps", 1) * 1e9;
            if (peak != null) {
                double floor = perSet / peak;
                out.printf(Locale.ROOT, "  floor    %s at %.0f GB/s peak: the kernel runs at %.0f%% of the bandwidth roofline%n",
                        time(floor), peak / 1e9, 100 * floor / median);
            }
        }
        return Main.EXIT_OK;
    }

    static String time(double seconds) {
        if (seconds >= 1) return String.format(Locale.ROOT, "%.3f s", seconds);
        if (seconds >= 1e-3) return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
        return String.format(Locale.ROOT, "%.2f us", seconds * 1e6);
    }
}
