package org.tilevm.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;
import org.tilevm.stdlib.quant.Quantizer;

/**
 * {@code tilevm demo}: a quantized matmul {@code C = A x dequant(W)} on random data, checked
 * against the float64 reference. Exit code 0 when the error is within the stated tolerance,
 * {@link Main#EXIT_INTERNAL} (with a message on stderr) when it is not.
 */
final class DemoCommand implements Command {
    static final String DEFAULT_TYPE = "u4";
    static final int DEFAULT_GROUP = 128, DEFAULT_M = 16, DEFAULT_N = 256, DEFAULT_K = 512;
    static final long DEFAULT_SEED = 20250401L;

    private static final OptionSpec SPEC = OptionSpec.builder()
            .value("--type", "T", "weight dtype, any type of 1..8 bits (default " + DEFAULT_TYPE + ")")
            .value("--group", "G", "rows of W per scale group along K (default " + DEFAULT_GROUP + ")")
            .value("--m", "M", "rows of A and C (default " + DEFAULT_M + ")")
            .value("--n", "N", "columns of W and C (default " + DEFAULT_N + ")")
            .value("--k", "K", "columns of A, rows of W (default " + DEFAULT_K + ")")
            .value("--a-type", "f16|f32|i8", "activation dtype (default f16; i8: quantized per row, W4A8, CPU backends)")
            .value(BackendChoice.OPTION, "NAME", BackendChoice.HELP)
            .value("--seed", "S", "seed of the random A and W (default " + DEFAULT_SEED + ")")
            .build();

    @Override public String name() { return "demo"; }

    @Override public String summary() { return "run a quantized matmul on random data and check it against float64"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public String details() {
        return """
                A[M,K] is uniform in [-1, 1) (rounded to the activation type), W[K,N] is normal
                (sigma 0.5); W is quantized per group (Quantizer.quantize: zero points for unsigned
                integer types) and the kernel runs on the backend. Prints the shape, types, group,
                backend, the error max|C - ref| / max|ref| against the float64 reference and whether
                it is within the tolerance, and the time of building and running the kernel.
                Exit code 1 when the error is over the tolerance.
                Example: tilevm demo --type f4e2m1 --group 32 --a-type f32""";
    }

    @Override
    public int run(Options o, PrintStream out) {
        DType type = o.dtype("--type", DType.parse(DEFAULT_TYPE));
        if (type.bits() > 8) throw new CliException("--type: weight type must have 1..8 bits, got " + type.name());
        DType aType = activationType(o.string("--a-type", "f16"));
        int group = o.positiveInt("--group", DEFAULT_GROUP);
        int m = o.positiveInt("--m", DEFAULT_M), n = o.positiveInt("--n", DEFAULT_N), k = o.positiveInt("--k", DEFAULT_K);
        if ((long) m * k > Integer.MAX_VALUE / 2 || (long) k * n > Integer.MAX_VALUE / 2 || (long) m * n > Integer.MAX_VALUE / 2) {
            throw new CliException("matrices of M=" + m + " N=" + n + " K=" + k + " are too large for the demo");
        }
        long seed = o.longValue("--seed", DEFAULT_SEED);
        Backend backend = BackendChoice.pick(o.string(BackendChoice.OPTION, null));

        Random rnd = new Random(seed);
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) aType.decode(aType.encode(rnd.nextDouble() * 2 - 1));
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rnd.nextGaussian() * 0.5);
        QuantizedWeights qw = Quantizer.quantize(w, k, n, type, group);

        long t0 = System.nanoTime();
        float[] c = QuantizedMatmul.run(backend, a, aType, m, qw);
        double ms = (System.nanoTime() - t0) / 1e6;
        double[] ref = QuantizedMatmul.reference(a, aType, m, qw);
        double err = QuantizedMatmul.relativeError(c, ref);
        double tol = QuantizedMatmul.tolerance(aType, k);
        boolean ok = err <= tol;

        out.println("quantized matmul C[M,N] = A[M,K] x dequant(W[K,N])");
        out.printf(Locale.ROOT, "  shape    M=%d N=%d K=%d%n", m, n, k);
        out.printf(Locale.ROOT, "  types    A %s, W %s (group %d, %s), C f32%n", aType.name(), type.name(), group,
                qw.hasZeros() ? "scales and zero points" : "scales");
        out.printf(Locale.ROOT, "  backend  %s%n", backend.name());
        out.printf(Locale.ROOT, "  error    max|C-ref|/max|ref| = %s, tolerance %s: %s%n", NumberFormat.sci(err), NumberFormat.sci(tol),
                ok ? "within tolerance" : "OVER TOLERANCE");
        out.printf(Locale.ROOT, "  time     %.1f ms (build + run)%n", ms);
        if (!ok) {
            throw new CheckFailed("demo: the result is over the tolerance: max relative error " + NumberFormat.sci(err)
                    + " > " + NumberFormat.sci(tol) + " on backend " + backend.name());
        }
        return Main.EXIT_OK;
    }

    static DType activationType(String text) {
        DType t = Options.parseDType("--a-type", text);
        if (!t.equals(DTypes.F16) && !t.equals(DTypes.F32) && !t.equals(DTypes.I8)) {
            throw new CliException("--a-type: activations must be f16, f32 or i8 (quantized per row: W4A8), got " + t.name());
        }
        return t;
    }
}
