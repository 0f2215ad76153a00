package org.tilevm.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.stdlib.quant.QuantizedActivations;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * The inputs of a quantized matmul benchmark, in several copies that the benchmark rotates over
 * so that together they exceed the last-level cache and every call streams its weights from DRAM.
 * Random data: packed codes are uniform random bytes (uniform codes; the padding columns of a
 * ragged N are cleared), scales uniform in [1e-3, 1e-2), integer zero points for unsigned types
 * (as {@code Quantizer} makes them), A uniform in [-1, 1]. Each copy has its own A, packed weights,
 * scales, zero points and C, and, when asked for, the launch arguments of the stdlib kernel over
 * host segments (for a {@code Backend}). Native memory is freed by {@link #close()}.
 */
public final class QmatmulWorkload implements AutoCloseable {

    /** One copy: the arrays the baselines take and the kernel's launch arguments (null unless asked for). */
    public record Operands(float[] a, int m, QuantizedWeights w, float[] c, Map<String, Object> launchArgs) {}

    private static final ValueLayout.OfFloat LE_F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena = Arena.ofShared();
    private final List<Operands> copies = new ArrayList<>();
    private final long bytesPerCall;

    private QmatmulWorkload(long bytesPerCall) { this.bytesPerCall = bytesPerCall; }

    /**
     * Copies of random inputs for C[M,N] = A[M,K] x W[K,N] ({@code type} an integer type of 1..8 bits,
     * scale groups of {@code group} rows), {@link #copiesFor enough} to exceed {@code rotateBytes}.
     */
    public static QmatmulWorkload create(int m, int n, int k, DType type, int group, long rotateBytes,
                                         boolean launchArgs, long seed) {
        return create(m, n, k, type, group, rotateBytes, launchArgs, seed, org.tilevm.spec.dtype.DTypes.F32);
    }

    /**
     * The same with activations of {@code act}: f32, or i8 (W4A8: A is quantized per row; the
     * operands' {@code a} then holds the values the codes stand for, {@code code * scale}, so the
     * baselines and the spot check compute the same product, and the launch arguments hold the
     * codes and the row scales).
     */
    public static QmatmulWorkload create(int m, int n, int k, DType type, int group, long rotateBytes,
                                         boolean launchArgs, long seed, DType act) {
        boolean i8 = act.equals(org.tilevm.spec.dtype.DTypes.I8);
        if (!i8 && !act.equals(org.tilevm.spec.dtype.DTypes.F32)) {
            throw new IllegalArgumentException("qmatmul workload: activations " + act.name() + ": expected f32 or i8");
        }
        // random bytes are valid codes for these: every integer code, and every code of a float type
        // under 8 bits (such types have no infinity and no NaN)
        boolean lowFloat = type.isFloat() && type.bits() < 8;
        if (!lowFloat && (!(type instanceof IntType) || type.bits() > 8)) {
            throw new IllegalArgumentException("qmatmul workload: weight type " + type.name() + " is not supported: expected"
                    + " an integer type of 1..8 bits or a float type of 2..7 bits (random bytes are valid codes only for those)");
        }
        long perCall = Traffic.bytesPerCall(m, n, k, type, group, act);
        QmatmulWorkload work = new QmatmulWorkload(perCall);
        try {
            SplittableRandom rnd = new SplittableRandom(seed);
            int groups = QuantizedWeights.groups(k, group);
            boolean zeros = type instanceof IntType it && !it.signed();
            for (int copy = 0, count = copiesFor(perCall, rotateBytes); copy < count; copy++) {
                MemorySegment packed = work.arena.allocate(QuantizedWeights.packedBytes(k, n, type.bits()), 64);
                fillCodes(packed, k, n, type.bits(), rnd);
                float[] scales = new float[groups * n];
                for (int i = 0; i < scales.length; i++) scales[i] = (float) (1e-3 + 9e-3 * rnd.nextDouble());
                float[] zp = null;
                if (zeros) {
                    zp = new float[groups * n];
                    for (int i = 0; i < zp.length; i++) zp[i] = rnd.nextInt(1 << type.bits());
                }
                float[] a = new float[m * k];
                for (int i = 0; i < a.length; i++) a[i] = (float) (2 * rnd.nextDouble() - 1);
                QuantizedWeights w = new QuantizedWeights(type, k, n, group, packed, scales, zp);
                Map<String, Object> args = null;
                if (i8) {
                    QuantizedActivations q = QuantizedActivations.quantize(a, m, k);
                    for (int i = 0; i < a.length; i++) a[i] = (float) q.value(i / k, i % k);
                    if (launchArgs) args = work.launchArguments(q, w);
                } else if (launchArgs) {
                    args = work.launchArguments(a, m, w);
                }
                work.copies.add(new Operands(a, m, w, new float[m * n], args));
            }
            return work;
        } catch (RuntimeException | Error e) {
            work.close();
            throw e;
        }
    }

    /** Copies whose total exceeds {@code rotateBytes}, and at least two (no two consecutive calls share inputs). */
    public static int copiesFor(long bytesPerCall, long rotateBytes) {
        return (int) Math.max(2, rotateBytes / bytesPerCall + 1);
    }

    /** Number of copies. */
    public int copies() { return copies.size(); }

    /** Copy {@code i}. */
    public Operands operands(int i) { return copies.get(i); }

    /** Bytes one call moves at least ({@link Traffic#bytesPerCall}). */
    public long bytesPerCall() { return bytesPerCall; }

    /** Bytes of all copies' inputs. */
    public long totalBytes() { return bytesPerCall * copies.size(); }

    @Override
    public void close() { arena.close(); }

    private Map<String, Object> launchArguments(float[] a, int m, QuantizedWeights w) {
        return QuantizedMatmul.arguments(m, w, floats(a), w.packed(), floats(w.scales()),
                w.hasZeros() ? floats(w.zeros()) : null, arena.allocate((long) m * w.n() * 4, 64));
    }

    private Map<String, Object> launchArguments(QuantizedActivations q, QuantizedWeights w) {
        MemorySegment codes = arena.allocate(q.codes().length, 64);
        MemorySegment.copy(q.codes(), 0, codes, ValueLayout.JAVA_BYTE, 0, q.codes().length);
        Map<String, Object> args = QuantizedMatmul.arguments(q.m(), w, codes, w.packed(), floats(w.scales()),
                w.hasZeros() ? floats(w.zeros()) : null, arena.allocate((long) q.m() * w.n() * 4, 64));
        args.put(QuantizedMatmul.A_SCALES, floats(q.scales()));
        return args;
    }

    private MemorySegment floats(float[] v) {
        MemorySegment seg = arena.allocate((long) v.length * 4, 64);
        MemorySegment.copy(v, 0, seg, LE_F32, 0, v.length);
        return seg;
    }

    /** Random bytes, with the padding columns N..Npad-1 of every row cleared (the format's padding is code 0). */
    static void fillCodes(MemorySegment packed, int k, int n, int bits, SplittableRandom rnd) {
        int rowBytes = QuantizedWeights.rowBytes(n, bits);
        byte[] row = new byte[rowBytes];
        for (int r = 0; r < k; r++) {
            rnd.nextBytes(row);
            for (int bit = n * bits; bit < rowBytes * 8; bit++) row[bit >>> 3] &= (byte) ~(1 << (bit & 7));
            MemorySegment.copy(row, 0, packed, ValueLayout.JAVA_BYTE, (long) r * rowBytes, rowBytes);
        }
    }
}
