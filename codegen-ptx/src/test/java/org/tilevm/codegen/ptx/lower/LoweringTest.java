package org.tilevm.codegen.ptx.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirVerifier;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.frontend.dsl.SharedTensor;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Program;

/** The lowering passes on small programs: what they emit and when they fall back. */
class LoweringTest {

    /** All statements of a thread-level program, depth first. */
    static List<TStmt> flatten(TStmt s) {
        List<TStmt> out = new ArrayList<>();
        walk(s, out);
        return out;
    }

    private static void walk(TStmt s, List<TStmt> out) {
        out.add(s);
        switch (s) {
            case TStmt.Seq q -> q.body().forEach(x -> walk(x, out));
            case TStmt.For f -> walk(f.body(), out);
            case TStmt.If i -> {
                walk(i.then(), out);
                if (i.otherwise() != null) walk(i.otherwise(), out);
            }
            case TStmt.While w -> walk(w.body(), out);
            default -> { }
        }
    }

    static <T extends TStmt> List<T> all(ThreadProgram p, Class<T> type) {
        return flatten(p.body()).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** C[m, n] = A[m, n] * 2 with a [16, 64] f32 tile, 4 f32 per thread in a row. */
    static Program scale() {
        return Kernel.build("scale", k -> {
            ScalarParam m = k.param("m", DTypes.I32), n = k.param("n", DTypes.I32);
            Pointer pa = k.pointer("a", DTypes.F32), pc = k.pointer("c", DTypes.F32);
            k.warps(1);
            k.grid(n.ceilDiv(64), m.ceilDiv(16));
            GlobalTensor ga = k.globalView(pa, m, n), gc = k.globalView(pc, m, n);
            RegisterLayout l = Layouts.local(2, 1).spatial(8, 4).local(1, 4).local(1, 4);
            RegisterTensor x = k.loadGlobal(ga, l, k.blockIdx(1).times(16), k.blockIdx(0).times(64));
            k.storeGlobal(x.times(2.0), gc, k.blockIdx(1).times(16), k.blockIdx(0).times(64));
        });
    }

    @Test
    void globalAccessesAre128BitWhenTheRowStrideIsAligned() {
        ThreadProgram p = Lowering.lower(scale(), new Specialization(Map.of("n", 16, "m", 1)));
        TirVerifier.check(p);
        List<TStmt.Load> loads = all(p, TStmt.Load.class);
        assertFalse(loads.isEmpty());
        for (TStmt.Load l : loads) {
            assertEquals(128, l.nbits(), "16-byte loads: " + l);
            assertEquals(128, l.align());
        }
        assertTrue(all(p, TStmt.Store.class).stream().allMatch(s -> s.nbits() == 128));
    }

    @Test
    void withoutKnownDivisibilityEveryElementIsCheckedAlone() {
        ThreadProgram p = Lowering.lower(scale());
        TirVerifier.check(p);
        assertTrue(all(p, TStmt.Load.class).stream().allMatch(l -> l.nbits() == 32), "scalar loads when n's alignment is unknown");
        // n % 2 proves 8-byte alignment only
        ThreadProgram p2 = Lowering.lower(scale(), new Specialization(Map.of("n", 2)));
        assertTrue(all(p2, TStmt.Load.class).stream().allMatch(l -> l.nbits() == 64));
    }

    /** copy_async of an f16 [16, 32] tile: cp.async of 16 bytes when k % 8 == 0. */
    static Program stage() {
        return Kernel.build("stage", k -> {
            ScalarParam m = k.param("m", DTypes.I32), kk = k.param("k", DTypes.I32);
            Pointer pa = k.pointer("a", DTypes.F16), pc = k.pointer("c", DTypes.F16);
            k.warps(2);
            k.grid(m.ceilDiv(16));
            GlobalTensor ga = k.globalView(pa, m, kk), gc = k.globalView(pc, m, kk);
            SharedTensor s = k.sharedTensor("s", DTypes.F16, SharedLayout.rowMajor(16, 32));
            k.copyAsync(s, ga, k.blockIdx(0).times(16), k.blockIdx(0).times(0));
            k.copyAsyncCommitGroup();
            k.copyAsyncWaitAll();
            k.sync();
            RegisterTensor t = k.loadShared(s, Layouts.spatial(16, 4).local(1, 8), 0, 0);
            k.storeGlobal(t, gc, k.blockIdx(0).times(16), k.blockIdx(0).times(0));
        });
    }

    @Test
    void copyAsyncUses16ByteCopiesWhenRowsAreAligned() {
        ThreadProgram p = Lowering.lower(stage(), new Specialization(Map.of("k", 8)));
        TirVerifier.check(p);
        List<TStmt.CpAsync> cps = all(p, TStmt.CpAsync.class);
        assertEquals(1, cps.size(), "16x32 f16 = 64 chunks of 16 bytes over 64 threads");
        assertEquals(16, cps.get(0).bytes());
        ThreadProgram unaligned = Lowering.lower(stage());
        assertTrue(all(unaligned, TStmt.CpAsync.class).isEmpty(), "k of unknown parity: synchronous copies");
        assertFalse(all(unaligned, TStmt.Store.class).isEmpty());
    }

    @Test
    void everyInstructionHasALowering() {
        for (Class<?> c : Instruction.class.getPermittedSubclasses()) {
            assertTrue(InstructionLowerings.classes().contains(c), c.getSimpleName() + " has no lowering");
        }
    }

    @Test
    void a64BitLoopVariableNamesThePlace() {
        var i = new org.tilevm.spec.ir.Var("i", DTypes.I64);
        Program p = new Program("loop64", List.of(), List.of(org.tilevm.spec.ir.Expr.i32(1)), 1,
                new org.tilevm.spec.ir.Stmt.Seq(List.of(new org.tilevm.spec.ir.Stmt.For(i,
                        new org.tilevm.spec.ir.Expr.IntConst(3, DTypes.I64), 0, new org.tilevm.spec.ir.Stmt.Seq(List.of())))));
        LoweringException e = assertThrows(LoweringException.class, () -> Lowering.lower(p));
        assertTrue(e.getMessage().contains("body[0] for i") && e.getMessage().contains("i32"), e.getMessage());
    }

    @Test
    void sharedAllocatorReusesFreedRanges() {
        SharedAllocator a = new SharedAllocator();
        int x = a.allocate(1000), y = a.allocate(200);
        assertEquals(0, x);
        assertEquals(1024, y);
        a.free(x);
        assertEquals(0, a.allocate(512), "first fit into the freed range");
        assertEquals(1024 + 256, a.highWater());
    }

    @Test
    void divisibilitySignatureOfArguments() {
        Program p = scale();
        Specialization s = Specialization.of(p, Map.of("m", 19, "n", 96));
        assertEquals(1, s.divisor("m"));
        assertEquals(16, s.divisor("n"));
        assertEquals("n%16", s.signature());
        assertEquals(4, Specialization.divisorOf(12));
    }
}
