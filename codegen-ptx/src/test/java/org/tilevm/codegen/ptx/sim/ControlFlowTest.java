package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.sim.Tir.*;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;

/** Loops, branches, uniformity checks, printf, atomics across blocks, the grid and launch arguments. */
class ControlFlowTest {

    private static final TExpr.Var S = var("s", ScalarType.I32), K = var("k", ScalarType.I32);

    @Test
    void loopsBranchesAndBreak() {
        // s = sum over k < 10 of (k odd ? k * tid : 1), stopping when k == 7; then a while loop doubles s until > 1000
        TStmt body = seq(
                new TStmt.If(bin(BOp.EQ, K, i32(7)), new TStmt.Break(), null),
                new TStmt.If(bin(BOp.EQ, bin(BOp.AND, K, i32(1)), i32(1)),
                        new TStmt.Assign(S, add(S, mul(K, tid()))),
                        new TStmt.Assign(S, add(S, i32(1)))));
        TExpr.Var n = var("n", ScalarType.I32);
        long[] got = eval(64, S,
                let("s", i32(0)),
                new TStmt.For(K, i32(10), 0, body),
                let("n", i32(0)),
                new TStmt.While(bin(BOp.LT, n, i32(3)), seq(
                        new TStmt.Assign(n, add(n, i32(1))),
                        new TStmt.Comment("a comment is a no-op"),
                        new TStmt.Assign(S, mul(S, i32(2))))));
        for (int t = 0; t < 64; t++) assertEquals((4 + 9L * t) * 8, got[t], "thread " + t);
    }

    @Test
    void nonUniformBranchIsDetected() {
        TStmt[] body = {let("x", i32(0)),
                new TStmt.If(bin(BOp.LT, tid(), i32(40)), new TStmt.Assign(var("x", ScalarType.I32), i32(1)), null)};
        SimulationException e = fails(program(List.of(out()), 64, 0, body), args("out", segment(4)));
        String m = e.getMessage();
        assertTrue(m.contains("body[1] if (threadIdx.x < 40)"), m);
        assertTrue(m.contains("the condition of if is not uniform across the block: thread 0 has 1, thread 40 has 0"), m);
    }

    @Test
    void nonUniformLoopExtentIsDetectedAndLoopValuesAreShown() {
        TStmt inner = new TStmt.For(var("j", ScalarType.I32), new TExpr.Select(bin(BOp.EQ, K, i32(2)), tid(), i32(3)), 0,
                seq());
        TStmt[] body = {new TStmt.For(K, i32(4), 0, inner)};
        SimulationException e = fails(program(List.of(out()), 32, 0, body), args("out", segment(4)));
        String m = e.getMessage();
        assertTrue(m.contains("body[0].for k.body for j < "), m);
        assertTrue(m.contains("the extent of for j is not uniform"), m);
        assertTrue(m.contains("k = 2)"), m);
    }

