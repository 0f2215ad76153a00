package org.tilevm.stdlib.quant;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

/**
 * {@code C[M,N] = A[M,K] x dequant(W[K,N])}: A in f16 or f32, W of any 1..8-bit type with
 * per-group scales (and optional zero points), C in f32. The kernel, its tiling, the packed
 * weight format and the tolerance are described in {@code stdlib/QMATMUL.md}.
 *
 * <p>Kernel parameters (launch order): {@code m, n, k, n8 = ceil(N/8), kg = ceil(K/G)}
 * ({@code i32}; see {@link #arguments}), then the pointers
 * {@code a} ({@code aType} [M,K] row-major), {@code w} ({@code u8}, the packed weights),
 * {@code scales} ({@code f32} [ceil(K/G),N]), {@code zeros} ({@code f32} [ceil(K/G),N], only
 * when the weights have zero points) and {@code c} ({@code f32} [M,N] row-major). The grid is
 * {@code [ceil(N/BN), ceil(M/BM)]} (BM = 16 for the GPU tiling, the tiling's {@code bm} for a CPU one).
 */
public final class QuantizedMatmul {
    private QuantizedMatmul() {}

    private static final ValueLayout.OfFloat LE_F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The launch argument of the activations' row scales in W4A8 programs (i8 activations): f32 [M]. */
    public static final String A_SCALES = QMatmulKernel.A_SCALES;

    /** The smallest max|ref| the error metric divides by. */
    public static final double TINY = 1e-30;

    private static final Map<QMatmulConfig, Program> CACHE = new ConcurrentHashMap<>();

    /**
     * The kernel program for activations of {@code aType} (F16 or F32) and these weights'
     * dtype/group/zero-point form. Programs do not depend on M, N, K (they are parameters) and
     * are cached per configuration.
     */
    public static Program program(DType aType, QuantizedWeights w) {
        Objects.requireNonNull(w, "quantized matmul: weights are null");
        return program(QMatmulConfig.of(aType, w.type(), w.groupSize(), w.hasZeros()));
    }

    /** The (cached) kernel program for a configuration (its tiling picks the GPU or the CPU program). */
    public static Program program(QMatmulConfig config) {
        return CACHE.computeIfAbsent(config, c -> c.tiling().cpu() ? QMatmulCpuKernel.build(c) : QMatmulKernel.build(c));
    }

    /**
     * The configuration a backend should run for M rows: the GPU tiling on a GPU backend (or its
     * simulator), the CPU tiling for M x N on this machine ({@link Tiling#cpuFor}) on a CPU backend.
     */
    public static QMatmulConfig configFor(Backend backend, DType aType, QuantizedWeights w, int m) {
        Objects.requireNonNull(backend, "quantized matmul: backend is null");
        Objects.requireNonNull(w, "quantized matmul: weights are null");
        QMatmulConfig gpu = QMatmulConfig.of(aType, w.type(), w.groupSize(), w.hasZeros());
        if (backend.processor() == Backend.Processor.GPU && aType.equals(DTypes.I8)) {
            throw new IllegalArgumentException("quantized matmul: i8 activations (W4A8) have a CPU program only; backend '"
                    + backend.name() + "' runs GPU programs (use f16 or f32 activations there)");
        }
        return backend.processor() == Backend.Processor.GPU ? gpu : gpu.withTiling(Tiling.cpuFor(m, w.n()));
    }

    /**
     * Runs the kernel on {@code backend} with the tiling it prefers ({@link #configFor}); a is
     * row-major [M,K] (values representable in aType); returns C row-major f32 [M,N].
     */
    public static float[] run(Backend backend, float[] a, DType aType, int m, QuantizedWeights w) {
        return run(backend, configFor(backend, aType, w, m).tiling(), a, aType, m, w);
    }

