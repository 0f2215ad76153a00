package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Ir.*;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Statements, scalar expressions, the grid, and error paths. */
class ControlFlowTest {
    static final Var S = new Var("s", DTypes.I32), I = new Var("i", DTypes.I32), W = new Var("w", DTypes.I32);

    static Expr bin(BinaryOp op, Expr a, Expr b) { return new Expr.Binary(op, a, b); }

    @Test
    void letAssignForIfWhileBreak() {
        Param n = Param.scalar("n", DTypes.I32), po = Param.pointer("o", DTypes.I32);
        TensorVar go = gmem("go", DTypes.I32, 1, 32);
        TensorVar t = reg("t", DTypes.I32, Layouts.spatial(1, 32));
        Program p = program(List.of(n, po),
                new Stmt.Let(S, n.var()),
                new Stmt.For(I, i32(10), 0, seq(
                        new Stmt.If(bin(BinaryOp.EQ, bin(BinaryOp.MOD, I, i32(3)), i32(0)),
                                new Stmt.Assign(S, bin(BinaryOp.ADD, bin(BinaryOp.MUL, S, i32(2)), I)),
                                new Stmt.Assign(S, bin(BinaryOp.SUB, S, i32(1)))),
                        new Stmt.If(bin(BinaryOp.EQ, I, i32(7)), new Stmt.Break(), null))),
                new Stmt.Let(W, i32(0)),
                new Stmt.While(bin(BinaryOp.GT, S, i32(100)), seq(
                        new Stmt.Assign(S, bin(BinaryOp.SUB, S, i32(37))),
                        new Stmt.Assign(W, bin(BinaryOp.ADD, W, i32(1))))),
                ex(new GlobalView(go, po)),
                ex(new AllocateRegister(t, bin(BinaryOp.ADD, S, bin(BinaryOp.MUL, W, i32(1000))))),
                ex(new StoreGlobal(t, go, at(0, 0))));
        for (int nv : new int[] {5, -40, 123}) {
            int s = nv;
            for (int i = 0; i < 10; i++) {
                if (i % 3 == 0) s = s * 2 + i; else s = s - 1;
                if (i == 7) break;
            }
            int w = 0;
            while (s > 100) { s -= 37; w++; }
            MemorySegment o = bytes(128, 61);
            interp().launch(p, args("n", nv, "o", o));
            for (long c : codes(o, 32, 32)) assertEquals(s + w * 1000, (int) c, "n = " + nv);
        }
    }

    /** Blocks run in linear order, x fastest: block (x, y, z) waits for sem == x + 3*(y + 2*z), then bumps it. */
    @Test
    void gridRunsEveryBlockInOrderXFastest() {
        Param po = Param.pointer("o", DTypes.I32);
        TensorVar go = gmem("go", DTypes.I32, 2, 2, 3);
        TensorVar sem = gmem("sem", DTypes.I32, 1);
        TensorVar t = reg("t", DTypes.I32, Layouts.replicated(32, 3));
        Expr x = new Expr.BlockIdx(0), y = new Expr.BlockIdx(1), z = new Expr.BlockIdx(2);
        Expr linear = bin(BinaryOp.ADD, x, bin(BinaryOp.MUL, i32(3), bin(BinaryOp.ADD, y, bin(BinaryOp.MUL, i32(2), z))));
        Program p = program(List.of(po), List.of(i32(3), i32(2), i32(2)),
                ex(new AllocateGlobal(sem)), ex(new GlobalView(go, po)),
                ex(new LockSemaphore(sem, at(0), linear)),
                ex(new AllocateRegister(t, bin(BinaryOp.ADD, bin(BinaryOp.MUL, x, i32(100)),
                        bin(BinaryOp.ADD, bin(BinaryOp.MUL, y, i32(10)), z)))),
                ex(new StoreGlobal(t, go, at(z, y, x))),
                ex(new ReleaseSemaphore(sem, at(0), bin(BinaryOp.ADD, linear, i32(1)))));
        MemorySegment o = bytes(48, 62);
        interp().launch(p, args("o", o));
        long[] got = codes(o, 12, 32);
        for (int zz = 0; zz < 2; zz++) {
            for (int yy = 0; yy < 2; yy++) {
                for (int xx = 0; xx < 3; xx++) assertEquals(xx * 100 + yy * 10 + zz, got[(zz * 2 + yy) * 3 + xx]);
            }
        }
    }

