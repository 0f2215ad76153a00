package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.codegen.jvm.CompiledProgram;
import org.tilevm.codegen.jvm.JvmCompiler;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * The CPU path: the kernel compiled to JVM bytecode (backend {@code jvm}) gives, for every weight
 * type of 1..8 bits with f16 and f32 activations (and the other k-tile paths of the catalog), bit
 * for bit the reference interpreter's result, on a ragged shape and on odd sizes.
 */
class QuantizedMatmulJvmTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (QMatmulConfig c : QMatmulConfig.catalog()) out.add(Arguments.of(c.weightType(), c.aType(), c.groupSize()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x {1}, G={2}")
    @MethodSource("cases")
    void jvmMatchesInterpreterBitForBit(DType wType, DType aType, int g) {
        compare(wType, aType, g, 19, 70, 72);
    }

    @ParameterizedTest(name = "{0} x {1}, G={2}, odd sizes")
    @MethodSource("oddCases")
    void oddSizesMatchToo(DType wType, DType aType, int g) {
        compare(wType, aType, g, 5, 61, 75);
    }

    static Stream<Arguments> oddCases() {
        return Stream.of(Arguments.of(DTypes.U4, DTypes.F16, 128), Arguments.of(DTypes.I3, DTypes.F32, 24),
                Arguments.of(DType.parse("f4e2m1"), DTypes.F16, 8), Arguments.of(DTypes.I8, DTypes.F16, 16),
                Arguments.of(DTypes.U2, DTypes.F32, 128));
    }

    /**
     * The CPU tiling (what the JVM backend runs by default) for every catalog configuration, with
     * M = 1 (bm = 1) and M = 3 (bm = 4: one row of the tile past M), on a ragged N and K.
     */
    @ParameterizedTest(name = "{0} x {1}, G={2}, CPU tiling")
    @MethodSource("cases")
    void cpuTilingMatchesInterpreterBitForBit(DType wType, DType aType, int g) {
        compare(Tiling.cpuFor(1, 70), wType, aType, g, 1, 70, 72);
        compare(Tiling.cpuFor(3, 61), wType, aType, g, 3, 61, 75);
    }

    @Test
    void cpuTilingWithSixteenRowsAndSeveralRowBlocks() {
        compare(Tiling.cpu(16, 128), DTypes.U4, DTypes.F32, 32, 35, 130, 96);
        compare(Tiling.cpu(2, 64), DTypes.I4, DTypes.F16, 128, 5, 64, 200);
    }

    /**
     * Whole 256-column tiles, so that the JVM backend runs the fused dequantize-and-multiply kernel
     * (asserted), for the k-tile paths with one group per tile, with and without zero points.
     */
    @Test
    void cpuTilingWithFusedTilesMatchesTheInterpreter() {
        for (var c : new QMatmulConfig[] {QMatmulConfig.of(DTypes.F32, DTypes.U4, 32, true),
                QMatmulConfig.of(DTypes.F16, DTypes.I4, 128, false), QMatmulConfig.of(DTypes.F32, DTypes.U3, 64, true),
                QMatmulConfig.of(DTypes.F32, DTypes.U2, 32, true)}) {
            var program = QuantizedMatmul.program(c.withTiling(Tiling.cpu(1, 256)));
            assertEquals(1, JvmCompiler.compile(program).fusedDots(), "fused chains of " + program.name());
            compare(Tiling.cpu(1, 256), c.weightType(), c.aType(), c.groupSize(), 1, 512, 160);
            compare(Tiling.cpu(2, 256), c.weightType(), c.aType(), c.groupSize(), 2, 256, 96);
            compare(Tiling.cpu(1, 1024), c.weightType(), c.aType(), c.groupSize(), 1, 2048, 64);
        }
        assertEquals(0, JvmCompiler.compile(QuantizedMatmul.program(QMatmulConfig.of(DTypes.F32, DTypes.U4, 32, true)))
                .fusedDots(), "the GPU tiling stages W through shared memory: nothing to fuse");
    }

    @Test
    void cpuTilingWidthFollowsTheShapeAndTheWorkers() {
        assertEquals(Tiling.cpu(1, 1024), Tiling.cpuFor(1, 4096, 2));   // 4 blocks for 2 workers
        assertEquals(Tiling.cpu(1, 256), Tiling.cpuFor(1, 4096, 16));   // 16 blocks: the narrowest wide tile
        assertEquals(Tiling.cpu(16, 512), Tiling.cpuFor(16, 4096, 4));  // 8 blocks for 4 workers
        assertEquals(Tiling.cpu(16, 1024), Tiling.cpuFor(64, 4096, 4)); // 4 row blocks x 4
        assertEquals(Tiling.cpu(4, 128), Tiling.cpuFor(3, 70, 2));      // narrow N: the narrowest power of two >= N
        assertEquals(Tiling.cpu(1, 64), Tiling.cpuFor(1, 10, 2));
        assertEquals(Tiling.cpu(1, 256), Tiling.cpuFor(1, 256, 8));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Tiling.cpu(3, 256));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Tiling.cpu(1, 96));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Tiling(false, 16, 128));
    }

    @Test
    void runPicksTheCpuTilingForCpuBackends() {
        var w = Quantizer.quantize(new float[] {1, -2, 3, -4, 5, -6, 7, -8, 0.5f, 0.25f, -1, 2, 3, 4, 5, 6}, 2, 8, DTypes.U4, 2);
        var jvm = org.tilevm.spec.backend.Backends.named("jvm");
        assertEquals(1, QuantizedMatmul.configFor(jvm, DTypes.F32, w, 1).tiling().bm());
        assertEquals(8, QuantizedMatmul.configFor(jvm, DTypes.F32, w, 5).tiling().bm());
        assertEquals(16, QuantizedMatmul.configFor(jvm, DTypes.F32, w, 40).tiling().bm());
        assertTrue(QuantizedMatmul.configFor(jvm, DTypes.F32, w, 1).tiling().cpu());
        assertEquals(Tiling.GPU, QuantizedMatmul.configFor(org.tilevm.spec.backend.Backends.named("sim"), DTypes.F32, w, 1).tiling());
    }

    private static void compare(DType wType, DType aType, int g, int m, int n, int k) {
        compare(Tiling.GPU, wType, aType, g, m, n, k);
    }

    private static void compare(Tiling tiling, DType wType, DType aType, int g, int m, int n, int k) {
        var o = BackendComparison.assertBitIdentical("jvm", tiling, 37L * wType.hashCode() + aType.hashCode() + g, wType, aType, g, m, n, k);
        assertTrue(QuantizedMatmul.relativeError(o.got(), QuantizedMatmul.reference(o.a(), aType, m, o.weights()))
                <= QuantizedMatmul.tolerance(aType, k), "within the stated tolerance of the float64 reference");
    }

    /** Reports (does not assert) the compile time of the W4 kernel; the goal is under 200 ms. */
    @Test
    void reportCompileTime() {
        CompiledProgram first = JvmCompiler.compile(QuantizedMatmul.program(QMatmulConfig.of(DTypes.F16, DTypes.U4, 128, true)));
        CompiledProgram second = JvmCompiler.compile(QuantizedMatmul.program(QMatmulConfig.of(DTypes.F32, DTypes.U4, 32, false)));
        System.out.printf("JVM backend compile time: qmatmul f16 x u4 g128 %.1f ms, f32 x u4 g32 %.1f ms, "
                + "%d bytes of bytecode%n", first.compileNanos() / 1e6, second.compileNanos() / 1e6, first.bytecode().length);
        assertTrue(first.bytecode().length > 0);
    }
}
