package org.tilevm.frontend.dsl;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.dtype.DTypes.*;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Sym;
import org.tilevm.spec.ir.*;

/** The instructions tensor operations emit and the types (dtype, layout) of their results. */
class TensorOpsTest {
    static final RegisterLayout L = Layouts.spatial(8, 4).local(2, 2);        // [16, 8], 32 threads
    static final RegisterLayout ROW = Layouts.spatial(8, 4).local(2, 2).reduce(new int[] {1}, true); // [16, 1]

    private static List<Instruction> build(Consumer<Kernel> body) {
        return IrWalk.instructions(Kernel.build("ops", k -> {
            k.warps(1);
            k.grid(1);
            body.accept(k);
        }));
    }

    private static <T extends Instruction> T last(List<Instruction> ins, Class<T> type) {
        return type.cast(ins.get(ins.size() - 1));
    }

    private static RegisterLayout layoutOf(TensorVar t) { return t.registerLayout(); }

    @Test
    void castAndUnaryKeepTheLayout() {
        List<Instruction> ins = build(k -> k.registerTensor(F32, L, 1.5).cast(F8E4M3).cast(BF16).abs());
        Cast c1 = (Cast) ins.get(1), c2 = (Cast) ins.get(2);
        assertEquals(new TensorType.Register(F8E4M3, L), c1.out().type());
        assertEquals(new TensorType.Register(BF16, L), c2.out().type());
        assertEquals(c1.out(), c2.src());
        ElementwiseUnary u = last(ins, ElementwiseUnary.class);
        assertEquals(UnaryOp.ABS, u.op());
        assertEquals(new TensorType.Register(BF16, L), u.out().type());
    }

    @Test
    void broadcastingTakesTheLayoutOfTheFullShapeOperand() {
        List<Instruction> ins = build(k -> {
            RegisterTensor x = k.registerTensor(F32, L, 2.0);
            RegisterTensor rowMax = x.reduceMax(1, true);       // [16, 1]
            RegisterTensor shifted = rowMax.minus(x);           // [16,1] - [16,8] -> layout of x
            shifted.exp().div(x.reduceSum(1, true));             // [16,8] / [16,1]
        });
        Reduce r = (Reduce) ins.get(1);
        assertEquals(ReduceOp.MAX, r.op());
        assertEquals(new TensorType.Register(F32, ROW), r.out().type());
        ElementwiseBinary sub = (ElementwiseBinary) ins.get(2);
        assertEquals(BinaryOp.SUB, sub.op());
        assertEquals(r.out(), sub.a());
        assertEquals(L, layoutOf(sub.out()));
        ElementwiseBinary div = last(ins, ElementwiseBinary.class);
        assertEquals(L, layoutOf(div.out()));
        assertArrayEquals(new int[] {16, 1}, layoutOf(div.b()).shape());
    }

    @Test
    void broadcastWithoutAFullOperandNeedsOut() {
        // [1, 8]: thread 4*ti + tj holds columns 2tj, 2tj+1, as in L
        RegisterLayout col = Layouts.replicated(8, 2).spatial(1, 4).local(1, 2);
        assertEquals(32, col.numThreads());
        DslException e = assertThrows(DslException.class, () -> build(k -> {
            RegisterTensor x = k.registerTensor(F32, L).reduceSum(1, true);
            x.plus(k.registerTensor(F32, col));
        }));
        assertTrue(e.getMessage().contains("no operand has the result shape [16, 8]"), e.getMessage());
        List<Instruction> ins = build(k -> {
            RegisterTensor x = k.registerTensor(F32, L).reduceSum(1, true);
            RegisterTensor out = k.registerTensor(F32, L);
            k.binary(BinaryOp.ADD, x, k.registerTensor(F32, col), out);
        });
        ElementwiseBinary add = last(ins, ElementwiseBinary.class);
        assertEquals(L, layoutOf(add.out()));
    }

    @Test
    void buildRunsTheVerifier() {
        // the DSL sees matching shapes; the verifier sees that thread 1 holds x[0, 2] but not y[0, 2]
        RegisterLayout wrongCol = Layouts.spatial(1, 4).local(1, 2).replicated(8); // [1, 8], other threads
        var e = assertThrows(org.tilevm.spec.verify.VerificationException.class, () -> build(k -> {
            RegisterTensor x = k.registerTensor(F32, L);
            x.plus(k.registerTensor(F32, wrongCol));
        }));
        assertTrue(e.getMessage().contains("program 'ops'") && e.getMessage().contains("holder rule"), e.getMessage());
    }

    @Test
    void comparisonsGiveBoolAndWhereSelects() {
        List<Instruction> ins = build(k -> {
            RegisterTensor x = k.registerTensor(F32, L, -1.0);
            RegisterTensor y = k.registerTensor(F32, L, 3.0);
            RegisterTensor positive = x.gt(0.0);
            k.where(positive, x, y);
        });
        ElementwiseScalar gt = (ElementwiseScalar) ins.get(2);
        assertEquals(new TensorType.Register(BOOL, L), gt.out().type());
        assertEquals(new Expr.FloatConst(0, F32), gt.scalar());
        Where w = last(ins, Where.class);
        assertEquals(gt.out(), w.cond());
        assertEquals(new TensorType.Register(F32, L), w.out().type());
    }

