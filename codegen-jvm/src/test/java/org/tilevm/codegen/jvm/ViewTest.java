package org.tilevm.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.I32;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * view: each thread's register bits reinterpreted with another dtype and layout, for every low-bit
 * type to and from bytes and to other odd widths (codes straddle registers), for the 16/32/64-bit
 * types (f32 bits, f16/bf16, i64 halves), and with replicated results (equal copies pass, unequal
 * copies fail with the interpreter's message).
 */
class ViewTest {
    static final int M = 13;

    /** (from, to, registers per thread of the source, of the result): n1 * bits(from) == n2 * bits(to). */
    static Stream<Arguments> views() {
        List<Arguments> out = new ArrayList<>();
        DType u8 = DTypes.U8;
        for (DType t : DTypes.allLowBit()) {
            int b = t.bits();
            out.add(Arguments.of(u8, t, b, 8));
            out.add(Arguments.of(t, u8, 8, b));
            DType odd = b == 5 ? DTypes.U3 : DType.parse("i5");
            int g = gcd(b, odd.bits());
            out.add(Arguments.of(t, odd, odd.bits() / g, b / g));
        }
        String[][] wide = {{"f32", "i32", "1", "1"}, {"f32", "u32", "2", "2"}, {"u32", "f32", "1", "1"}, {"f32", "u8", "1", "4"},
                {"u8", "f32", "4", "1"}, {"f16", "i16", "2", "2"}, {"bf16", "f16", "1", "1"}, {"f32", "f16", "1", "2"},
                {"f16", "f32", "2", "1"}, {"i64", "i32", "1", "2"}, {"i32", "i64", "2", "1"}, {"i64", "u4", "1", "16"},
                {"u4", "i64", "16", "1"}, {"f32", "i64", "2", "1"}, {"i64", "f16", "1", "4"}, {"f16", "u4", "1", "4"},
                {"bf16", "u3", "3", "16"}};
        for (String[] w : wide) {
            out.add(Arguments.of(DType.parse(w[0]), DType.parse(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3])));
        }
        return out.stream();
    }

    private static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

    static Program program(DType from, DType to, RegisterLayout src, RegisterLayout out) {
        return Kernel.build("view", k -> {
            ScalarParam m = k.param("m", I32), nx = k.param("nx", I32), ny = k.param("ny", I32);
            Pointer x = k.pointer("x", from), y = k.pointer("y", to);
            k.warps(1);
            k.grid(m.ceilDiv(src.shape()[0]), Scalar.i32(2));
            Scalar r0 = k.blockIdx(0).times(src.shape()[0]);
            RegisterTensor a = k.loadGlobal(k.globalView(x, m, nx), src, r0, k.blockIdx(1).times(src.shape()[1]));
            RegisterTensor v = k.view(a, to, out);
            k.storeGlobal(v, k.globalView(y, m, ny), r0, k.blockIdx(1).times(out.shape()[1]));
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("views")
    void viewsMatchTheInterpreter(DType from, DType to, int n1, int n2) {
        RegisterLayout src = Layouts.spatial(8, 4).local(1, n1), out = Layouts.spatial(8, 4).local(1, n2);
        Program p = program(from, to, src, out);
        int nx = 2 * src.shape()[1] - 3, ny = 2 * out.shape()[1] - 1; // the second column of blocks is ragged
        Random rnd = new Random(5000 + from.hashCode() * 31 + to.hashCode());
        Differential.checkOk(p, args("m", M, "nx", nx, "ny", ny),
                Map.of("x", Differential.random(rnd, from, M * nx), "y", Differential.random(rnd, to, M * ny)));
    }

    /** Replicated source and result layouts: every copy of a result element comes out with the same bits. */
    @Test
    void replicatedCopiesThatAgreePass() {
        RegisterLayout src = Layouts.replicated(2, 2).spatial(4, 4).local(1, 4);
        RegisterLayout out = Layouts.replicated(2, 2).spatial(4, 4).local(1, 8);
        Program p = program(DTypes.U8, DTypes.U4, src, out);
        Random rnd = new Random(51);
        Differential.checkOk(p, args("m", M, "nx", 27, "ny", 61),
                Map.of("x", Differential.random(rnd, DTypes.U8, M * 27), "y", Differential.random(rnd, DTypes.U4, M * 61)));
    }

    /** A result layout that replicates elements the source holds differently: both backends fail alike. */
    @Test
    void replicatedCopiesThatDifferFail() {
        RegisterLayout src = Layouts.spatial(8, 4).local(1, 4);
        RegisterLayout out = Layouts.replicated(2, 2).spatial(4, 4).local(1, 8);
        Program p = program(DTypes.U8, DTypes.U4, src, out);
        Random rnd = new Random(52);
        Differential.Outcome o = Differential.check(p, args("m", M, "nx", 27, "ny", 61),
                Map.of("x", Differential.random(rnd, DTypes.U8, M * 27), "y", Differential.random(rnd, DTypes.U4, M * 61)));
        assertNotNull(o.error());
        assertTrue(o.error().contains("but its layout replicates the element"), o.error());
    }
}
