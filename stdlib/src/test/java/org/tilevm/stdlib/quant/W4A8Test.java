package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * W4A8: i8 activations quantized per row, integer weights of 1..8 bits, integer dot products. The
 * JVM backend matches the interpreter bit for bit, and both stay within the f32 tolerance of the
 * float64 reference over the quantized activations.
 */
class W4A8Test {

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of("u4", 32), Arguments.of("i4", 128), Arguments.of("u4", 128), Arguments.of("u2", 32),
                Arguments.of("u3", 64), Arguments.of("i8", 32), Arguments.of("u8", 32), Arguments.of("u1", 16));
    }

    @ParameterizedTest(name = "{0}, G={1}")
    @MethodSource("cases")
    void jvmMatchesInterpreterAndTheReference(String type, int g) {
        DType t = DType.parse(type);
        for (int[] mnk : new int[][] {{1, 256, 96}, {3, 70, 72}, {17, 64, 40}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            var o = BackendComparison.assertBitIdentical("jvm", Tiling.cpuFor(m, n, 2), 71L * t.hashCode() + g + m, t, DTypes.I8, g, m, n, k);
            double err = QuantizedMatmul.relativeError(o.got(), QuantizedMatmul.reference(o.a(), DTypes.I8, m, o.weights()));
            assertTrue(err <= QuantizedMatmul.tolerance(DTypes.I8, k), type + " M=" + m + ": error " + err);
        }
    }

    @Test
    void theJvmBackendFusesTheIntegerChain() {
        for (var c : new QMatmulConfig[] {QMatmulConfig.of(DTypes.I8, DTypes.U4, 32, true), QMatmulConfig.of(DTypes.I8, DTypes.I4, 128, false)}) {
            var p = QuantizedMatmul.program(c.withTiling(Tiling.cpu(1, 1024)));
            assertEquals(1, org.tilevm.codegen.jvm.JvmCompiler.compile(p).fusedDots(), "fused chains of " + p.name());
        }
        // whole fused tiles, M = 1 and M = 5
        var o = BackendComparison.assertBitIdentical("jvm", Tiling.cpu(1, 256), 11, DTypes.U4, DTypes.I8, 32, 1, 512, 128);
        assertTrue(QuantizedMatmul.relativeError(o.got(), QuantizedMatmul.reference(o.a(), DTypes.I8, 1, o.weights()))
                <= QuantizedMatmul.tolerance(DTypes.I8, 128));
        BackendComparison.assertBitIdentical("jvm", Tiling.cpu(8, 256), 12, DTypes.I4, DTypes.I8, 64, 5, 256, 128);
    }

    @Test
    void activationsQuantizePerRow() {
        QuantizedActivations q = QuantizedActivations.quantize(new float[] {1f, -2f, 0.5f, 0f, 0f, 0f}, 2, 3);
        assertEquals(2f / 127f, q.scales()[0]);
        assertEquals(1f, q.scales()[1], "an all-zero row gets scale 1");
        assertEquals(-127, q.codes()[1]);
        assertEquals(64, q.codes()[0]);  // 1 / (2/127) = 63.5 -> 64 (ties to even)
        assertEquals(32, q.codes()[2]);  // 31.75 -> 32
        assertEquals(0, q.codes()[4]);
        assertThrows(IllegalArgumentException.class, () -> QuantizedActivations.quantize(new float[] {Float.NaN}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuantizedActivations(1, 1, new byte[1], new float[] {0f}));
    }

    @Test
    void unsupportedCombinationsFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> QMatmulConfig.of(DTypes.I8, DType.parse("f4e2m1"), 32, false));
        assertTrue(e.getMessage().contains("integer weights"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QMatmulConfig.of(DTypes.I8, DTypes.U4, 20, true));
        assertTrue(e.getMessage().contains("multiple of 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuantizedMatmul.program(QMatmulConfig.of(DTypes.I8, DTypes.U4, 32, true)));
        assertTrue(e.getMessage().contains("CPU program only"), e.getMessage());
        var w = Quantizer.quantize(new float[] {1, -2, 3, -4, 5, -6, 7, -8}, 1, 8, DTypes.U4, 8);
        e = assertThrows(IllegalArgumentException.class, () -> QuantizedMatmul.configFor(Backends.named("sim"), DTypes.I8, w, 1));
        assertTrue(e.getMessage().contains("CPU program only"), e.getMessage());
        var fractional = QuantizedWeights.fromCodes(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 8, DTypes.U4, 8,
                new float[] {1, 1, 1, 1, 1, 1, 1, 1}, new float[] {0.5f, 0, 0, 0, 0, 0, 0, 0});
        e = assertThrows(IllegalArgumentException.class,
                () -> QuantizedMatmul.run(Backends.named("jvm"), new float[] {1}, DTypes.I8, 1, fractional));
        assertTrue(e.getMessage().contains("integer zero points"), e.getMessage());
        var large = QuantizedWeights.fromCodes(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 8, DTypes.U4, 8,
                new float[] {1, 1, 1, 1, 1, 1, 1, 1}, new float[] {0, 0, 0, 256, 0, 0, 0, 0});
        e = assertThrows(IllegalArgumentException.class,
                () -> QuantizedMatmul.run(Backends.named("jvm"), new float[] {1}, DTypes.I8, 1, large));
        assertEquals("quantized matmul: i8 activations (W4A8) need integer zero points in [-255, 255]; zeros[0, 3] = 256.0",
                e.getMessage());
    }

    /** The W4A8 result is close to the f32-activation result (the activations' quantization error only). */
    @Test
    void closeToTheF32Result() {
        Random rnd = new Random(5);
        int m = 2, n = 128, k = 256;
        float[] a = new float[m * k], wv = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        for (int i = 0; i < wv.length; i++) wv[i] = (float) rnd.nextGaussian();
        var w = Quantizer.quantize(wv, k, n, DTypes.U4, 32);
        float[] c8 = QuantizedMatmul.run(Backends.named("jvm"), a, DTypes.I8, m, w);
        float[] c32 = QuantizedMatmul.run(Backends.named("jvm"), a, DTypes.F32, m, w);
        double err = 0, max = 0;
        for (int i = 0; i < c8.length; i++) {
            err = Math.max(err, Math.abs(c8[i] - c32[i]));
            max = Math.max(max, Math.abs(c32[i]));
        }
        assertTrue(err / max < 0.02, "W4A8 vs f32 activations: relative difference " + err / max);
        assertTrue(err > 0, "i8 activations must differ somewhat from f32 ones");
    }
}
