package org.tilevm.bench;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.tilevm.bench.QmatmulWorkload.Operands;
import org.tilevm.bench.baseline.ScalarQmatmul;
import org.tilevm.bench.baseline.VectorQmatmul;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;
import org.tilevm.stdlib.quant.QMatmulConfig;
import org.tilevm.stdlib.quant.Tiling;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * An implementation of the quantized matmul that a benchmark times, named by the {@code impl}
 * parameter: {@code scalar} ({@link ScalarQmatmul}), {@code vector} ({@link VectorQmatmul}), or
 * {@code backend:NAME} (the stdlib kernel {@code QuantizedMatmul.program} launched on the TileVM
 * backend NAME through the {@link Backend} SPI, e.g. {@code backend:jvm}, {@code backend:interp}).
 */
public sealed interface QmatmulImpl permits QmatmulImpl.Scalar, QmatmulImpl.Vector, QmatmulImpl.OnBackend {

    /**
     * The largest M*N*K the reference interpreter is benchmarked on. It handles about 3 * 10^6 weights
     * per second whatever M (up to its 16-row tile) is, so M = 1, N = K = 4096 would take about 5 s a
     * call: the default shapes are all skipped; small ones (e.g. {@code -p nk=256x512}) run.
     */
    long INTERP_MAX_MACS = 1L << 22;

    /** The parameter value naming this implementation. */
    String name();

    /** Runs C = A x W on one copy of the inputs; returns C (as the kernel left it) for the blackhole. */
    Object run(Operands op);

    /** Whether {@link #run} needs the copies' launch arguments (host segments). */
    default boolean needsLaunchArguments() { return false; }

    /** The largest M*N*K this implementation is benchmarked on (slower ones would take minutes per call). */
    default long maxMacs() { return Long.MAX_VALUE; }

    /** C after {@link #run}, as an array. */
    float[] result(Operands op);

    /** The plain scalar loop. */
    record Scalar() implements QmatmulImpl {
        @Override public String name() { return "scalar"; }
        @Override public Object run(Operands op) {
            ScalarQmatmul.multiply(op.a(), op.m(), op.w(), op.c());
            return op.c();
        }
        @Override public float[] result(Operands op) { return op.c(); }
    }

    /** The hand-written Vector API kernel. */
    record Vector() implements QmatmulImpl {
        @Override public String name() { return "vector"; }
        @Override public Object run(Operands op) {
            VectorQmatmul.multiply(op.a(), op.m(), op.w(), op.c());
            return op.c();
        }
        @Override public float[] result(Operands op) { return op.c(); }
    }

    /** The stdlib kernel (f32 activations) on a TileVM backend. */
    record OnBackend(Backend backend, Program program) implements QmatmulImpl {
        @Override public String name() { return "backend:" + backend.name(); }
        @Override public boolean needsLaunchArguments() { return true; }
        @Override public long maxMacs() { return backend.name().equals("interp") ? INTERP_MAX_MACS : Long.MAX_VALUE; }
        @Override public Object run(Operands op) {
            backend.launch(program, op.launchArgs());
            return op.launchArgs().get("c");
        }
        @Override public float[] result(Operands op) {
            MemorySegment c = (MemorySegment) op.launchArgs().get("c");
            return c.toArray(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
        }
    }

    /**
     * The implementation named {@code name} for weights of {@code type} with groups of {@code group}
     * rows (zero points exactly for unsigned types).
     *
     * @throws Unavailable when a backend is unknown or cannot run here (the message says why)
     * @throws IllegalArgumentException for a name that is none of the forms
     */
    static QmatmulImpl create(String name, DType type, int group, int m, int n) {
        return create(name, type, group, m, n, DTypes.F32);
    }

    /** The same with activations of {@code act} (f32; i8 for W4A8, which only the backends run). */
    static QmatmulImpl create(String name, DType type, int group, int m, int n, DType act) {
        if (!act.equals(DTypes.F32) && (name.equals("scalar") || name.equals("vector"))) {
            throw new Unavailable(name + " is skipped for " + act.name() + " activations: the baselines take f32 activations");
        }
        if (name.equals("scalar")) return new Scalar();
        if (name.equals("vector")) return new Vector();
        if (name.startsWith("backend:")) {
            String backend = name.substring("backend:".length());
            Backend b;
            try {
                b = Backends.named(backend);
            } catch (IllegalArgumentException e) {
                throw new Unavailable(name + " is skipped: " + e.getMessage());
            }
            boolean zeros = !type.isFloat() && !type.isSigned();
            QMatmulConfig config = QMatmulConfig.of(act, type, group, zeros);
            if (b.processor() == Backend.Processor.CPU) config = config.withTiling(Tiling.cpuFor(m, n));
            return new OnBackend(b, QuantizedMatmul.program(config));
        }
        throw new IllegalArgumentException("impl '" + name + "': expected scalar, vector or backend:NAME (e.g. backend:jvm)");
    }

    /** Why an implementation cannot be benchmarked here (a backend that is missing or unavailable). */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) { super(message); }
    }

    /**
     * Checks C of the last {@link #run} on the first and last (up to) 8 columns against the scalar
     * loop, within the spec's f32 tolerance (relative to the largest of those values), so that a wrong
     * kernel is never timed.
     *
     * @throws IllegalStateException naming the implementation, column and values
     */
    static void spotCheck(QmatmulImpl impl, Operands op) {
        QuantizedWeights w = op.w();
        int n = w.n(), m = op.m();
        float[] got = impl.result(op);
        float[] expect = new float[m * n];
        int lo = Math.min(8, n), hi = Math.max(lo, n - 8);
        ScalarQmatmul.multiplyColumns(op.a(), m, w, expect, 0, lo);
        ScalarQmatmul.multiplyColumns(op.a(), m, w, expect, hi, n);
        double max = 1e-30;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) if (j < lo || j >= hi) max = Math.max(max, Math.abs(expect[i * n + j]));
        }
        double tol = QuantizedMatmul.tolerance(DTypes.F32, w.k()) * max;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if ((j < lo || j >= hi) && !(Math.abs(got[i * n + j] - expect[i * n + j]) <= tol)) {
                    throw new IllegalStateException(impl.name() + " computes a wrong C[" + i + "," + j + "] = " + got[i * n + j]
                            + ", the scalar loop gives " + expect[i * n + j] + " (tolerance " + tol + ")");
                }
            }
        }
    }
}
