package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.lower.Lowering;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Sym;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/**
 * Backend {@code sim} end to end: a block-level tiled matmul (copy_async into shared memory,
 * barriers, a dot) lowered by the GPU lowering and simulated, against the reference interpreter;
 * and the race detector on that real lowered code with its barriers removed.
 */
class SimBackendTest {
    static final RegisterLayout LA = Layouts.local(2, 2).spatial(8, 4).local(1, 2);  // [16, 16]
    static final RegisterLayout LB = Layouts.local(2, 1).spatial(4, 8).local(2, 1);  // [16, 8]
    static final RegisterLayout LC = Layouts.local(2, 1).spatial(8, 4).local(1, 2);  // [16, 8]

    private static Expr bin(BinaryOp op, Expr a, Expr b) { return new Expr.Binary(op, a, b); }

    private static Expr i32(long v) { return Expr.i32(v); }

    private static Stmt ex(Instruction i) { return new Stmt.Exec(i); }

    private static TensorVar reg(String name, DType t, RegisterLayout l) { return new TensorVar(name, new TensorType.Register(t, l)); }

    private static TensorVar gmem(String name, DType t, String rows, String cols) {
        return new TensorVar(name, new TensorType.Global(t, GlobalLayout.rowMajor(List.of(Sym.var(rows), Sym.var(cols)))));
    }

