package org.tilevm.stdlib.quant;


import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * The GPU path without a GPU: the kernel lowered to the thread-level program (cp.async,
 * ldmatrix, mma.sync, lop3/prmt casts) and run on the SIMT simulator gives, for every weight type
 * and both activation types, bit for bit the reference interpreter's result (the simulator's mma
 * accumulates in the interpreter's order; on hardware the order differs and results agree within
 * the tolerance).
 */
class QuantizedMatmulSimTest {

    /** Every kernel of the catalog (all weight types x f16/f32; the BK 32/16/8 and straddling-group paths). */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (QMatmulConfig c : QMatmulConfig.catalog()) out.add(Arguments.of(c.weightType(), c.aType(), c.groupSize()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x {1}, G={2}")
    @MethodSource("cases")
    void simulatorMatchesInterpreterBitForBit(DType wType, DType aType, int g) {
        compare(wType, aType, g, 19, 70, 72);
    }

    /** Odd sizes: no vector accesses or cp.async of A can be proven aligned; masks everywhere. */
    @ParameterizedTest(name = "{0} x {1}, G={2}, odd sizes")
    @MethodSource("oddCases")
    void oddSizesTakeTheElementwisePaths(DType wType, DType aType, int g) {
        compare(wType, aType, g, 5, 61, 75);
    }

    static Stream<Arguments> oddCases() {
        return Stream.of(Arguments.of(DTypes.U4, DTypes.F16, 128), Arguments.of(DTypes.I3, DTypes.F32, 24),
                Arguments.of(DType.parse("f4e2m1"), DTypes.F16, 8), Arguments.of(DTypes.I8, DTypes.F16, 16));
    }

    private static void compare(DType wType, DType aType, int g, int m, int n, int k) {
        BackendComparison.assertBitIdentical("sim", 31L * wType.hashCode() + aType.hashCode() + g, wType, aType, g, m, n, k);
    }
}
