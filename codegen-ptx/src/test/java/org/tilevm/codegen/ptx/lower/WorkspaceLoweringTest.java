package org.tilevm.codegen.ptx.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.cuda.CudaPrinter;
import org.tilevm.codegen.ptx.sim.SimBackend;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.Sym;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.AllocateGlobal;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.ElementwiseBinary;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.GlobalView;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.LoadGlobal;
import org.tilevm.spec.ir.LockSemaphore;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.ReleaseSemaphore;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.StoreGlobal;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/** allocate_global: a zero-filled workspace per launch, here a split-K style sum ordered by a semaphore. */
class WorkspaceLoweringTest {

    static TensorVar global(String name, DType t, long n) {
        return new TensorVar(name, new TensorType.Global(t, GlobalLayout.rowMajor(List.of(Sym.constant(n)))));
    }

    /** Four blocks add their 32-element chunk of x into a workspace, one after another; each writes the running sum to out. */
    static Program splitSum() {
        Param px = Param.pointer("x", DTypes.F32), pout = Param.pointer("out", DTypes.F32);
        TensorVar gx = global("gx", DTypes.F32, 128), gout = global("gout", DTypes.F32, 32);
        TensorVar ws = global("ws", DTypes.F32, 32), sem = global("sem", DTypes.I32, 1);
        var reg = new TensorType.Register(DTypes.F32, Layouts.spatial(32));
        TensorVar t = new TensorVar("t", reg), a = new TensorVar("a", reg), s = new TensorVar("s", reg);
        Expr b = new Expr.BlockIdx(0);
        List<Instruction> ins = List.of(
                new GlobalView(gx, px), new GlobalView(gout, pout), new AllocateGlobal(ws), new AllocateGlobal(sem),
                new LoadGlobal(t, gx, List.of(new Expr.Binary(org.tilevm.spec.ir.BinaryOp.MUL, b, Expr.i32(32)))),
                new LockSemaphore(sem, List.of(Expr.i32(0)), b),
                new LoadGlobal(a, ws, List.of(Expr.i32(0))),
                new ElementwiseBinary(s, BinaryOp.ADD, a, t),
                new StoreGlobal(s, ws, List.of(Expr.i32(0))),
                new StoreGlobal(s, gout, List.of(Expr.i32(0))),
                new ReleaseSemaphore(sem, List.of(Expr.i32(0)), new Expr.Binary(BinaryOp.ADD, b, Expr.i32(1))));
        return new Program("split_sum", List.of(px, pout), List.of(Expr.i32(4)), 1,
                new Stmt.Seq(ins.stream().<Stmt>map(Stmt.Exec::new).toList()));
    }

    @Test
    void workspacesAreExtraPointerParametersThatLaunchersZeroFill() {
        Program p = splitSum();
        ThreadProgram tp = Lowering.lower(p);
        assertEquals(2, tp.workspaces().size());
        assertEquals(List.of("x", "out", "ws_ws", "ws_sem"), tp.params().stream().map(Param::name).toList());
        assertEquals(128, tp.workspaces().get(0).bytes(Map.of()));
        assertTrue(CudaPrinter.print(tp).contains("ws_sem"), "the printed kernel takes the workspace pointers");
        Random rnd = new Random(11);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(128 * 4, 16);
            for (int i = 0; i < 128; i++) x.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextGaussian());
            MemorySegment oi = arena.allocate(32 * 4, 16), os = arena.allocate(32 * 4, 16);
            Backends.named("interp").launch(p, Map.of("x", x, "out", oi));
            SimBackend sim = new SimBackend();
            sim.launch(p, Map.of("x", x, "out", os));
            assertEquals(-1, oi.mismatch(os), "sim equals interp");
            sim.launch(p, Map.of("x", x, "out", os)); // a second launch starts from a zero workspace again
            assertEquals(-1, oi.mismatch(os), "workspaces are fresh per launch");
            float expect0 = 0;
            for (int blk = 0; blk < 4; blk++) expect0 += x.getAtIndex(ValueLayout.JAVA_FLOAT, blk * 32);
            assertEquals(expect0, os.getAtIndex(ValueLayout.JAVA_FLOAT, 0), 1e-5f);
        }
    }
}
