package org.tilevm.spec.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tilevm.spec.print.Ir.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Swizzle;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** The text is a function of the program, and programs that mean different things print differently. */
class PrinterDeterminismTest {

    @Test
    void equalProgramsBuiltSeparatelyPrintTheSame() {
        assertEquals(ProgramPrinter.print(SamplePrograms.matmul()),
                ProgramPrinter.print(SamplePrograms.matmul()));
        Program p = SamplePrograms.scale();
        String first = ProgramPrinter.print(p);
        for (int i = 0; i < 5; i++) assertEquals(first, ProgramPrinter.print(p));
    }

    /** Knobs of one small program; each variant changes exactly one semantic detail. */
    record Knobs(DType ptrType, DType accType, RegisterLayout layout, SharedLayout smem, String stride, int unroll,
                 Expr offset, Expr init, int warps, Expr grid, boolean keepDim, ReduceOp reduceOp, Expr extent,
                 BinaryOp op, String message) {}

    static Knobs base() {
        return new Knobs(DTypes.F16, DTypes.F32, Layouts.spatial(8, 4).local(2, 2), SharedLayout.rowMajor(16, 8),
                "k", 2, c(0), Expr.f32(0), 1, ceilDiv(i32("m"), 16), true, ReduceOp.SUM, c(4), BinaryOp.ADD, "hi");
    }

    static Program build(Knobs k) {
        Param m = Param.scalar("m", DTypes.I32), kk = Param.scalar("k", DTypes.I32), a = Param.pointer("a", k.ptrType());
        RegisterLayout l = k.layout();
        if (k.warps() == 2) l = l.spatial(2, 1).local(1, 1);
        TensorVar ga = global("ga", k.ptrType(), GlobalLayout2.of(k.stride()));
        TensorVar t = reg("t", k.ptrType(), l), acc = reg("acc", k.accType(), l);
        TensorVar s = shared("s", k.ptrType(), k.smem());
        TensorVar r = reg("r", k.accType(), l.reduce(new int[] {1}, k.keepDim()));
        Var i = i32("i");
        return program("knobs", List.of(m, kk, a), List.of(k.grid()), k.warps(),
                exec(new GlobalView(ga, a)),
                exec(new AllocateRegister(acc, k.init())),
                exec(new AllocateShared(s)),
                new Stmt.For(i, k.extent(), k.unroll(), seq(
                        exec(new LoadGlobal(t, ga, List.of(add(i, k.offset()), c(0)))),
                        exec(new Cast(t, t)),
                        exec(new ElementwiseBinary(acc, k.op(), acc, acc)))),
                exec(new Reduce(r, acc, 1, k.reduceOp(), k.keepDim())),
                exec(new Print(k.message(), List.of(), r)));
    }

    /** Row-major [m, 8] with a configurable leading stride. */
    static final class GlobalLayout2 {
        static org.tilevm.layout.GlobalLayout of(String stride) {
            return org.tilevm.layout.GlobalLayout.of(List.of(sym("m"), sym("16")), List.of(sym(stride), sym("1")));
        }
    }

    @Test
    void everySemanticDetailChangesTheText() {
        Knobs b = base();
        List<Function<Knobs, Knobs>> changes = List.of(
                k -> new Knobs(DTypes.BF16, k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), DTypes.F16, k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), Layouts.spatial(8, 4).columnLocal(2, 2), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), Layouts.local(2, 2).spatial(8, 4), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), SharedLayout.columnMajor(16, 8), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), SharedLayout.rowMajor(16, 8).withSwizzle(new Swizzle(1, 3, 3)), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), "m", k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), 0, k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), -1, k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), c(1), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), Expr.f32(-0.0), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), new Expr.FloatConst(0, DTypes.F16), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), null, k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), 2, k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), ceilDiv(i32("m"), 32), k.keepDim(), k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), false, k.reduceOp(), k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), ReduceOp.MAX, k.extent(), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), new Expr.IntConst(4, DTypes.I64), k.op(), k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), BinaryOp.MUL, k.message()),
                k -> new Knobs(k.ptrType(), k.accType(), k.layout(), k.smem(), k.stride(), k.unroll(), k.offset(), k.init(), k.warps(), k.grid(), k.keepDim(), k.reduceOp(), k.extent(), k.op(), "hi "));
        List<String> texts = new ArrayList<>();
        texts.add(ProgramPrinter.print(build(b)));
        for (Function<Knobs, Knobs> change : changes) texts.add(ProgramPrinter.print(build(change.apply(b))));
        assertEquals(texts.size(), new HashSet<>(texts).size(), String.join("\n----\n", texts));
    }
}