    /** C[M, N] (f32) = A[M, K] (f16) x B[K, N] (wt, cast to f16), 16x8x16 tiles, A through shared memory with copy_async. */
    static Program matmul(DType wt) {
        Param pa = Param.pointer("a", DTypes.F16), pb = Param.pointer("b", wt), pc = Param.pointer("c", DTypes.F32);
        Param m = Param.scalar("m", DTypes.I32), n = Param.scalar("n", DTypes.I32), k = Param.scalar("k", DTypes.I32);
        TensorVar ga = gmem("ga", DTypes.F16, "m", "k"), gb = gmem("gb", wt, "k", "n"), gc = gmem("gc", DTypes.F32, "m", "n");
        TensorVar sa = new TensorVar("sa", new TensorType.Shared(DTypes.F16, SharedLayout.rowMajor(16, 16)));
        TensorVar ta = reg("ta", DTypes.F16, LA), tw = reg("tw", wt, LB), tb = reg("tb", DTypes.F16, LB);
        TensorVar acc = reg("acc", DTypes.F32, LC);
        Var kb = new Var("kb", DTypes.I32);
        Expr row = bin(BinaryOp.MUL, new Expr.BlockIdx(1), i32(16)), col = bin(BinaryOp.MUL, new Expr.BlockIdx(0), i32(8));
        Expr kOff = bin(BinaryOp.MUL, kb, i32(16));
        List<Stmt> loop = new ArrayList<>(List.of(
                ex(new CopyAsync(sa, ga, List.of(row, kOff))), ex(new CopyAsyncCommitGroup()),
                ex(new LoadGlobal(tw, gb, List.of(kOff, col))),
                ex(new CopyAsyncWaitGroup(0)), ex(new SyncThreads()),
                ex(new LoadShared(ta, sa, List.of(i32(0), i32(0)))), ex(new SyncThreads())));
        loop.add(ex(wt.equals(DTypes.F16) ? new AssignTensor(tb, tw) : new Cast(tb, tw)));
        loop.add(ex(new Dot(acc, ta, tb, acc)));
        Expr ceil16 = bin(BinaryOp.DIV, bin(BinaryOp.ADD, k.var(), i32(15)), i32(16));
        return new Program("matmul", List.of(pa, pb, pc, m, n, k),
                List.of(bin(BinaryOp.DIV, bin(BinaryOp.ADD, n.var(), i32(7)), i32(8)),
                        bin(BinaryOp.DIV, bin(BinaryOp.ADD, m.var(), i32(15)), i32(16))), 1,
                new Stmt.Seq(List.of(ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new GlobalView(gc, pc)),
                        ex(new AllocateShared(sa)), ex(new AllocateRegister(acc, null)),
                        new Stmt.For(kb, ceil16, 0, new Stmt.Seq(loop)),
                        ex(new StoreGlobal(acc, gc, List.of(row, col))))));
    }

    private static final int M = 33, N = 70, K = 72;

    private static Map<String, Object> matmulArgs(DType wt, long seed, MemorySegment c) {
        Random r = new Random(seed);
        long[] a = new long[M * K], b = new long[K * N];
        for (int i = 0; i < a.length; i++) a[i] = DTypes.F16.encode(r.nextGaussian());
        for (int i = 0; i < b.length; i++) b[i] = wt.isFloat() ? wt.encode(r.nextGaussian()) : r.nextLong() & wt.mask();
        Map<String, Object> args = new HashMap<>();
        args.put("a", MemorySegment.ofArray(BitPacking.pack(a, 16)));
        args.put("b", MemorySegment.ofArray(BitPacking.pack(b, wt.bits())));
        args.put("c", c);
        args.put("m", M);
        args.put("n", N);
        args.put("k", K);
        return args;
    }

    @Test
    void simIsRegisteredButNeverTheDefault() {
        Backend sim = Backends.named("sim");
        assertInstanceOf(SimBackend.class, sim);
        assertEquals(-10, sim.priority());
        assertNotEquals("sim", Backends.best().name());
        assertTrue(Backends.all().stream().anyMatch(b -> b.name().equals("interp") && b.priority() > sim.priority()));
    }

    @Test
    void loweredAndSimulatedMatmulEqualsTheInterpreterBitForBit() {
        for (DType wt : List.of(DTypes.F16, DTypes.U4, DTypes.F4E2M1)) {
            MemorySegment cSim = MemorySegment.ofArray(new float[M * N]), cRef = MemorySegment.ofArray(new float[M * N]);
            Backends.named("sim").launch(matmul(wt), matmulArgs(wt, 7, cSim));
            Backends.named("interp").launch(matmul(wt), matmulArgs(wt, 7, cRef));
            float[] sim = cSim.toArray(ValueLayout.JAVA_FLOAT), ref = cRef.toArray(ValueLayout.JAVA_FLOAT);
            assertArrayEquals(ref, sim, wt.name());
            assertTrue(java.util.stream.IntStream.range(0, ref.length).anyMatch(i -> ref[i] != 0));
        }
    }

    /** The program with the statements {@code drop} selects removed, everywhere. */
    private static TStmt without(TStmt s, Predicate<TStmt> drop) {
        return switch (s) {
            case TStmt.Seq q -> new TStmt.Seq(q.body().stream().filter(x -> !drop.test(x)).map(x -> without(x, drop)).toList());
            case TStmt.For f -> new TStmt.For(f.var(), f.extent(), f.unroll(), without(f.body(), drop));
            case TStmt.If i -> new TStmt.If(i.cond(), without(i.then(), drop), i.otherwise() == null ? null : without(i.otherwise(), drop));
            case TStmt.While w -> new TStmt.While(w.cond(), without(w.body(), drop));
            default -> s;
        };
    }

    private static int count(TStmt s, Predicate<TStmt> what) {
        int n = what.test(s) ? 1 : 0;
        return n + switch (s) {
            case TStmt.Seq q -> q.body().stream().mapToInt(x -> count(x, what)).sum();
            case TStmt.For f -> count(f.body(), what);
            case TStmt.If i -> count(i.then(), what) + (i.otherwise() == null ? 0 : count(i.otherwise(), what));
            case TStmt.While w -> count(w.body(), what);
            default -> 0;
        };
    }

    @Test
    void removingTheBarriersOfRealLoweredCodeIsCaught() {
        ThreadProgram lowered = Lowering.lower(matmul(DTypes.F16));
        Predicate<TStmt> isBar = s -> s instanceof TStmt.BarSync;
        assertTrue(count(lowered.body(), isBar) >= 2, "the lowered loop has its barriers");
        new Simulator().run(lowered, matmulArgs(DTypes.F16, 8, MemorySegment.ofArray(new float[M * N])));
        ThreadProgram noBarriers = new ThreadProgram(lowered.name(), lowered.params(), lowered.grid(), lowered.numThreads(),
                lowered.sharedBytes(), without(lowered.body(), isBar), lowered.source());
        SimulationException e = assertThrows(SimulationException.class,
                () -> new Simulator().run(noBarriers, matmulArgs(DTypes.F16, 8, MemorySegment.ofArray(new float[M * N]))));
        assertTrue(e.getMessage().contains("race") || e.getMessage().contains("cp.async"), e.getMessage());
    }

    @Test
    void errorsBecomeLaunchExceptions() {
        // c is too small: the lowered store runs past its segment
        LaunchException e = assertThrows(LaunchException.class,
                () -> Backends.named("sim").launch(matmul(DTypes.F16), matmulArgs(DTypes.F16, 9, MemorySegment.ofArray(new float[10]))));
        assertInstanceOf(SimulationException.class, e.getCause());
        assertTrue(e.getMessage().contains("of pointer parameter c are outside its segment of 40 bytes"), e.getMessage());
        // a program the verifier rejects
        Program bad = new Program("bad", List.of(), List.of(i32(1)), 1,
                new Stmt.Seq(List.of(ex(new LoadShared(reg("t", DTypes.F16, LA),
                        new TensorVar("nowhere", new TensorType.Shared(DTypes.F16, SharedLayout.rowMajor(16, 16))),
                        List.of(i32(0), i32(0)))))));
        assertThrows(LaunchException.class, () -> Backends.named("sim").launch(bad, Map.of()));
    }
}
