package org.tilevm.codegen.jvm;

import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.I32;

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
import org.tilevm.layout.Layouts;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Program;

/** transpose, reshape, squeeze, unsqueeze and assign move elements exactly as the interpreter does. */
class ShapeTest {
    static final int M = 21, N = 13;

    static Stream<DType> dtypes() {
        return Stream.of("u1", "i3", "u4", "f4e2m1", "u8", "f8e5m2", "f16", "bf16", "i16", "f32", "u32", "i64").map(DType::parse);
    }

    static Program program(DType t) {
        return Kernel.build("shapes_" + t.name(), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer x = k.pointer("x", t), tr = k.pointer("tr", t), rs = k.pointer("rs", t), sq = k.pointer("sq", t),
                    as = k.pointer("as", t);
            k.warps(1);
            k.grid(m.ceilDiv(16), n.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(16), c0 = k.blockIdx(1).times(8);
            RegisterTensor a = k.loadGlobal(k.globalView(x, m, n), Layouts.local(2, 1).spatial(8, 4).local(1, 2), r0, c0);
            k.storeGlobal(a.transpose(), k.globalView(tr, n, m), c0, r0);
            RegisterTensor r = a.reshape(32, 4);
            k.storeGlobal(r, k.globalView(rs, Scalar.i32(32 * 4), Scalar.i32(4)),
                    k.blockIdx(0).times(2).plus(k.blockIdx(1)).times(32), Scalar.i32(0));
            RegisterTensor row = k.reduce(a, 0, org.tilevm.spec.ir.ReduceOp.MAX, true);
            RegisterTensor s = row.squeeze(0).unsqueeze(0).unsqueeze(2).squeeze(2);
            k.storeGlobal(s, k.globalView(sq, Scalar.i32(2), n), k.blockIdx(0), c0);
            RegisterTensor b = k.registerTensor(t, a.layout(), 0L);
            k.assign(b, a);
            k.storeGlobal(b, k.globalView(as, m, n), r0, c0);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void shapeInstructionsMatchTheInterpreter(DType t) {
        Program p = program(t);
        Random rnd = new Random(6000 + t.hashCode());
        Differential.checkOk(p, args("m", M, "n", N), Map.of("x", Differential.random(rnd, t, M * N),
                "tr", Differential.random(rnd, t, M * N), "rs", Differential.random(rnd, t, 512),
                "sq", Differential.random(rnd, t, 2 * N), "as", Differential.random(rnd, t, M * N)));
    }
}