    /** Runs the kernel with the given tiling on {@code backend} (any tiling runs on any backend). */
    public static float[] run(Backend backend, Tiling tiling, float[] a, DType aType, int m, QuantizedWeights w) {
        Objects.requireNonNull(backend, "quantized matmul: backend is null");
        Objects.requireNonNull(w, "quantized matmul: weights are null");
        Program program = program(QMatmulConfig.of(aType, w.type(), w.groupSize(), w.hasZeros()).withTiling(tiling));
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Object> args = hostArguments(arena, a, aType, m, w);
            backend.launch(program, args);
            MemorySegment c = (MemorySegment) args.get(QMatmulKernel.C);
            float[] out = new float[m * w.n()];
            for (int i = 0; i < out.length; i++) out[i] = c.getAtIndex(LE_F32, i);
            return out;
        }
    }

    /**
     * Launch arguments in host memory of {@code arena} (16-byte aligned): A converted to
     * {@code aType} (for i8: quantized per row with {@link QuantizedActivations#quantize}, codes
     * under {@code a} and row scales under {@code a_scales}), the packed weights, scales, zero
     * points and a zeroed C ({@code c}).
     */
    public static Map<String, Object> hostArguments(Arena arena, float[] a, DType aType, int m, QuantizedWeights w) {
        checkA(a, aType, m, w);
        MemorySegment packed = arena.allocate(w.packedBytes(), 16);
        packed.copyFrom(w.packed());
        MemorySegment c = arena.allocate((long) m * w.n() * 4, 16);
        if (aType.equals(DTypes.I8)) {
            checkIntegerZeros(w);
            QuantizedActivations q = QuantizedActivations.quantize(a, m, w.k());
            MemorySegment codes = arena.allocate(q.codes().length, 16);
            codes.copyFrom(MemorySegment.ofArray(q.codes()));
            Map<String, Object> args = arguments(m, w, codes, packed, floats(arena, w.scales()),
                    w.hasZeros() ? floats(arena, w.zeros()) : null, c);
            args.put(QMatmulKernel.A_SCALES, floats(arena, q.scales()));
            return args;
        }
        return arguments(m, w, activations(arena, a, aType), packed, floats(arena, w.scales()),
                w.hasZeros() ? floats(arena, w.zeros()) : null, c);
    }

    /** The largest zero point (in magnitude) W4A8 accepts. */
    static final int MAX_W4A8_ZERO = 255;

    /**
     * W4A8 takes zero points off an exact integer sum: they must be integers (as {@code Quantizer}
     * makes them), and within +-255 (a code of at most 8 bits), which keeps every value of the
     * program's f32 epilogue an integer under 2^23, so it stays exact.
     */
    static void checkIntegerZeros(QuantizedWeights w) {
        if (!w.hasZeros()) return;
        float[] z = w.zeros();
        for (int i = 0; i < z.length; i++) {
            if (z[i] != Math.rint(z[i]) || Math.abs(z[i]) > MAX_W4A8_ZERO) {
                throw new IllegalArgumentException("quantized matmul: i8 activations (W4A8) need integer zero points in"
                        + " [-" + MAX_W4A8_ZERO + ", " + MAX_W4A8_ZERO + "]; zeros[" + i / w.n() + ", " + i % w.n() + "] = " + z[i]);
            }
        }
    }

    /** Bytes a launch must move at least: packed weights, scales, zero points, A and C. */
    public static long bytesMoved(DType aType, int m, QuantizedWeights w) {
        long scales = (long) w.groups() * w.n() * 4 * (w.hasZeros() ? 2 : 1);
        long aScales = aType.equals(DTypes.I8) ? 4L * m : 0;
        return w.packedBytes() + scales + (long) m * w.k() * (aType.bits() / 8) + aScales + (long) m * w.n() * 4;
    }

    /**
     * The launch arguments of {@link #program} for C[M,N] = A[M,K] x W: the sizes {@code m, n, k},
     * {@code n8 = ceil(N/8)} (packed row length in units of 8 codes) and {@code kg = ceil(K/G)}
     * (scale rows), and the given segments (for a GPU backend: its device tensors) under
     * {@code a, w, scales, zeros, c}; {@code zeros} must be null exactly when {@code w} has none.
     */
    public static Map<String, Object> arguments(int m, QuantizedWeights w, MemorySegment a, MemorySegment packed,
                                                MemorySegment scales, MemorySegment zeros, MemorySegment c) {
        Objects.requireNonNull(w, "quantized matmul: weights are null");
        if ((zeros != null) != w.hasZeros()) {
            throw new IllegalArgumentException("quantized matmul: the weights " + (w.hasZeros() ? "have" : "have no")
                    + " zero points, but a zeros segment was " + (zeros == null ? "not given" : "given"));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(QMatmulKernel.M, m);
        args.put(QMatmulKernel.N, w.n());
        args.put(QMatmulKernel.K, w.k());
        args.put(QMatmulKernel.N8, w.paddedN() / 8);
        args.put(QMatmulKernel.KG, w.groups());
        args.put(QMatmulKernel.A, Objects.requireNonNull(a, "a"));
        args.put(QMatmulKernel.W, Objects.requireNonNull(packed, "packed"));
        args.put(QMatmulKernel.SCALES, Objects.requireNonNull(scales, "scales"));
        if (zeros != null) args.put(QMatmulKernel.ZEROS, zeros);
        args.put(QMatmulKernel.C, Objects.requireNonNull(c, "c"));
        return args;
    }

    /**
     * The scalar launch arguments for C[M,N] = A[M,K] x W[K,N] with group size {@code group}
     * (what code generators specialize on): {@code m, n, k, n8 = ceil(N/8), kg = ceil(K/G)}.
     */
    public static Map<String, Object> shapeArguments(int m, int n, int k, int group) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(QMatmulKernel.M, m);
        args.put(QMatmulKernel.N, n);
        args.put(QMatmulKernel.K, k);
        args.put(QMatmulKernel.N8, (n + 7) / 8);
        args.put(QMatmulKernel.KG, (k + group - 1) / group);
        return args;
    }

    /**
     * Float64 reference: sum_k a[i,k] * w.dequantized(k, j), with a rounded to aType first (for i8:
     * the value of its per-row quantization, {@link QuantizedActivations}).
     */
    public static double[] reference(float[] a, DType aType, int m, QuantizedWeights w) {
        checkA(a, aType, m, w);
        int n = w.n(), k = w.k();
        double[] wd = w.dequantized();
        double[] out = new double[m * n];
        QuantizedActivations q = aType.equals(DTypes.I8) ? QuantizedActivations.quantize(a, m, k) : null;
        for (int i = 0; i < m; i++) {
            for (int kk = 0; kk < k; kk++) {
                double av = q != null ? q.value(i, kk) : roundTo(aType, a[i * k + kk]);
                for (int j = 0; j < n; j++) out[i * n + j] += av * wd[kk * n + j];
            }
        }
        return out;
    }

    /**
     * The tolerance the spec states for max|C - ref| / max(max|ref|, tiny), given aType and K
     * (derivation in {@code stdlib/QMATMUL.md}): with {@code u32 = 2^-24}, {@code u16 = 2^-11}
     * and a condition allowance {@code kappa = 4}:
     * {@code kappa * (eps_a + (K + 2) * u32)} where {@code eps_a} is 0 for f32 and i8 (the reference
     * takes the quantized activations' values) and {@code u16} for f16 (the dequantized weight is
     * rounded to f16 before the dot).
     */
    public static double tolerance(DType aType, int k) {
        checkAType(aType);
        if (k < 1) throw new IllegalArgumentException("quantized matmul: K = " + k + " must be positive");
        double u32 = 0x1p-24, u16 = 0x1p-11, kappa = 4;
        double epsA = aType.equals(DTypes.F16) ? u16 : 0;
        return kappa * (epsA + (k + 2) * u32);
    }

    /** The error metric: {@code max|c - ref| / max(max|ref|, TINY)}; NaN in c gives +infinity. */
    public static double relativeError(float[] c, double[] ref) {
        if (c.length != ref.length) {
            throw new IllegalArgumentException("relative error: " + c.length + " results vs " + ref.length + " references");
        }
        double maxErr = 0, maxRef = 0;
        for (int i = 0; i < c.length; i++) {
            double e = Math.abs(c[i] - ref[i]);
            if (Double.isNaN(e)) return Double.POSITIVE_INFINITY;
            maxErr = Math.max(maxErr, e);
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
        }
        return maxErr / Math.max(maxRef, TINY);
    }

    /** The value of {@code v} rounded to {@code aType} (f16: round to nearest even, saturating). */
    static double roundTo(DType aType, float v) {
        return aType.equals(DTypes.F32) ? v : aType.decode(aType.encode(v));
    }

    static void checkAType(DType aType) {
        Objects.requireNonNull(aType, "quantized matmul: activation type is null");
        if (!aType.equals(DTypes.F16) && !aType.equals(DTypes.F32) && !aType.equals(DTypes.I8)) {
            throw new IllegalArgumentException("quantized matmul: activation type " + aType.name()
                    + " is not supported: expected f16, f32 or i8 (i8: quantized per row, W4A8)");
        }
    }

    private static void checkA(float[] a, DType aType, int m, QuantizedWeights w) {
        checkAType(aType);
        Objects.requireNonNull(a, "quantized matmul: a is null");
        Objects.requireNonNull(w, "quantized matmul: weights are null");
        if (m < 1) throw new IllegalArgumentException("quantized matmul: M = " + m + " must be positive");
        if (a.length != (long) m * w.k()) {
            throw new IllegalArgumentException("quantized matmul: a has " + a.length + " elements, expected M*K = "
                    + m + "*" + w.k() + " = " + (long) m * w.k());
        }
    }

    private static MemorySegment activations(Arena arena, float[] a, DType aType) {
        if (aType.equals(DTypes.F32)) return floats(arena, a);
        MemorySegment seg = arena.allocate((long) a.length * 2, 16);
        for (int i = 0; i < a.length; i++) seg.setAtIndex(LE_I16, i, (short) aType.encode(a[i]));
        return seg;
    }

    private static MemorySegment floats(Arena arena, float[] v) {
        MemorySegment seg = arena.allocate((long) v.length * 4, 16);
        for (int i = 0; i < v.length; i++) seg.setAtIndex(LE_F32, i, v[i]);
        return seg;
    }
}
