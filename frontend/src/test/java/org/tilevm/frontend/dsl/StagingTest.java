package org.tilevm.frontend.dsl;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.dtype.DTypes.*;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.ir.*;

/** Java code runs at build time; the DSL's control flow becomes IR control flow. */
class StagingTest {
    static final RegisterLayout L = Layouts.spatial(8, 4).local(2, 2); // [16, 8] over 32 threads

    @Test
    void headerParamsGridAndWarps() {
        Program p = Kernel.build("head", k -> {
            ScalarParam m = k.param("m", I32);
            Pointer a = k.pointer("a", F16);
            ScalarParam n = k.param("n", I32);
            k.warps(2);
            k.grid(m.ceilDiv(16), n);
        });
        assertEquals("head", p.name());
        assertEquals(List.of(Param.scalar("m", I32), Param.pointer("a", F16), Param.scalar("n", I32)), p.params());
        assertEquals(2, p.numWarps());
        assertEquals(List.of(new Expr.Binary(BinaryOp.DIV,
                new Expr.Binary(BinaryOp.ADD, new Var("m", I32), Expr.i32(15)), Expr.i32(16)), new Var("n", I32)), p.grid());
        assertEquals(new Stmt.Seq(List.of()), p.body());
    }

    @Test
    void javaLoopUnrollsAtBuildTime() {
        Program p = Kernel.build("unrolled", k -> {
            k.warps(1);
            k.grid(1);
            RegisterTensor acc = k.registerTensor("acc", F32, L, null);
            for (int i = 0; i < 3; i++) {
                k.binary(BinaryOp.ADD, acc, Scalar.f32(i + 1), acc); // acc += i+1, staged three times
            }
        });
        List<Instruction> ins = IrWalk.instructions(p);
        assertEquals(4, ins.size());
        assertInstanceOf(AllocateRegister.class, ins.get(0));
        for (int i = 1; i <= 3; i++) {
            ElementwiseScalar s = assertInstanceOf(ElementwiseScalar.class, ins.get(i));
            assertEquals("acc", s.out().name());
            assertEquals("acc", s.a().name());
            assertEquals(new Expr.FloatConst(i, F32), s.scalar());
        }
        assertTrue(IrWalk.top(p).stream().allMatch(st -> st instanceof Stmt.Exec), "no IR loop");
    }

    @Test
    void forRangeIsOneIrLoopWhoseBodyRunsOnce() {
        int[] bodyRuns = {0};
        Program p = Kernel.build("loop", k -> {
            ScalarParam n = k.param("n", I32);
            k.warps(1);
            k.grid(1);
            RegisterTensor acc = k.registerTensor("acc", F32, L, 0.0);
            k.forRange("i", n.ceilDiv(4), 2, i -> {
                bodyRuns[0]++;
                RegisterTensor t = acc.plus(i.cast(F32));
                k.assign(acc, t);
            });
        });
        assertEquals(1, bodyRuns[0]);
        List<Stmt> top = IrWalk.top(p);
        assertEquals(2, top.size());
        Stmt.For f = assertInstanceOf(Stmt.For.class, top.get(1));
        assertEquals(new Var("i", I32), f.iter());
        assertEquals(2, f.unroll());
        List<Stmt> body = ((Stmt.Seq) f.body()).body();
        assertEquals(2, body.size());
        ElementwiseScalar add = (ElementwiseScalar) ((Stmt.Exec) body.get(0)).instruction();
        assertEquals(new Expr.Cast(F32, new Var("i", I32)), add.scalar());
        AssignTensor as = (AssignTensor) ((Stmt.Exec) body.get(1)).instruction();
        assertEquals("acc", as.dst().name());
        assertEquals(add.out(), as.src());
    }

