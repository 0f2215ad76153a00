package org.tilevm.codegen.jvm;

import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.I32;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.ReduceOp;

/**
 * reduce (sum, max, min over either dimension, with and without keepdim) for every dtype, on a
 * plain and on a replicated layout: results folded in ascending order and rounded or wrapped at
 * every step must equal the interpreter's bits.
 */
class ReduceTest {
    static final int M = 21, N = 13;
    /** [16, 8] over 32 threads where every element is held by two threads. */
    static final RegisterLayout REPLICATED = Layouts.replicated(2, 2).spatial(4, 4).local(4, 2);

    static Stream<DType> dtypes() { return DTypes.all().stream(); }

    static Program program(DType t, RegisterLayout layout) {
        return Kernel.build("reduce_" + t.name(), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), nb = k.param("nb", I32), mb = k.param("mb", I32);
            Pointer x = k.pointer("x", t);
            Map<String, Pointer> outs = new LinkedHashMap<>();
            for (ReduceOp op : ReduceOp.values()) {
                for (int dim = 0; dim < 2; dim++) {
                    for (boolean keep : new boolean[] {true, false}) {
                        String name = op.name().toLowerCase() + dim + (keep ? "k" : "");
                        outs.put(name, k.pointer(name, t));
                    }
                }
            }
            k.warps(1);
            k.grid(m.ceilDiv(16), n.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(16), c0 = k.blockIdx(1).times(8);
            RegisterTensor a = k.loadGlobal(k.globalView(x, m, n), layout, r0, c0);
            for (ReduceOp op : ReduceOp.values()) {
                for (int dim = 0; dim < 2; dim++) {
                    for (boolean keep : new boolean[] {true, false}) {
                        String name = op.name().toLowerCase() + dim + (keep ? "k" : "");
                        RegisterTensor r = k.reduce(a, dim, op, keep);
                        if (!keep) r = r.unsqueeze(dim);
                        // one result row/column per block: [mb, n] for dim 0, [m, nb] for dim 1
                        GlobalTensor g = dim == 0 ? k.globalView(outs.get(name), mb, n) : k.globalView(outs.get(name), m, nb);
                        if (dim == 0) k.storeGlobal(r, g, k.blockIdx(0), c0);
                        else k.storeGlobal(r, g, r0, k.blockIdx(1));
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void reductionsMatchTheInterpreter(DType t) {
        for (RegisterLayout layout : new RegisterLayout[] {ElementwiseTest.TILE, REPLICATED}) {
            Program p = program(t, layout);
            Random rnd = new Random(3000 + t.hashCode());
            Map<String, byte[]> mem = new LinkedHashMap<>();
            for (var param : p.params()) {
                if (param.pointer()) mem.put(param.name(), Differential.random(rnd, t, M * N));
            }
            Differential.checkOk(p, args("m", M, "n", N, "nb", 2, "mb", 2), mem);
        }
    }
}
