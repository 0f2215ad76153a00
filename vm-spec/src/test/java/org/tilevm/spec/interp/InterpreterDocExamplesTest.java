package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Harness.in;
import static org.tilevm.spec.interp.Ir.*;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** The worked examples of vm-spec/SPEC.md (Part S) (those not checked by another named test). */
class InterpreterDocExamplesTest {
    private final ScalarEvaluator eval = new ScalarEvaluator(new Scope(null), new int[3]);

    private long intOf(BinaryOp op, DType t, long a, long b) {
        return eval.evalInt(new Expr.Binary(op, new Expr.IntConst(a, t), new Expr.IntConst(b, t)));
    }

    private double floatOf(BinaryOp op, DType t, double a, double b) {
        return eval.evalFloat(new Expr.Binary(op, new Expr.FloatConst(a, t), new Expr.FloatConst(b, t)));
    }

    @Test
    void ex3_1_integerArithmeticWraps() {
        assertEquals(-2147483648L, intOf(BinaryOp.ADD, DTypes.I32, 2147483647, 1));
        assertEquals(-3, intOf(BinaryOp.DIV, DTypes.I32, -7, 2));
        assertEquals(-1, intOf(BinaryOp.MOD, DTypes.I32, -7, 2));
        assertEquals(4, intOf(BinaryOp.ADD, DTypes.U8, 250, 10));
        assertEquals(2, intOf(BinaryOp.SHL, DTypes.I16, 1, 17));
        assertEquals(2, intOf(BinaryOp.SHL, DTypes.U3, 5, 4));
        assertEquals(100, intOf(BinaryOp.SHR, DTypes.U8, 200, 1));
        assertEquals(-64, intOf(BinaryOp.SHR, DTypes.I8, -128, 1));
        assertEquals(-128, eval.evalInt(new Expr.Unary(UnaryOp.ABS, new Expr.IntConst(-128, DTypes.I8))));
        InterpError e = assertThrows(InterpError.class, () -> intOf(BinaryOp.DIV, DTypes.I32, 5, 0));
        assertEquals("integer division by zero (i32 5 / 0)", e.getMessage());
    }

    @Test
    void ex3_2_floatArithmeticRoundsAfterEveryOperation() {
        assertEquals(Double.POSITIVE_INFINITY, floatOf(BinaryOp.MUL, DTypes.F16, 60000, 2));
        assertEquals(6.0, floatOf(BinaryOp.ADD, DTypes.F4E2M1, 6, 4));
        Expr big = new Expr.FloatConst(1e8, DTypes.F32);
        Expr sum = new Expr.Binary(BinaryOp.ADD, big, new Expr.FloatConst(1, DTypes.F32));
        assertEquals(0.0, eval.evalFloat(new Expr.Binary(BinaryOp.SUB, sum, big)));
        assertEquals(2048.0, floatOf(BinaryOp.ADD, DTypes.F16, 2048, 1));
    }

    /** Ex. S6.1: out-of-bounds elements load as 0 and are not stored (with a replicated [2, 4] layout). */
    @Test
    void ex6_1_outOfBoundsLoadsAndMaskedStores() {
        Param pg = Param.pointer("g", DTypes.I8), ph = Param.pointer("h", DTypes.I8);
        Param pu = Param.pointer("u", DTypes.I8), po = Param.pointer("o", DTypes.I8);
        TensorVar g = gmem("gg", DTypes.I8, 2, 3), h = gmem("gh", DTypes.I8, 2, 3);
        TensorVar u = gmem("gu", DTypes.I8, 2, 4), o = gmem("go", DTypes.I8, 2, 4);
        RegisterLayout l = Layouts.autoLocalSpatial(32, 2, 4); // 4 copies of every element
        TensorVar t = reg("t", DTypes.I8, l), v = reg("v", DTypes.I8, l);
        Program p = program(List.of(pg, ph, pu, po),
                ex(new GlobalView(g, pg)), ex(new GlobalView(h, ph)), ex(new GlobalView(u, pu)), ex(new GlobalView(o, po)),
                ex(new LoadGlobal(t, g, at(1, -1))), ex(new StoreGlobal(t, o, at(0, 0))),
                ex(new LoadGlobal(v, u, at(0, 0))), ex(new StoreGlobal(v, h, at(1, -1))));
        MemorySegment hs = segment(new long[] {9, 9, 9, 9, 9, 9}, 8), os = bytes(8, 81);
        interp().launch(p, args("g", segment(new long[] {1, 2, 3, 4, 5, 6}, 8), "h", hs,
                "u", segment(new long[] {10, 11, 12, 13, 14, 15, 16, 17}, 8), "o", os));
        assertArrayEquals(new long[] {0, 4, 5, 6, 0, 0, 0, 0}, codes(os, 8, 8));
        assertArrayEquals(new long[] {9, 9, 9, 11, 12, 13}, codes(hs, 6, 8));
    }