    @Test
    void lockThatCanNeverBeSatisfiedIsAnError() {
        TensorVar sem = gmem("sem", DTypes.I32, 4);
        Program p = program(List.of(), List.of(i32(2)),
                ex(new AllocateGlobal(sem)),
                ex(new LockSemaphore(sem, at(2), bin(BinaryOp.SUB, i32(1), new Expr.BlockIdx(0)))));
        LaunchException e = assertThrows(LaunchException.class, () -> interp().launch(p, args()));
        assertTrue(e.getMessage().contains("body[1] lock_semaphore: lock_semaphore waits for sem[2] == 1 but it is 0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("block (0, 0, 0)"), e.getMessage());
    }

    @Test
    void errorsNameTheStatementPathAndLoopValues() {
        Param pa = Param.pointer("a", DTypes.U8), pb = Param.pointer("b", DTypes.U8);
        TensorVar ga = gmem("ga", DTypes.U8, 16, 8), gb = gmem("gb", DTypes.U8, 16, 8);
        TensorVar t = reg("t", DTypes.U8, Layouts.spatial(4, 8));
        Var kb = new Var("kb", DTypes.I32), off = new Var("off", DTypes.I32);
        Program p = program(List.of(pa, pb),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), new Stmt.Let(off, i32(0)),
                new Stmt.For(kb, i32(4), 0, seq(
                        new Stmt.Assign(off, bin(BinaryOp.MUL, kb, i32(4))),
                        ex(new SyncThreads()),
                        ex(new LoadGlobal(t, ga, at(off, i32(0)))),
                        ex(new StoreGlobal(t, gb, at(off, i32(0)))))));
        MemorySegment a = segment(randomCodes(new Random(63), DTypes.U8, 80), 8); // 10 rows of 16
        LaunchException e = assertThrows(LaunchException.class, () -> interp().launch(p, args("a", a, "b", bytes(128, 64))));
        assertEquals("k: body[3].for kb.body[2] load_global: element [10, 0] of global tensor ga is at element offset 80, "
                + "outside the 80-byte segment of pointer parameter a (80 elements of u8) (block (0, 0, 0), kb = 2)", e.getMessage());
    }

    @Test
    void scalarDivisionByZeroAndWrap() {
        Param d = Param.scalar("d", DTypes.I32), po = Param.pointer("o", DTypes.U8);
        Var q = new Var("q", DTypes.U8);
        TensorVar go = gmem("go", DTypes.U8, 1, 32);
        TensorVar t = reg("t", DTypes.U8, Layouts.spatial(1, 32));
        Program p = program(List.of(d, po),
                new Stmt.Let(q, new Expr.Cast(DTypes.U8, bin(BinaryOp.DIV, i32(-7), d.var()))),
                new Stmt.Assign(q, bin(BinaryOp.ADD, q, new Expr.IntConst(250, DTypes.U8))),
                ex(new GlobalView(go, po)), ex(new AllocateRegister(t, q)), ex(new StoreGlobal(t, go, at(0, 0))));
        MemorySegment o = bytes(32, 65);
        interp().launch(p, args("d", 2, "o", o));
        assertEquals((-3 + 250) & 0xFF, codes(o, 1, 8)[0]); // -7/2 = -3 (truncation), u8 wraps
        LaunchException e = assertThrows(LaunchException.class, () -> interp().launch(p, args("d", 0, "o", o)));
        assertTrue(e.getMessage().contains("body[0] let q: integer division by zero (i32 -7 / 0)"), e.getMessage());
    }

    @Test
    void floatScalarsRoundToTheirType() {
        Param x = Param.scalar("x", DTypes.F16), po = Param.pointer("o", DTypes.F16);
        Var y = new Var("y", DTypes.F16);
        TensorVar go = gmem("go", DTypes.F16, 1, 32);
        TensorVar t = reg("t", DTypes.F16, Layouts.spatial(1, 32));
        // y = x + 1/3 in f16: x (0.1 rounded to f16) + (1/3 rounded to f16), the sum rounded to f16
        Program p = program(List.of(x, po),
                new Stmt.Let(y, bin(BinaryOp.ADD, x.var(), new Expr.FloatConst(1.0 / 3, DTypes.F16))),
                ex(new GlobalView(go, po)), ex(new AllocateRegister(t, y)), ex(new StoreGlobal(t, go, at(0, 0))));
        MemorySegment o = bytes(64, 66);
        interp().launch(p, args("x", 0.1, "o", o));
        float xv = Float.float16ToFloat(Float.floatToFloat16(0.1f));
        float third = Float.float16ToFloat(Float.floatToFloat16((float) (1.0 / 3)));
        assertEquals(Float.floatToFloat16(xv + third) & 0xFFFF, codes(o, 1, 16)[0]);
    }

    @Test
    void breakOutsideALoopIsAnError() {
        Program p = program(List.of(), new Stmt.Break());
        LaunchException e = assertThrows(LaunchException.class, () -> unverified().launch(p, args()));
        assertTrue(e.getMessage().contains("body: break outside of a for or while loop"), e.getMessage());
    }

    /**
     * Split-K: 4 blocks add their partial tile into a zero-initialized f32 workspace shared by the
     * launch, in turn (semaphore), and the last block writes the total.
     */
    @Test
    void workspaceIsZeroedAndSharedByTheBlocksOfALaunch() {
        Param pa = Param.pointer("a", DTypes.F32), po = Param.pointer("o", DTypes.F32);
        TensorVar ga = gmem("ga", DTypes.F32, 4, 4, 8), go = gmem("go", DTypes.F32, 4, 8);
        TensorVar ws = gmem("ws", DTypes.F32, 4, 8), sem = gmem("sem", DTypes.I32, 1);
        var l = Layouts.spatial(4, 8);
        TensorVar part = reg("part", DTypes.F32, l.unsqueeze(0)), p2 = reg("p2", DTypes.F32, l);
        TensorVar acc = reg("acc", DTypes.F32, l);
        Expr bx = new Expr.BlockIdx(0);
        Program p = program(List.of(pa, po), List.of(i32(4)),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(go, po)), ex(new AllocateGlobal(ws)), ex(new AllocateGlobal(sem)),
                ex(new LoadGlobal(part, ga, at(bx, i32(0), i32(0)))), ex(new Squeeze(p2, part, List.of(0))),
                ex(new LockSemaphore(sem, at(0), bx)),
                ex(new LoadGlobal(acc, ws, at(0, 0))), ex(new ElementwiseBinary(acc, BinaryOp.ADD, acc, p2)),
                ex(new StoreGlobal(acc, ws, at(0, 0))),
                ex(new ReleaseSemaphore(sem, at(0), bin(BinaryOp.ADD, bx, i32(1)))),
                new Stmt.If(bin(BinaryOp.EQ, bx, i32(3)), ex(new StoreGlobal(acc, go, at(0, 0))), null));
        long[] a = randomFloats(new Random(67), DTypes.F32, 128, 1);
        MemorySegment o = bytes(128, 68);
        interp().launch(p, args("a", segment(a, 32), "o", o));
        long[] got = codes(o, 32, 32);
        for (int e = 0; e < 32; e++) {
            float sum = 0;
            for (int k = 0; k < 4; k++) sum += Float.intBitsToFloat((int) a[k * 32 + e]);
            assertEquals(sum, Float.intBitsToFloat((int) got[e]));
        }
        // a second launch gets a fresh, zeroed workspace
        interp().launch(p, args("a", segment(a, 32), "o", o));
        assertArrayEquals(got, codes(o, 32, 32));
    }
}
