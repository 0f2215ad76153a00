package org.tilevm.frontend.dsl;

import static org.tilevm.spec.dtype.DTypes.F32;
import static org.tilevm.spec.dtype.DTypes.I32;

import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.ir.Program;

/**
 * The worked example of {@code frontend/DSL.md}: a tiled f32 matmul C[M,N] = A[M,K] x B[K,N]
 * (row-major) for 4 warps. Each block computes a 32x32 tile of C; K is walked in steps of 16
 * through shared memory, and each step is split at build time into two 8-wide dots.
 */
final class MatmulExample {
    private MatmulExample() {}

    static final int BM = 32, BN = 32, BK = 16, SUB = 8;

    // thread t = 16*ti + tj (ti < 8, tj < 16) owns C rows 4ti..4ti+3, columns 2tj..2tj+1
    static final RegisterLayout C_LAYOUT = Layouts.spatial(8, 16).local(4, 2);                    // [32, 32]
    // ... and so needs A rows 4ti..4ti+3 (replicated over tj) and B columns 2tj..2tj+1 (over ti)
    static final RegisterLayout A_LAYOUT = Layouts.spatial(8, 1).replicated(16).local(4, SUB);     // [32, 8]
    static final RegisterLayout B_LAYOUT = Layouts.replicated(8, 2).spatial(1, 16).local(SUB, 2);  // [8, 32]

    static Program program() {
        return Kernel.build("matmul", k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), kk = k.param("k", I32);
            Pointer a = k.pointer("a", F32), b = k.pointer("b", F32), c = k.pointer("c", F32);
            k.warps(4);
            k.grid(m.ceilDiv(BM), n.ceilDiv(BN));

            GlobalTensor ga = k.globalView(a, m, kk);
            GlobalTensor gb = k.globalView(b, kk, n);
            GlobalTensor gc = k.globalView(c, m, n);
            Scalar row = k.blockIdx(0).times(BM);
            Scalar col = k.blockIdx(1).times(BN);

            SharedTensor sa = k.sharedTensor(F32, SharedLayout.rowMajor(BM, BK));
            SharedTensor sb = k.sharedTensor(F32, SharedLayout.rowMajor(BK, BN));
            RegisterTensor acc = k.registerTensor("acc", F32, C_LAYOUT, 0.0);

            k.forRange("kb", kk.ceilDiv(BK), kb -> {
                k.copyAsync(sa, ga, row, kb.times(BK));      // out-of-range elements read as 0
                k.copyAsync(sb, gb, kb.times(BK), col);
                k.copyAsyncWaitAll();
                k.sync();
                for (int s = 0; s < BK / SUB; s++) {         // a Java loop: unrolled at build time
                    RegisterTensor ta = k.loadShared(sa, A_LAYOUT, 0, s * SUB);
                    RegisterTensor tb = k.loadShared(sb, B_LAYOUT, s * SUB, 0);
                    k.dot(ta, tb, acc, acc);                  // acc = acc + ta @ tb
                }
                k.sync();                                     // before the next copy overwrites sa, sb
            });
            k.storeGlobal(acc, gc, row, col);                 // out-of-range elements are not stored
            k.freeShared(sb);
            k.freeShared(sa);
        });
    }
}
