package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Harness.in;
import static org.tilevm.spec.interp.Ir.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Elementwise instructions, checked against independent Java arithmetic. */
class ElementwiseTest {
    static final RegisterLayout L = Layouts.local(2, 1).spatial(4, 8).local(1, 2); // [8, 16], 4 per thread

    static long[] bin(BinaryOp op, DType t, long[] a, long[] b) {
        DType od = op.isComparison() ? DTypes.BOOL : t;
        return Harness.run(interp(), reg("o", od, L), v -> new ElementwiseBinary(reg("o", od, L), op, v.get(0), v.get(1)),
                in("a", t, L, a), in("b", t, L, b));
    }

    @Test
    void i8ArithmeticWraps() {
        Random r = new Random(11);
        long[] a = randomCodes(r, DTypes.I8, 128), b = randomCodes(r, DTypes.I8, 128);
        long[] add = bin(BinaryOp.ADD, DTypes.I8, a, b), mul = bin(BinaryOp.MUL, DTypes.I8, a, b);
        long[] sub = bin(BinaryOp.SUB, DTypes.I8, a, b);
        for (int i = 0; i < 128; i++) {
            byte x = (byte) a[i], y = (byte) b[i];
            assertEquals((byte) (x + y) & 0xFF, add[i]);
            assertEquals((byte) (x - y) & 0xFF, sub[i]);
            assertEquals((byte) (x * y) & 0xFF, mul[i]);
        }
    }

    @Test
    void i32WrapsAt32Bits() {
        long[] a = new long[128], b = new long[128];
        java.util.Arrays.fill(a, 0x7FFF_FFFFL);
        Random r = new Random(12);
        for (int i = 0; i < 128; i++) b[i] = r.nextInt(1000) + 1;
        long[] add = bin(BinaryOp.ADD, DTypes.I32, a, b);
        for (int i = 0; i < 128; i++) assertEquals((Integer.MAX_VALUE + (int) b[i]) & 0xFFFF_FFFFL, add[i]);
    }

    @Test
    void integerDivisionTruncatesAndShiftsMaskTheCount() {
        Random r = new Random(13);
        long[] a = randomCodes(r, DTypes.I16, 128), b = new long[128];
        for (int i = 0; i < 128; i++) {
            int v = r.nextInt(41) - 20;
            b[i] = (v == 0 ? 7 : v) & 0xFFFF;
        }
        long[] div = bin(BinaryOp.DIV, DTypes.I16, a, b), mod = bin(BinaryOp.MOD, DTypes.I16, a, b);
        long[] shl = bin(BinaryOp.SHL, DTypes.I16, a, b), shr = bin(BinaryOp.SHR, DTypes.I16, a, b);
        for (int i = 0; i < 128; i++) {
            short x = (short) a[i], y = (short) b[i];
            assertEquals((short) (x / y) & 0xFFFF, div[i], x + " / " + y);
            assertEquals((short) (x % y) & 0xFFFF, mod[i], x + " % " + y);
            int count = Math.floorMod(y, 16);
            assertEquals((short) (x << count) & 0xFFFF, shl[i], x + " << " + y);
            assertEquals((short) (x >> count) & 0xFFFF, shr[i], x + " >> " + y);
        }
        // u3: the count is taken modulo 3; right shift is logical
        long[] a3 = randomCodes(r, DTypes.U3, 128), b3 = randomCodes(r, DTypes.U3, 128);
        long[] shl3 = bin(BinaryOp.SHL, DTypes.U3, a3, b3), shr3 = bin(BinaryOp.SHR, DTypes.U3, a3, b3);
        for (int i = 0; i < 128; i++) {
            assertEquals((a3[i] << (b3[i] % 3)) & 7, shl3[i]);
            assertEquals(a3[i] >> (b3[i] % 3), shr3[i]);
        }
    }

    @Test
    void f16AndBf16RoundAfterEachOp() {
        Random r = new Random(14);
        long[] a = randomFloats(r, DTypes.F16, 128, 100), b = randomFloats(r, DTypes.F16, 128, 100);
        long[] mul = bin(BinaryOp.MUL, DTypes.F16, a, b), div = bin(BinaryOp.DIV, DTypes.F16, a, b);
        for (int i = 0; i < 128; i++) {
            float x = Float.float16ToFloat((short) a[i]), y = Float.float16ToFloat((short) b[i]);
            // x*y is exact in float, so one rounding to f16 is the reference
            assertEquals(Float.floatToFloat16(x * y) & 0xFFFF, mul[i], x + " * " + y);
            assertEquals(RefRound.f16(x / (double) y), div[i], x + " / " + y);
        }
        long[] ab = randomFloats(r, DTypes.BF16, 128, 10), bb = randomFloats(r, DTypes.BF16, 128, 10);
        long[] add = bin(BinaryOp.ADD, DTypes.BF16, ab, bb);
        for (int i = 0; i < 128; i++) {
            double x = Float.intBitsToFloat((int) ab[i] << 16), y = Float.intBitsToFloat((int) bb[i] << 16);
            assertEquals(RefRound.bf16(x + y), add[i], x + " + " + y);
        }
    }