    @Test
    void ex6_1_tensorDivisionByZeroMessage() {
        RegisterLayout l = Layouts.spatial(4, 8);
        long[] a = new long[32], b = new long[32];
        Arrays.fill(a, -12 & 0xFFFF_FFFFL);
        Arrays.fill(b, 3);
        b[9] = 0;
        TensorVar o = reg("o", DTypes.I32, l);
        LaunchException e = assertThrows(LaunchException.class, () -> Harness.run(interp(), o,
                v -> new ElementwiseBinary(o, BinaryOp.DIV, v.get(0), v.get(1)), in("a", DTypes.I32, l, a), in("b", DTypes.I32, l, b)));
        assertEquals("k: body[5] binary: integer division by zero (i32 -12 / 0) (block (0, 0, 0))", e.getMessage());
    }

    @Test
    void ex6_4_reduceFoldsLeftInTheDtype() {
        RegisterLayout l = Layouts.autoLocalSpatial(32, 1, 4);
        long[] x = new long[4];
        float[] vals = {1e8f, 1f, -1e8f, 1f};
        for (int i = 0; i < 4; i++) x[i] = Float.floatToRawIntBits(vals[i]);
        TensorVar o = reg("o", DTypes.F32, l.reduce(new int[] {1}, false));
        long[] s = Harness.run(interp(), o, v -> new Reduce(o, v.get(0), 1, ReduceOp.SUM, false), in("x", DTypes.F32, l, x));
        assertEquals(1f, Float.intBitsToFloat((int) s[0]));
    }

    @Test
    void ex6_5_viewU8AsU4() {
        long[] src = new long[64];
        Random r = new Random(82);
        for (int i = 0; i < 64; i++) src[i] = r.nextInt(256);
        src[0] = 0x3A;
        src[1] = 0xC5;
        TensorVar o = reg("o", DTypes.U4, Layouts.local(1, 4).spatial(4, 8));
        long[] out = Harness.run(interp(), o, v -> new View(o, v.get(0)),
                in("a", DTypes.U8, Layouts.spatial(4, 8).local(1, 2), src));
        assertEquals(0xA, out[0]);
        assertEquals(0x3, out[8]);
        assertEquals(0x5, out[16]);
        assertEquals(0xC, out[24]);
    }

    @Test
    void ex6_6_viewU8AsU3StraddlingBytes() {
        long[] src = new long[96];
        Random r = new Random(83);
        for (int i = 0; i < 96; i++) src[i] = r.nextInt(256);
        src[0] = 0xB4;
        src[1] = 0x6D;
        src[2] = 0x01;
        TensorVar o = reg("o", DTypes.U3, Layouts.spatial(4, 8).local(1, 8));
        long[] out = Harness.run(interp(), o, v -> new View(o, v.get(0)),
                in("a", DTypes.U8, Layouts.spatial(4, 8).local(1, 3), src));
        assertArrayEquals(new long[] {4, 6, 6, 6, 6, 2, 0, 0}, Arrays.copyOf(out, 8));
    }
}
