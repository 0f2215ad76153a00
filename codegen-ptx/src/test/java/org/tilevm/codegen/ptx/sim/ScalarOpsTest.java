package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.sim.Tir.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.UOp;
import org.tilevm.codegen.ptx.tir.TStmt;

/** Integer and float arithmetic, comparisons, conversions and bitcasts of scalar expressions. */
class ScalarOpsTest {

    @Test
    void i32ArithmeticWrapsAndTruncates() {
        assertEquals(Integer.MIN_VALUE, eval1(add(i32(Integer.MAX_VALUE), i32(1))));
        assertEquals(-3, eval1(bin(BOp.DIV, i32(-7), i32(2))));
        assertEquals(-1, eval1(bin(BOp.REM, i32(-7), i32(2))));
        assertEquals(Integer.MIN_VALUE, eval1(bin(BOp.DIV, i32(Integer.MIN_VALUE), i32(-1))));
        assertEquals(2, eval1(bin(BOp.SHL, i32(1), i32(33))), "shift count modulo 32");
        assertEquals(-64, eval1(bin(BOp.SHR, i32(-128), i32(1))), "arithmetic shift for signed");
        assertEquals(Integer.MIN_VALUE, eval1(new TExpr.Un(UOp.ABS, i32(Integer.MIN_VALUE))));
        assertEquals(-6, eval1(new TExpr.Un(UOp.NOT, i32(5))));
    }

    @Test
    void unsignedOperationsAreUnsigned() {
        assertEquals(0x7FFF_FFFFL, eval1(bin(BOp.SHR, u32(0xFFFF_FFFEL), u32(1))), "logical shift for U32");
        assertEquals(1, eval1(bin(BOp.GT, u32(0x8000_0000L), u32(1))));
        assertEquals(0xFFFF_FFFFL, eval1(bin(BOp.SUB, u32(0), u32(1))));
        assertEquals(Long.divideUnsigned(-2L, 3), eval1(bin(BOp.DIV, u64(-2L), u64(3))));
        assertEquals(Long.remainderUnsigned(-2L, 7), eval1(bin(BOp.REM, u64(-2L), u64(7))));
        assertEquals(-1L, eval1(bin(BOp.MAX, u64(-1L), u64(5))));
        assertEquals(5, eval1(bin(BOp.MIN, u64(-1L), u64(5))));
        assertEquals(Long.MAX_VALUE, eval1(bin(BOp.SHR, u64(-1L), u64(65))), "U64 shift count modulo 64, logical");
        assertEquals(1, eval1(bin(BOp.LT, i64(-1), i64(0))));
        assertEquals(0, eval1(bin(BOp.LT, u64(-1), u64(0))));
    }

    @Test
    void perThreadValuesDependOnTheThread() {
        int n = 64;
        TExpr x = add(mul(tid(), i32(0x9E3779B9)), i32(0x7F4A7C15));
        long[] got = eval(n, bin(BOp.XOR, mul(x, x), bin(BOp.SHR, x, i32(7))));
        for (int t = 0; t < n; t++) {
            int xv = t * 0x9E3779B9 + 0x7F4A7C15;
            assertEquals(xv * xv ^ (xv >> 7), got[t], "thread " + t);
        }
        assertNotEquals(0, got[1]);
    }