    @Test
    void f16OverflowGivesInfinityAndF4SaturatesInArithmetic() {
        long[] a = new long[128], b = new long[128];
        java.util.Arrays.fill(a, Float.floatToFloat16(60000f) & 0xFFFF);
        java.util.Arrays.fill(b, Float.floatToFloat16(2f) & 0xFFFF);
        long[] mul = bin(BinaryOp.MUL, DTypes.F16, a, b);
        assertEquals(0x7C00, mul[0]); // +inf
        long[] a4 = new long[128], b4 = new long[128];
        java.util.Arrays.fill(a4, DTypes.F4E2M1.encode(6.0));
        java.util.Arrays.fill(b4, DTypes.F4E2M1.encode(4.0));
        long[] sum4 = bin(BinaryOp.ADD, DTypes.F4E2M1, a4, b4);
        assertEquals(6.0, DTypes.F4E2M1.decode(sum4[5])); // 10 saturates to max 6
    }

    @Test
    void comparisonsGiveU1AndWhereSelects() {
        Random r = new Random(15);
        long[] a = randomFloats(r, DTypes.F32, 128, 1), b = randomFloats(r, DTypes.F32, 128, 1);
        long[] lt = bin(BinaryOp.LT, DTypes.F32, a, b);
        for (int i = 0; i < 128; i++) {
            assertEquals(Float.intBitsToFloat((int) a[i]) < Float.intBitsToFloat((int) b[i]) ? 1 : 0, lt[i]);
        }
        TensorVar o = reg("o", DTypes.F32, L);
        long[] w = Harness.run(interp(), o, v -> new Where(o, v.get(0), v.get(1), v.get(2)),
                in("c", DTypes.BOOL, L, lt), in("a", DTypes.F32, L, a), in("b", DTypes.F32, L, b));
        for (int i = 0; i < 128; i++) assertEquals(lt[i] != 0 ? a[i] : b[i], w[i]); // = min(a, b)
    }

    @Test
    void broadcastingAlongSize1Dimensions() {
        RegisterLayout row = Layouts.replicated(4, 2).spatial(1, 8).local(1, 2); // [1, 16], 4 copies of each
        RegisterLayout col = Layouts.local(2, 1).spatial(4, 1).replicated(8);    // [8, 1]
        Random r = new Random(16);
        long[] a = randomCodes(r, DTypes.I32, 16), b = randomCodes(r, DTypes.I32, 8);
        TensorVar o = reg("o", DTypes.I32, L);
        long[] sum = Harness.run(interp(), o, v -> new ElementwiseBinary(o, BinaryOp.ADD, v.get(0), v.get(1)),
                in("a", DTypes.I32, row, a), in("b", DTypes.I32, col, b));
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 16; j++) assertEquals(((int) a[j] + (int) b[i]) & 0xFFFF_FFFFL, sum[i * 16 + j]);
        }
    }

    @Test
    void unaryOpsScalarOperandAndCast() {
        Random r = new Random(17);
        long[] a = randomFloats(r, DTypes.F32, 128, 4);
        TensorVar o = reg("o", DTypes.F32, L);
        long[] neg = Harness.run(interp(), o, v -> new ElementwiseUnary(o, UnaryOp.NEG, v.get(0)), in("a", DTypes.F32, L, a));
        long[] sq = Harness.run(interp(), o, v -> new ElementwiseUnary(o, UnaryOp.SQRT, v.get(0)), in("a", DTypes.F32, L, a));
        long[] sc = Harness.run(interp(), o,
                v -> new ElementwiseScalar(o, BinaryOp.MUL, v.get(0), new Expr.FloatConst(0.1, DTypes.F32)),
                in("a", DTypes.F32, L, a));
        TensorVar c = reg("c", DTypes.F8E4M3, L);
        long[] cast = Harness.run(interp(), c, v -> new Cast(c, v.get(0)), in("a", DTypes.F32, L, a));
        for (int i = 0; i < 128; i++) {
            float x = Float.intBitsToFloat((int) a[i]);
            assertEquals(Float.floatToRawIntBits(-x) & 0xFFFF_FFFFL, neg[i]);
            float s = (float) Math.sqrt(x);
            // NaN results are the canonical quiet NaN (0x7FC00000), whatever the sign of the input
            assertEquals(Float.isNaN(s) ? 0x7FC0_0000L : Float.floatToRawIntBits(s) & 0xFFFF_FFFFL, sq[i], "sqrt " + x);
            assertEquals(Float.floatToRawIntBits(x * 0.1f) & 0xFFFF_FFFFL, sc[i]);
            assertEquals(DTypes.F8E4M3.encode((double) x), cast[i]);
        }
        long[] ai = randomCodes(r, DTypes.I8, 128);
        TensorVar oi = reg("o", DTypes.I8, L);
        long[] abs = Harness.run(interp(), oi, v -> new ElementwiseUnary(oi, UnaryOp.ABS, v.get(0)), in("a", DTypes.I8, L, ai));
        long[] not = Harness.run(interp(), oi, v -> new ElementwiseUnary(oi, UnaryOp.BIT_NOT, v.get(0)), in("a", DTypes.I8, L, ai));
        for (int i = 0; i < 128; i++) {
            assertEquals((byte) Math.abs((byte) ai[i]) & 0xFF, abs[i]); // abs(-128) wraps to -128
            assertEquals(~ai[i] & 0xFF, not[i]);
        }
    }

    @Test
    void integerDivisionByZeroNamesTheInstruction() {
        long[] a = randomCodes(new Random(18), DTypes.I32, 128), b = new long[128];
        java.util.Arrays.fill(b, 3);
        b[77] = 0;
        LaunchException e = assertThrows(LaunchException.class, () -> bin(BinaryOp.DIV, DTypes.I32, a, b));
        assertTrue(e.getMessage().contains("body[5] binary: integer division by zero"), e.getMessage());
    }
}
