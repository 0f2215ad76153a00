package org.tilevm.codegen.jvm;

import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.F32;
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

/**
 * dot for every operand dtype, with an f32 accumulator, with the operand type itself as the
 * accumulator (f16/bf16/low-bit floats round every product and sum; integers wrap), and with an
 * i32 accumulator for integer operands: a ragged C[21, 13] = A[21, 37] x B[37, 13] + C0 in 16x8
 * tiles with a loop over k-tiles of 16, operands in the mma fragment layouts.
 */
class DotTest {
    static final int M = 21, N = 13, K = 37;
    static final RegisterLayout A = Layouts.columnLocal(2, 2).spatial(8, 4).local(1, 2);   // [16, 16]
    static final RegisterLayout B = Layouts.local(2, 1).columnSpatial(4, 8).local(2, 1);   // [16, 8]
    static final RegisterLayout C = Layouts.local(2, 1).spatial(8, 4).local(1, 2);         // [16, 8]

    static Stream<DType> dtypes() { return DTypes.all().stream(); }

    static Program program(DType t, DType[] accs) {
        return Kernel.build("dot_" + t.name(), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), kk = k.param("k", I32);
            Pointer a = k.pointer("a", t), b = k.pointer("b", t);
            Pointer[] c = new Pointer[accs.length], out = new Pointer[accs.length];
            for (int i = 0; i < accs.length; i++) {
                c[i] = k.pointer("c" + i, accs[i]);
                out[i] = k.pointer("out" + i, accs[i]);
            }
            k.warps(1);
            k.grid(m.ceilDiv(16), n.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(16), c0 = k.blockIdx(1).times(8);
            GlobalTensor ga = k.globalView(a, m, kk), gb = k.globalView(b, kk, n);
            RegisterTensor[] acc = new RegisterTensor[accs.length];
            for (int i = 0; i < accs.length; i++) acc[i] = k.loadGlobal(k.globalView(c[i], m, n), C, r0, c0);
            k.forRange("kt", kk.ceilDiv(16), kt -> {
                RegisterTensor ta = k.loadGlobal(ga, A, r0, kt.times(16));
                RegisterTensor tb = k.loadGlobal(gb, B, kt.times(16), c0);
                for (int i = 0; i < accs.length; i++) k.dot(ta, tb, acc[i], acc[i]);
            });
            for (int i = 0; i < accs.length; i++) k.storeGlobal(acc[i], k.globalView(out[i], m, n), r0, c0);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void productsMatchTheInterpreter(DType t) {
        DType[] accs = t.isInteger() ? new DType[] {F32, t, I32} : new DType[] {F32, t};
        if (t.equals(F32)) accs = new DType[] {F32};
        Program p = program(t, accs);
        Random rnd = new Random(4000 + t.hashCode());
        Map<String, byte[]> mem = new LinkedHashMap<>();
        mem.put("a", Differential.random(rnd, t, M * K));
        mem.put("b", Differential.random(rnd, t, K * N));
        for (int i = 0; i < accs.length; i++) {
            mem.put("c" + i, Differential.random(rnd, accs[i], M * N));
            mem.put("out" + i, Differential.random(rnd, accs[i], M * N));
        }
        Differential.checkOk(p, args("m", M, "n", N, "k", K), mem);
    }

    /** Moderate values (no NaN everywhere): f16 x f16 + f32 and f16 accumulators over a longer k. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("halfTypes")
    void finiteHalfProductsMatchTheInterpreter(DType t) {
        Program p = program(t, new DType[] {F32, t});
        Random rnd = new Random(41 + t.hashCode());
        int kk = 150;
        Map<String, byte[]> mem = new LinkedHashMap<>();
        mem.put("a", values(rnd, t, M * kk));
        mem.put("b", values(rnd, t, kk * N));
        mem.put("c0", values(rnd, F32, M * N));
        mem.put("out0", values(rnd, F32, M * N));
        mem.put("c1", values(rnd, t, M * N));
        mem.put("out1", values(rnd, t, M * N));
        Differential.checkOk(p, args("m", M, "n", N, "k", kk), mem);
    }

    static Stream<DType> halfTypes() { return Stream.of(DTypes.F16, DTypes.BF16, DType.parse("f8e4m3"), DType.parse("f4e2m1")); }

    /** Codes of normally distributed values. */
    static byte[] values(Random rnd, DType t, int count) {
        long[] c = new long[count];
        for (int i = 0; i < count; i++) c[i] = t.encode(rnd.nextGaussian());
        return org.tilevm.spec.dtype.BitPacking.pack(c, t.bits());
    }
}