    @Test
    void f32ArithmeticIsFloatWithoutContraction() {
        // a*b+c differs between separate rounding and a fused multiply-add for these values
        float a = 1.0f + 0x1p-13f, b = 1.0f - 0x1p-13f, c = -1.0f;
        float separate = a * b + c;
        float fused = Math.fma(a, b, c);
        assertNotEquals(separate, fused);
        long got = eval1(add(mul(f32(a), f32(b)), f32(c)));
        assertEquals(Float.floatToRawIntBits(separate), (int) got);
        assertEquals(Float.floatToRawIntBits(1e8f + 1 - 1e8f), (int) eval1(bin(BOp.SUB, add(f32(1e8f), f32(1)), f32(1e8f))));
        assertEquals(Float.floatToRawIntBits((float) Math.sqrt(2f)), (int) eval1(new TExpr.Un(UOp.SQRT, f32(2f))));
        assertEquals(1, eval1(bin(BOp.NE, f32(Float.NaN), f32(Float.NaN))));
        assertEquals(0, eval1(bin(BOp.EQ, f32(Float.NaN), f32(Float.NaN))));
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY), (int) eval1(bin(BOp.DIV, f32(1), f32(0))));
    }

    @Test
    void convertRules() {
        assertEquals(Integer.MAX_VALUE, eval1(conv(ScalarType.I32, f32(3e9f))), "saturates");
        assertEquals(-2, eval1(conv(ScalarType.I32, f32(-2.9f))), "truncates toward zero");
        assertEquals(0, eval1(conv(ScalarType.I32, f32(Float.NaN))), "NaN to 0");
        assertEquals(0, eval1(conv(ScalarType.U32, f32(-5f))));
        assertEquals(0xFFFF_FFFFL, eval1(conv(ScalarType.U32, f64(1e12))));
        assertEquals(-1L, eval1(conv(ScalarType.U64, f64(1e30))));
        assertEquals(0xC000_0000_0000_0000L, eval1(conv(ScalarType.U64, f64(0x1.8p63))));
        assertEquals(-1L, eval1(conv(ScalarType.I64, i32(-1))), "sign-extends a signed source");
        assertEquals(0xFFFF_FFFFL, eval1(conv(ScalarType.I64, u32(0xFFFF_FFFFL))), "zero-extends an unsigned source");
        assertEquals(-1L, eval1(conv(ScalarType.U64, i32(-1))));
        assertEquals(0x5678, eval1(conv(ScalarType.I32, i64(0x1234_0000_5678L))), "truncates");
        // 2^64 - 1 rounds to 2^64 in F32; 2^24 + 1 rounds to even
        assertEquals(Float.floatToRawIntBits(0x1p64f), (int) eval1(conv(ScalarType.F32, u64(-1L))));
        assertEquals(Float.floatToRawIntBits(16777216f), (int) eval1(conv(ScalarType.F32, i32(16777217))));
        // 2^63 + 2^39 + 1: above the halfway point, so it rounds up (through a double it would tie down to 2^63)
        assertEquals(Float.floatToRawIntBits(0x1.000002p63f), (int) eval1(conv(ScalarType.F32, u64(0x8000_0080_0000_0001L))));
        assertEquals(1, eval1(conv(ScalarType.PRED, f32(Float.NaN))));
        assertEquals(0, eval1(conv(ScalarType.PRED, i32(0))));
        assertEquals(1, eval1(conv(ScalarType.I32, pred(true))));
        assertEquals(Double.doubleToRawLongBits(0.1f), eval1(conv(ScalarType.F64, f32(0.1f))));
        assertEquals(Float.floatToRawIntBits((float) 0.1), (int) eval1(conv(ScalarType.F32, f64(0.1))));
    }

    @Test
    void bitcastKeepsBits() {
        assertEquals(0x3F80_0000L, eval1(bitcast(ScalarType.U32, f32(1f))));
        assertEquals(-1, eval1(bitcast(ScalarType.I32, u32(0xFFFF_FFFFL))));
        assertEquals(Float.floatToRawIntBits(-2.5f), (int) eval1(bitcast(ScalarType.F32, u32(Float.floatToRawIntBits(-2.5f) & 0xFFFF_FFFFL))));
        assertEquals(Double.doubleToRawLongBits(3.25), eval1(bitcast(ScalarType.F64, i64(Double.doubleToRawLongBits(3.25)))));
    }

    @Test
    void selectAndLogicEvaluateOnlyWhatTheyNeed() {
        // thread 0 would divide by zero in the unselected branch / right operand
        TExpr safeDiv = new TExpr.Select(bin(BOp.EQ, tid(), i32(0)), i32(-1), bin(BOp.DIV, i32(100), tid()));
        long[] got = eval(32, safeDiv);
        assertEquals(-1, got[0]);
        assertEquals(50, got[2]);
        TExpr and = bin(BOp.LAND, bin(BOp.NE, tid(), i32(0)), bin(BOp.GT, bin(BOp.DIV, i32(100), tid()), i32(10)));
        long[] g2 = eval(32, and);
        assertEquals(0, g2[0]);
        assertEquals(1, g2[9]);
        assertEquals(0, g2[10]);
    }

    @Test
    void divisionByZeroNamesStatementAndThread() {
        SimulationException e = fails(program(List.of(out()), 64, 0,
                let("x", bin(BOp.DIV, i32(7), bin(BOp.SUB, tid(), i32(40))))), args("out", segment(8)));
        assertTrue(e.getMessage().contains("body[0] let x"), e.getMessage());
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
        assertTrue(e.getMessage().contains("thread 40 (warp 1, lane 8)"), e.getMessage());
    }

    @Test
    void variablesAndAssignment() {
        TExpr x = var("x", ScalarType.I32);
        long[] got = eval(32, x, let("x", tid()), new TStmt.Assign(var("x", ScalarType.I32), mul(x, x)));
        assertEquals(49, got[7]);
    }

    @Test
    void typeErrorsAndUndeclaredNamesAreReportedBeforeRunning() {
        SimulationException e = fails(program(List.of(out()), 32, 0, let("y", var("nope", ScalarType.I32))),
                args("out", segment(8)));
        assertTrue(e.getMessage().contains("body[0] let y: i32 = nope: variable nope is not declared"), e.getMessage());
        SimulationException e2 = fails(program(List.of(out()), 32, 0, let("y", add(i32(1), u32(2)))), args("out", segment(8)));
        assertTrue(e2.getMessage().contains("different types I32 and U32"), e2.getMessage());
    }
}