    @Test
    void javaIfChoosesCodeAndIfElseEmitsBoth() {
        for (boolean withScale : new boolean[] {false, true}) {
            Program p = Kernel.build("branch", k -> {
                ScalarParam m = k.param("m", I32);
                k.warps(1);
                k.grid(1);
                RegisterTensor t = k.registerTensor(F32, L, 1.0);
                if (withScale) t = t.times(2.0); // build-time choice
                RegisterTensor u = t;
                k.ifElse(m.gt(3), () -> k.print("big", u, m), () -> k.print("small"));
            });
            List<Stmt> top = IrWalk.top(p);
            assertEquals(withScale ? 3 : 2, top.size());
            Stmt.If s = assertInstanceOf(Stmt.If.class, top.get(top.size() - 1));
            assertEquals(new Expr.Binary(BinaryOp.GT, new Var("m", I32), Expr.i32(3)), s.cond());
            Print big = (Print) ((Stmt.Exec) ((Stmt.Seq) s.then()).body().get(0)).instruction();
            assertEquals("big", big.message());
            assertEquals(List.of(new Var("m", I32)), big.args());
            assertNotNull(big.tensor());
            Print small = (Print) ((Stmt.Exec) ((Stmt.Seq) s.otherwise()).body().get(0)).instruction();
            assertNull(small.tensor());
        }
    }

    @Test
    void whileLetAssignAndBreak() {
        Program p = Kernel.build("wl", k -> {
            ScalarParam n = k.param("n", I32);
            k.warps(1);
            k.grid(1);
            Variable i = k.let("i", Scalar.i32(0));
            k.whileLoop(i.lt(n), () -> {
                k.ifThen(i.eq(5), k::breakLoop);
                k.assign(i, i.plus(1));
            });
            k.assign(i, 7);
        });
        List<Stmt> top = IrWalk.top(p);
        Var i = new Var("i", I32);
        assertEquals(new Stmt.Let(i, Expr.i32(0)), top.get(0));
        Stmt.While w = assertInstanceOf(Stmt.While.class, top.get(1));
        assertEquals(new Expr.Binary(BinaryOp.LT, i, new Var("n", I32)), w.cond());
        List<Stmt> body = ((Stmt.Seq) w.body()).body();
        Stmt.If brk = assertInstanceOf(Stmt.If.class, body.get(0));
        assertEquals(new Stmt.Seq(List.of(new Stmt.Break())), brk.then());
        assertNull(brk.otherwise());
        assertEquals(new Stmt.Assign(i, new Expr.Binary(BinaryOp.ADD, i, Expr.i32(1))), body.get(1));
        assertEquals(new Stmt.Assign(i, Expr.i32(7)), top.get(2));
    }

    @Test
    void namesAreUniqueAcrossTheProgram() {
        Program p = Kernel.build("names", k -> {
            ScalarParam n = k.param("n", I32);
            k.param("acc", I32); // a parameter takes its name first
            k.warps(1);
            k.grid(1);
            for (int j = 0; j < 3; j++) k.registerTensor("acc", F32, L, null);
            k.forRange("i", n, i -> k.forRange("i", 2, i2 -> {
                k.let("i", i.plus(i2));
                k.registerTensor(F32, L).plus(1.0).times(2.0);
            }));
            k.forRange("i", 3, i -> k.let("x", i));
        });
        List<String> names = IrWalk.definedNames(p);
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names in " + names);
        assertTrue(names.containsAll(List.of("acc", "acc_1", "acc_2", "acc_3", "i", "i_1", "i_2", "i_3")), names.toString());
        Stmt.For outer = (Stmt.For) IrWalk.top(p).get(3);
        Stmt.For inner = (Stmt.For) ((Stmt.Seq) outer.body()).body().get(0);
        assertEquals("i", outer.iter().name());
        assertEquals("i_1", inner.iter().name());
        Stmt.Let let = (Stmt.Let) ((Stmt.Seq) inner.body()).body().get(0);
        assertEquals(new Stmt.Let(new Var("i_2", I32), new Expr.Binary(BinaryOp.ADD, new Var("i", I32), new Var("i_1", I32))), let);
    }

    @Test
    void everyInstructionIsReachable() {
        Program p = AllInstructions.program();
        var seen = new HashSet<Class<?>>();
        IrWalk.instructions(p).forEach(i -> seen.add(i.getClass()));
        var all = new HashSet<Class<?>>(List.of(Instruction.class.getPermittedSubclasses()));
        all.removeAll(seen);
        assertEquals(java.util.Set.of(), all, "instructions the DSL test program does not reach");
    }
}
