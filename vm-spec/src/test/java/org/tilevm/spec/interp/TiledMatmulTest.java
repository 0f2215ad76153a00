package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Ir.*;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/**
 * A whole kernel: C[M, N] = A[M, K] (f16) x B[K, N] (weights of any dtype, cast to f16) with an f32
 * accumulator, 16x8x16 tiles, odd sizes (33 x 70 x 200) so that edge tiles load zeros and store
 * masked; A goes through shared memory with copy_async. The result must equal, bit for bit, the
 * f32 sum in ascending k.
 */
class TiledMatmulTest {
    static final RegisterLayout LA = Layouts.local(2, 2).spatial(8, 4).local(1, 2);  // [16, 16]
    static final RegisterLayout LB = Layouts.local(2, 1).spatial(4, 8).local(2, 1);  // [16, 8]
    static final RegisterLayout LC = Layouts.local(2, 1).spatial(8, 4).local(1, 2);  // [16, 8]

    static Expr bin(BinaryOp op, Expr a, Expr b) { return new Expr.Binary(op, a, b); }

    static Program kernel(DType wt) {
        Param pa = Param.pointer("a", DTypes.F16), pb = Param.pointer("b", wt), pc = Param.pointer("c", DTypes.F32);
        Param m = Param.scalar("m", DTypes.I32), n = Param.scalar("n", DTypes.I32), k = Param.scalar("k", DTypes.I32);
        TensorVar ga = gmem("ga", DTypes.F16, "m", "k"), gb = gmem("gb", wt, "k", "n"), gc = gmem("gc", DTypes.F32, "m", "n");
        TensorVar sa = smem("sa", DTypes.F16, SharedLayout.rowMajor(16, 16));
        TensorVar ta = reg("ta", DTypes.F16, LA), tw = reg("tw", wt, LB), tb = reg("tb", DTypes.F16, LB);
        TensorVar acc = reg("acc", DTypes.F32, LC);
        Var kb = new Var("kb", DTypes.I32);
        Expr row = bin(BinaryOp.MUL, new Expr.BlockIdx(1), i32(16)), col = bin(BinaryOp.MUL, new Expr.BlockIdx(0), i32(8));
        Expr kOff = bin(BinaryOp.MUL, kb, i32(16));
        List<Stmt> loop = new ArrayList<>(List.of(
                ex(new CopyAsync(sa, ga, at(row, kOff))), ex(new CopyAsyncCommitGroup()),
                ex(new LoadGlobal(tw, gb, at(kOff, col))),
                ex(new CopyAsyncWaitGroup(0)), ex(new SyncThreads()),
                ex(new LoadShared(ta, sa, at(0, 0))), ex(new SyncThreads())));
        loop.add(ex(wt.equals(DTypes.F16) ? new AssignTensor(tb, tw) : new Cast(tb, tw)));
        loop.add(ex(new Dot(acc, ta, tb, acc)));
        Expr ceil16 = bin(BinaryOp.DIV, bin(BinaryOp.ADD, k.var(), i32(15)), i32(16));
        return new Program("matmul", List.of(pa, pb, pc, m, n, k),
                List.of(bin(BinaryOp.DIV, bin(BinaryOp.ADD, n.var(), i32(7)), i32(8)),
                        bin(BinaryOp.DIV, bin(BinaryOp.ADD, m.var(), i32(15)), i32(16))), 1,
                seq(ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new GlobalView(gc, pc)),
                        ex(new AllocateShared(sa)), ex(new AllocateRegister(acc, null)),
                        new Stmt.For(kb, ceil16, 0, seq(loop)),
                        ex(new StoreGlobal(acc, gc, at(row, col)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f16", "u4", "i3", "f4e2m1", "f8e4m3", "u1"})
    void matchesAscendingF32Sum(String weightType) {
        DType wt = DType.parse(weightType);
        int m = 33, n = 70, k = 200;
        Random r = new Random(71);
        long[] a = randomFloats(r, DTypes.F16, m * k, 1);
        long[] b = wt.isFloat() ? randomFloats(r, wt, k * n, 2) : randomCodes(r, wt, k * n);
        MemorySegment c = bytes(m * n * 4, 72);
        long t0 = System.nanoTime();
        interp().launch(kernel(wt), args("a", segment(a, 16), "b", segment(b, wt.bits()), "c", c, "m", m, "n", n, "k", k));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("tiled matmul 33x70x200 with " + weightType + " weights: " + ms + " ms");
        long[] got = codes(c, m * n, 32);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int kk = 0; kk < k; kk++) {
                    float w = (float) DTypes.F16.decode(DType.convert(wt, b[kk * n + j], DTypes.F16));
                    acc += Float.float16ToFloat((short) a[i * k + kk]) * w;
                }
                assertEquals(Float.floatToRawIntBits(acc) & 0xFFFF_FFFFL, got[i * n + j], "(" + i + "," + j + ")");
            }
        }
    }
}
