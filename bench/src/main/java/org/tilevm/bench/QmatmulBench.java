package org.tilevm.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tilevm.spec.dtype.DType;

/**
 * JMH benchmark of the quantized matmul {@code C[M,N] = A[M,K] x W[K,N]} (f32 activations, packed
 * low-bit weights with per-group scales, stdlib format) for every implementation of
 * {@link QmatmulImpl}: average time per call. Each call uses the next of several copies of the
 * inputs, which together exceed twice the last-level cache ({@link QmatmulWorkload}); the
 * effective bandwidth is {@link Traffic#bytesPerCall} / time (computed by {@link BenchMain}'s
 * summary; formula in bench/README.md).
 *
 * <p>{@code backend:NAME} runs the stdlib kernel on that TileVM backend; when the backend is
 * missing or unavailable, or the shape is too large for it ({@code backend:interp}), the setup
 * fails with a message that starts with the implementation's name and "is skipped"; {@link
 * BenchMain} leaves such combinations out beforehand and says so.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Xss8m"})
public class QmatmulBench {

    /** Rows of A and C. */
    @Param({"1", "16"})
    public int m;

    /** {@code NxK}: columns of W and C, rows of W (the reduction). */
    @Param({"4096x4096", "4096x14336", "14336x4096"})
    public String nk;

    /** Weight type. */
    @Param({"u4", "i4", "u3", "u2"})
    public String type;

    /** Rows per scale group. */
    @Param({"32", "128"})
    public int group;

    /** Activations: f32, or i8 quantized per row (W4A8; the backends only). */
    @Param({"f32"})
    public String act;

    /** Implementation (see {@link QmatmulImpl#create}). */
    @Param({"scalar", "vector", "backend:jvm", "backend:interp"})
    public String impl;

    private QmatmulWorkload work;
    private QmatmulImpl kernel;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        int[] shape = parseNK(nk);
        int n = shape[0], k = shape[1];
        DType t = DType.parse(type);
        DType actType = DType.parse(act);
        kernel = QmatmulImpl.create(impl, t, group, m, n, actType);
        long macs = (long) m * n * k;
        if (macs > kernel.maxMacs()) {
            throw new QmatmulImpl.Unavailable(impl + " is skipped for M=" + m + " N=" + n + " K=" + k + ": M*N*K = " + macs
                    + " exceeds its limit of " + kernel.maxMacs() + " (too slow to time); run it on a small shape, e.g. -p nk=256x512");
        }
        long rotate = 2 * CacheInfo.lastLevelBytes();
        work = QmatmulWorkload.create(m, n, k, t, group, rotate, kernel.needsLaunchArguments(), 42, actType);
        kernel.run(work.operands(0));
        QmatmulImpl.spotCheck(kernel, work.operands(0));
        System.out.printf("%n# %s M=%d N=%d K=%d %s G=%d: %.2f MB per call, %d input copies (%.0f MiB > 2 x LLC %d MiB), checked against the scalar loop%n",
                impl, m, n, k, type, group, work.bytesPerCall() / 1e6, work.copies(), work.totalBytes() / 1048576.0,
                rotate / 2 >> 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (work != null) work.close();
    }

    @Benchmark
    public Object qmatmul() {
        QmatmulWorkload.Operands op = work.operands(next);
        next = next + 1 == work.copies() ? 0 : next + 1;
        return kernel.run(op);
    }

    /** {@code "4096x14336"} -> {N, K}. */
    static int[] parseNK(String nk) {
        String[] parts = nk.split("x");
        try {
            if (parts.length == 2) {
                int n = Integer.parseInt(parts[0].trim()), k = Integer.parseInt(parts[1].trim());
                if (n > 0 && k > 0) return new int[] {n, k};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("nk '" + nk + "': expected NxK with positive N and K, e.g. 4096x14336");
    }
}
