package org.tilevm.spec.print;

import static org.tilevm.spec.print.Ir.*;

import java.util.List;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Small well-formed programs (printed to golden text by the printer tests, accepted by the verifier tests). */
public final class SamplePrograms {
    private SamplePrograms() {}

    /** y[i] = f32(x[i] * 0.5) over blocks of 32 elements. */
    public static Program scale() {
        Param n = Param.scalar("n", DTypes.I32), x = Param.pointer("x", DTypes.F16), y = Param.pointer("y", DTypes.F32);
        RegisterLayout l = Layouts.spatial(32);
        TensorVar gx = global("gx", DTypes.F16, rowMajor("n")), gy = global("gy", DTypes.F32, rowMajor("n"));
        TensorVar t = reg("t", DTypes.F16, l), s = reg("s", DTypes.F16, l), f = reg("f", DTypes.F32, l);
        Expr off = mul(bx(), c(32));
        return program("scale", List.of(n, x, y), List.of(ceilDiv(n.var(), 32)), 1,
                exec(new GlobalView(gx, x)),
                exec(new GlobalView(gy, y)),
                exec(new LoadGlobal(t, gx, List.of(off))),
                exec(new ElementwiseScalar(s, BinaryOp.MUL, t, new Expr.FloatConst(0.5, DTypes.F16))),
                exec(new Cast(f, s)),
                exec(new StoreGlobal(f, gy, List.of(off))));
    }

    /** A 16x8 tile of C = A x B with a k loop, shared memory, async copies and scalar control flow. */
    public static Program matmul() {
        Param m = Param.scalar("m", DTypes.I32), n = Param.scalar("n", DTypes.I32), k = Param.scalar("k", DTypes.I32);
        Param a = Param.pointer("a", DTypes.F16), b = Param.pointer("b", DTypes.F16), cp = Param.pointer("c", DTypes.F32);
        TensorVar ga = global("ga", DTypes.F16, rowMajor("m", "k"));
        TensorVar gb = global("gb", DTypes.F16, rowMajor("k", "n"));
        TensorVar gc = global("gc", DTypes.F32, rowMajor("m", "n"));
        TensorVar acc = reg("acc", DTypes.F32, MMA_C);
        TensorVar sa = shared("sa", DTypes.F16, SharedLayout.rowMajor(16, 16));
        TensorVar ta = reg("ta", DTypes.F16, Layouts.local(2, 1).spatial(8, 4).local(1, 4));
        TensorVar tb = reg("tb", DTypes.F16, Layouts.spatial(4, 8).local(4, 1));
        Var kb = i32("kb"), i = i32("i");
        Stmt loop = new Stmt.For(kb, ceilDiv(k.var(), 16), 2, seq(
                exec(new CopyAsync(sa, ga, List.of(mul(bx(), c(16)), mul(kb, c(16))))),
                exec(new CopyAsyncCommitGroup()),
                exec(new CopyAsyncWaitGroup(0)),
                exec(new SyncThreads()),
                exec(new LoadShared(ta, sa, List.of(c(0), c(0)))),
                exec(new LoadGlobal(tb, gb, List.of(mul(kb, c(16)), mul(by(), c(8))))),
                exec(new Dot(acc, ta, tb, acc))));
        Stmt spin = new Stmt.While(bin(BinaryOp.LT, i, c(3)), seq(
                new Stmt.Assign(i, add(i, c(1))),
                new Stmt.If(bin(BinaryOp.EQ, i, c(2)), seq(new Stmt.Break()), null)));
        return program("mm", List.of(m, n, k, a, b, cp), List.of(ceilDiv(m.var(), 16), ceilDiv(n.var(), 8)), 1,
                exec(new GlobalView(ga, a)),
                exec(new GlobalView(gb, b)),
                exec(new GlobalView(gc, cp)),
                exec(new AllocateRegister(acc, null)),
                exec(new AllocateShared(sa)),
                loop,
                exec(new FreeShared(sa)),
                new Stmt.Let(i, c(0)),
                spin,
                exec(new StoreGlobal(acc, gc, List.of(mul(bx(), c(16)), mul(by(), c(8))))));
    }

}