    @Test
    void dotAccumulatesIntoAnExplicitOut() {
        RegisterLayout lb = Layouts.spatial(8, 4).local(1, 2); // [8, 8]
        List<Instruction> ins = build(k -> {
            RegisterTensor a = k.registerTensor(F16, L, 1.0);
            RegisterTensor b = k.registerTensor(F16, lb, 1.0);
            RegisterTensor acc = k.registerTensor("acc", F32, L, 0.0);
            RegisterTensor r = k.dot(a, b, acc, acc);
            assertSame(acc, r);
            RegisterTensor fresh = k.dot(a, b, acc);
            assertNotEquals(acc.name(), fresh.name());
        });
        Dot inPlace = (Dot) ins.get(3);
        assertEquals(inPlace.out(), inPlace.c());
        assertEquals("acc", inPlace.out().name());
        Dot fresh = (Dot) ins.get(4);
        assertEquals("acc", fresh.c().name());
        assertEquals(new TensorType.Register(F32, L), fresh.out().type());
    }

    @Test
    void viewReinterpretsBitsPerThread() {
        // 4 x f32 per thread = 128 bits = 32 x u4 per thread
        RegisterLayout nibbles = Layouts.spatial(8, 4).local(2, 16); // [16, 64], 32 locals
        List<Instruction> ins = build(k -> k.registerTensor(F32, L).view(U4, nibbles).view(I4));
        View v1 = (View) ins.get(1), v2 = (View) ins.get(2);
        assertEquals(new TensorType.Register(U4, nibbles), v1.out().type());
        assertEquals(new TensorType.Register(I4, nibbles), v2.out().type());
    }

    @Test
    void shapeOperationsUseTheLayoutAlgebra() {
        List<Instruction> ins = build(k -> {
            RegisterTensor x = k.registerTensor(I8, L, 3);
            x.reduceSum(1).unsqueeze(0);
            x.transpose();
            x.reshape(8, 16);
            x.reduceMin(0, false);
        });
        Reduce sum = (Reduce) ins.get(1);
        assertEquals(L.reduce(new int[] {1}, false), layoutOf(sum.out()));
        Unsqueeze uq = (Unsqueeze) ins.get(2);
        assertEquals(List.of(0), uq.dims());
        assertEquals(L.reduce(new int[] {1}, false).unsqueeze(0), layoutOf(uq.out()));
        assertEquals(L.permute(1, 0), layoutOf(((Transpose) ins.get(3)).out()));
        assertEquals(L.reshape(8, 16), layoutOf(((Reshape) ins.get(4)).out()));
        Reduce min = (Reduce) ins.get(5);
        assertEquals(ReduceOp.MIN, min.op());
        assertEquals(0, min.dim());
        assertFalse(min.keepDim());
    }

    @Test
    void globalViewsAndMemoryInstructions() {
        List<Instruction> ins = build(k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), ld = k.param("ld", I32);
            Pointer p = k.pointer("p", F32);
            GlobalTensor rowMajor = k.globalView(p, m, n);
            GlobalTensor strided = k.globalView(p, List.of(m, n), List.of(ld, Scalar.i32(1)));
            RegisterTensor t = k.loadGlobal(rowMajor, L, k.blockIdx(0).times(16), Scalar.i32(0));
            k.storeGlobal(t, strided, 16, 8);
            SharedTensor s = k.sharedTensor("tile", F32, SharedLayout.rowMajor(32, 8));
            k.storeShared(t, s, 16, 0);
            k.loadSharedInto(t, s, 0, 0);
        });
        GlobalView v1 = (GlobalView) ins.get(0), v2 = (GlobalView) ins.get(1);
        assertEquals(Param.pointer("p", F32), v1.ptr());
        assertEquals(GlobalLayout.rowMajor(List.of(Sym.var("m"), Sym.var("n"))),
                ((TensorType.Global) v1.out().type()).layout());
        assertEquals(GlobalLayout.of(List.of(Sym.var("m"), Sym.var("n")), List.of(Sym.var("ld"), Sym.constant(1))),
                ((TensorType.Global) v2.out().type()).layout());
        assertNotEquals(v1.out().name(), v2.out().name());
        LoadGlobal lg = (LoadGlobal) ins.get(2);
        assertEquals(List.of(new Expr.Binary(BinaryOp.MUL, new Expr.BlockIdx(0), Expr.i32(16)), Expr.i32(0)), lg.offsets());
        StoreGlobal sg = (StoreGlobal) ins.get(3);
        assertEquals(List.of(Expr.i32(16), Expr.i32(8)), sg.offsets());
        assertEquals("tile", ((AllocateShared) ins.get(4)).out().name());
        LoadShared ls = last(ins, LoadShared.class);
        assertEquals(lg.out(), ls.out(), "loadSharedInto overwrites the given tensor");
    }
}
