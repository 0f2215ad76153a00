package org.tilevm.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tilevm.spec.dtype.DType;
import org.tilevm.stdlib.quant.QMatmulConfig;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * Copies of random quantized-matmul inputs that together exceed a byte budget, for timing: launch
 * i uses copy {@code i mod copies}, so the weights come from DRAM rather than a cache.
 *
 * @param argSets     launch arguments of each copy (host segments of the arena)
 * @param bytesPerSet the bytes one launch must move (weights, scales, zero points, A, C)
 */
record RotatedInputs(List<Map<String, Object>> argSets, long bytesPerSet) {

    static RotatedInputs qmatmul(Arena arena, QMatmulConfig c, int m, int n, int k, long budgetBytes, long seed) {
        Random rnd = new Random(seed);
        DType aType = c.aType();
        long perSet = QuantizedMatmul.bytesMoved(aType, m, randomWeights(arena, c, k, n, rnd, true));
        int sets = (int) Math.max(1, Math.min(64, (budgetBytes + perSet - 1) / perSet));
        List<Map<String, Object>> argSets = new ArrayList<>();
        for (int s = 0; s < sets; s++) {
            QuantizedWeights w = randomWeights(arena, c, k, n, rnd, false);
            float[] a = new float[m * k];
            for (int i = 0; i < a.length; i++) {
                double v = rnd.nextDouble() * 2 - 1; // i8: quantized per row by hostArguments
                a[i] = aType.isFloat() ? (float) aType.decode(aType.encode(v)) : (float) v;
            }
            argSets.add(QuantizedMatmul.hostArguments(arena, a, aType, m, w));
        }
        return new RotatedInputs(List.copyOf(argSets), perSet);
    }

    int copies() { return argSets.size(); }

    /** Random codes (all bytes uniform), scales in [0.5, 1.5), zero points in [0, 2^bits) when the config has them. */
    static QuantizedWeights randomWeights(Arena arena, QMatmulConfig c, int k, int n, Random rnd, boolean sizeOnly) {
        DType type = c.weightType();
        long bytes = QuantizedWeights.packedBytes(k, n, type.bits());
        MemorySegment packed = arena.allocate(bytes, 16);
        if (!sizeOnly) {
            for (long i = 0; i + 8 <= bytes; i += 8) packed.set(ValueLayout.JAVA_LONG_UNALIGNED, i, rnd.nextLong());
            for (long i = bytes / 8 * 8; i < bytes; i++) packed.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
        }
        int g = QuantizedWeights.groups(k, c.groupSize());
        float[] scales = new float[g * n];
        float[] z = c.hasZeros() ? new float[g * n] : null;
        if (!sizeOnly) {
            for (int i = 0; i < scales.length; i++) scales[i] = 0.5f + rnd.nextFloat();
            if (z != null) for (int i = 0; i < z.length; i++) z[i] = rnd.nextInt(1 << type.bits());
        }
        return new QuantizedWeights(type, k, n, c.groupSize(), packed, scales, z);
    }
}
