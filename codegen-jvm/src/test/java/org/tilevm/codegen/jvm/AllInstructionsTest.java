package org.tilevm.codegen.jvm;

import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.F16;
import static org.tilevm.spec.dtype.DTypes.F32;
import static org.tilevm.spec.dtype.DTypes.I16;
import static org.tilevm.spec.dtype.DTypes.I32;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.frontend.dsl.SharedTensor;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;

/** One program with every one of the 30 instructions runs on the JVM backend exactly as on the interpreter. */
class AllInstructionsTest {

    static Program program() {
        RegisterLayout l = Layouts.spatial(8, 4).local(2, 2);
        RegisterLayout lb = Layouts.spatial(8, 4).local(1, 2);
        return Kernel.build("all", k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer a = k.pointer("a", F32), out = k.pointer("out", F32), bits = k.pointer("bits", I16);
            k.warps(1);
            k.grid(m.ceilDiv(16));
            Scalar row = k.blockIdx(0).times(16);
            GlobalTensor ga = k.globalView(a, m, n);
            GlobalTensor go = k.globalView(out, List.of(m, n), List.of(n, Scalar.i32(1)));
            GlobalTensor sem = k.globalTensor(I32, m);
            SharedTensor s = k.sharedTensor(F32, SharedLayout.rowMajor(16, 8));
            k.copyAsync(s, ga, row, Scalar.i32(0));
            k.copyAsyncCommitGroup();
            k.copyAsyncWaitGroup(0);
            k.copyAsyncWaitAll();
            k.sync();
            RegisterTensor x = k.loadShared(s, l, 0, 0);
            RegisterTensor y = k.loadGlobal(ga, l, row, Scalar.i32(0));
            k.storeShared(y, s, 0, 0);
            RegisterTensor acc = k.registerTensor("acc", F32, l, Scalar.f32(0));
            RegisterTensor b = k.registerTensor(F32, lb, 1.0);
            k.dot(x, b, acc, acc);
            RegisterTensor v = acc.cast(F16).view(I16);
            RegisterTensor sum = acc.plus(acc.neg()).times(0.5);
            RegisterTensor w = k.where(acc.gt(y), acc, sum);
            RegisterTensor r = w.reduceSum(1, true).squeeze(1).unsqueeze(1);
            RegisterTensor t = w.transpose().transpose();
            RegisterTensor rs = w.reshape(8, 16).reshape(16, 8);
            k.assign(acc, w.plus(t).minus(rs).plus(r));
            k.storeGlobal(acc, go, row, Scalar.i32(0));
            k.storeGlobal(v, k.globalView(bits, m, n), row, Scalar.i32(0));
            k.lockSemaphore(sem, k.blockIdx(0), Scalar.i32(0));
            k.releaseSemaphore(sem, k.blockIdx(0), Scalar.i32(1));
            k.freeShared(s);
            k.print("done", acc, m);
        });
    }

    @Test
    void everyInstructionMatchesTheInterpreter() {
        Program p = program();
        Set<Class<?>> used = new HashSet<>();
        collect(p.body(), used);
        org.junit.jupiter.api.Assertions.assertEquals(Instruction.class.getPermittedSubclasses().length, used.size(),
                "instructions used: " + used);
        Random rnd = new Random(11);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Differential.INTERP.setOutput(quiet);
        Differential.JVM.setOutput(quiet);
        try {
            Differential.checkOk(p, args("m", 37, "n", 8), Map.of("a", DotTest.values(rnd, F32, 37 * 8),
                    "out", Differential.random(rnd, F32, 37 * 8), "bits", Differential.random(rnd, I16, 37 * 8)));
        } finally {
            Differential.INTERP.setOutput(System.out);
            Differential.JVM.setOutput(System.out);
        }
    }

    private static void collect(Stmt s, Set<Class<?>> out) {
        switch (s) {
            case Stmt.Seq q -> q.body().forEach(x -> collect(x, out));
            case Stmt.For f -> collect(f.body(), out);
            case Stmt.If i -> {
                collect(i.then(), out);
                if (i.otherwise() != null) collect(i.otherwise(), out);
            }
            case Stmt.While w -> collect(w.body(), out);
            case Stmt.Exec x -> out.add(x.instruction().getClass());
            default -> { }
        }
    }
}