    @Test
    void errorsInsideLoopsNameTheLoopVariables() {
        TStmt[] body = {array("r", 1), new TStmt.For(K, i32(4), 0,
                ldGlobal("r", 0, 32, "in", mul(conv(ScalarType.I64, add(mul(K, i32(32)), tid())), i64(32)), 32))};
        SimulationException e = fails(program(List.of(in(), out()), 32, 0, body),
                args("in", segment(4 * 70), "out", segment(4)));
        assertTrue(e.getMessage().contains("body[1].for k.body load.global r"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(block (0, 0, 0), thread 6 (warp 0, lane 6), k = 2)"), e.getMessage());
    }

    @Test
    void breakOutsideALoopIsRejected() {
        SimulationException e = fails(program(List.of(out()), 32, 0, new TStmt.Break()), args("out", segment(4)));
        assertTrue(e.getMessage().contains("body[0] break: break outside a loop"), e.getMessage());
    }

    @Test
    void printfFormatsPerThreadInThreadOrder() {
        TStmt p = new TStmt.Printf("t=%d u=%u x=%08x f=%.2f%%\n",
                List.of(tid(), u32(0xFFFF_FFFFL), mul(bitcast(ScalarType.U32, tid()), u32(0x1111)), conv(ScalarType.F32, tid())),
                bin(BOp.LT, bin(BOp.AND, tid(), i32(31)), i32(2)));
        String out = runPrinting(program(List.of(out()), 64, 0, p), args("out", segment(4)));
        assertEquals("""
                t=0 u=4294967295 x=00000000 f=0.00%
                t=1 u=4294967295 x=00001111 f=1.00%
                t=32 u=4294967295 x=00022220 f=32.00%
                t=33 u=4294967295 x=00023331 f=33.00%
                """, out);
        SimulationException e = fails(program(List.of(out()), 32, 0, new TStmt.Printf("%f", List.of(tid()), pred(true))),
                args("out", segment(4)));
        assertTrue(e.getMessage().contains("%f cannot print argument 1 of type I32"), e.getMessage());
    }

    // ------------------------------------------------------------------ grid, atomics

    @Test
    void blocksRunInLinearOrderAndSemaphoresChainThem() {
        // grid (3, 2, 2); block b = x + 3 (y + 2 z) waits for sem == b, records its order, releases sem = b + 1
        TExpr linear = add(new TExpr.BlockIdx(0), mul(i32(3), add(new TExpr.BlockIdx(1), mul(i32(2), new TExpr.BlockIdx(2)))));
        TExpr first = bin(BOp.EQ, tid(), i32(0));
        TStmt[] body = {
            new TStmt.AtomicWait("sem", i64(0), linear, first),
            array("r", 1), setBits("r", 0, 32, bitcast(ScalarType.U32, add(mul(new TExpr.BlockIdx(2), i32(100)),
                    add(mul(new TExpr.BlockIdx(1), i32(10)), new TExpr.BlockIdx(0))))),
            new TStmt.Store(TStmt.Space.GLOBAL, "r", 0, 32, "out", mul(conv(ScalarType.I64, linear), i64(32)), 32, first),
            new TStmt.AtomicStore("sem", i64(0), add(linear, i32(1)), first),
        };
        ThreadProgram p = program(List.of(Param.pointer("sem", DTypes.I32), out()),
                List.of(Expr.i32(3), Expr.i32(2), Expr.i32(2)), 32, 0, body);
        MemorySegment sem = segment(4), o = segment(4 * 12);
        run(p, args("sem", sem, "out", o));
        assertEquals(12, ints(sem)[0]);
        assertArrayEquals(new int[] {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112}, ints(o));
    }

    @Test
    void aWaitThatCanNeverSucceedIsAnErrorNotAHang() {
        TStmt[] body = {new TStmt.AtomicWait("sem", i64(4), i32(1), bin(BOp.EQ, tid(), i32(0)))};
        ThreadProgram p = program(List.of(Param.pointer("sem", DTypes.I32)), List.of(Expr.i32(2)), 32, 0, body);
        SimulationException e = fails(p, args("sem", segment(8)));
        assertTrue(e.getMessage().contains("waits for the word at byte 4 of sem to be 1 but it is 0"), e.getMessage());
        assertTrue(e.getMessage().contains("no progress"), e.getMessage());
    }

    @Test
    void gridIsEvaluatedOverScalarParameters() {
        Param n = Param.scalar("n", DTypes.I32);
        Expr grid = new Expr.Binary(BinaryOp.DIV, n.var(), Expr.i32(32));
        TStmt[] body = {array("r", 1), setBits("r", 0, 32, bitcast(ScalarType.U32, var("n", ScalarType.I32))),
                stGlobal("r", 0, 32, "out", mul(conv(ScalarType.I64, add(mul(new TExpr.BlockIdx(0), i32(32)), tid())), i64(32)), 32)};
        MemorySegment o = segment(4 * 96);
        run(program(List.of(n, out()), List.of(grid), 32, 0, body), args("n", 96, "out", o));
        for (int v : ints(o)) assertEquals(96, v);
    }

    // ------------------------------------------------------------------ launch arguments

    @Test
    void argumentsAreChecked() {
        Param n = Param.scalar("n", DTypes.U8);
        ThreadProgram p = program(List.of(n, out()), 32, 0, new TStmt.Comment("nothing"));
        assertTrue(fails(p, args("out", segment(4))).getMessage()
                .contains("launch of k: missing argument for parameter 'n' (a u8 scalar)"));
        assertTrue(fails(p, args("n", 1, "out", segment(4), "m", 2)).getMessage()
                .contains("argument 'm' does not name a parameter (parameters: n, out)"));
        assertTrue(fails(p, args("n", 1, "out", 3)).getMessage()
                .contains("parameter 'out' is a pointer to u8: expected a MemorySegment, got Integer"));
        assertTrue(fails(p, args("n", 256, "out", segment(4))).getMessage().contains("argument n = 256 does not fit in u8 [0, 255]"));
        assertTrue(fails(p, args("n", 4.0, "out", segment(4))).getMessage()
                .contains("parameter 'n' is a u8 scalar: expected an Integer or Long, got Double 4.0"));
    }

    @Test
    void floatParametersAreRoundedToTheirType() {
        Param x = Param.scalar("x", DTypes.F16);
        long[] got = new long[1];
        TStmt[] body = {array("r", 1), setBits("r", 0, 32, bitcast(ScalarType.U32, var("x", ScalarType.F32))),
                stGlobal("r", 0, 32, "out", i64(0), 32)};
        MemorySegment o = segment(4);
        run(program(List.of(x, out()), 32, 0, body), args("x", 0.1, "out", o));
        got[0] = ints(o)[0];
        assertEquals(Float.floatToRawIntBits((float) DTypes.F16.decode(DTypes.F16.encode(0.1))), (int) got[0]);
        assertTrue(Float.intBitsToFloat((int) got[0]) != 0.1f);
    }
}
