package org.tilevm.codegen.jvm;

import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.I32;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

/**
 * cast between every pair of dtypes (52 x 51): one program per source type converts random codes
 * (every bit pattern, including NaN and infinities) to every other type.
 */
class CastTest {
    static final int M = 40, N = 13;

    static Stream<DType> dtypes() { return DTypes.all().stream(); }

    static Program program(DType from) {
        return Kernel.build("cast_" + from.name(), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer x = k.pointer("x", from);
            Map<DType, Pointer> outs = new LinkedHashMap<>();
            for (DType to : DTypes.all()) if (!to.equals(from)) outs.put(to, k.pointer("y_" + to.name(), to));
            k.warps(1);
            k.grid(m.ceilDiv(16), n.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(16), c0 = k.blockIdx(1).times(8);
            RegisterTensor a = k.loadGlobal(k.globalView(x, m, n), ElementwiseTest.TILE, r0, c0);
            outs.forEach((to, p) -> k.storeGlobal(a.cast(to), k.globalView(p, m, n), r0, c0));
        });
    }

    @ParameterizedTest(name = "from {0}")
    @MethodSource("dtypes")
    void castsToEveryTypeMatchTheInterpreter(DType from) {
        Program p = program(from);
        Random rnd = new Random(2000 + from.hashCode());
        Map<String, byte[]> mem = new LinkedHashMap<>();
        for (var param : p.params()) {
            if (param.pointer()) mem.put(param.name(), Differential.random(rnd, param.dtype(), M * N));
        }
        Differential.checkOk(p, args("m", M, "n", N), mem);
    }
}
