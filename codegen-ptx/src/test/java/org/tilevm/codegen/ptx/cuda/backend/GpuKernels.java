package org.tilevm.codegen.ptx.cuda.backend;

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
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

/** Small block-level programs, in the style of the stdlib kernels, for the CUDA backend's tests. */
public final class GpuKernels {
    private GpuKernels() {}

    static Scalar c(int v) { return Scalar.i32(v); }

    /** c[m, n] = a[m, n] * s + 1 over [16, 64] f32 tiles, with an f16 scalar (passed as its code). */
    public static Program scale() {
        return Kernel.build("scale", k -> {
            ScalarParam m = k.param("m", DTypes.I32), n = k.param("n", DTypes.I32);
            Pointer pa = k.pointer("a", DTypes.F32), pc = k.pointer("c", DTypes.F32);
            ScalarParam s = k.param("s", DTypes.F16);
            k.warps(1);
            k.grid(n.ceilDiv(64), m.ceilDiv(16));
            GlobalTensor ga = k.globalView(pa, m, n), gc = k.globalView(pc, m, n);
            RegisterLayout l = Layouts.local(2, 1).spatial(8, 4).local(1, 4).local(1, 4);
            RegisterTensor x = k.loadGlobal(ga, l, k.blockIdx(1).times(16), k.blockIdx(0).times(64));
            k.storeGlobal(x.times(s.cast(DTypes.F32)).plus(1.0), gc, k.blockIdx(1).times(16), k.blockIdx(0).times(64));
        });
    }

    /** C[16, 16] = A[16, 32] x B[32, 16] (f16, f32 accumulate) in one warp: cp.async, ldmatrix, mma.sync. */
    public static Program mmaTile() {
        return Kernel.build("mma_tile", k -> {
            Pointer pa = k.pointer("a", DTypes.F16), pb = k.pointer("b", DTypes.F16), pc = k.pointer("c", DTypes.F32);
            k.warps(1);
            k.grid(1);
            GlobalTensor ga = k.globalView(pa, c(16), c(32)), gb = k.globalView(pb, c(32), c(16)), gc = k.globalView(pc, c(16), c(16));
            SharedTensor sa = k.sharedTensor("sa", DTypes.F16, SharedLayout.rowMajor(16, 32));
            SharedTensor sb = k.sharedTensor("sb", DTypes.F16, SharedLayout.rowMajor(32, 16));
            k.copyAsync(sa, ga, c(0), c(0));
            k.copyAsync(sb, gb, c(0), c(0));
            k.copyAsyncWaitAll();
            k.sync();
            RegisterLayout aL = Layouts.local(1, 2).columnLocal(2, 2).spatial(8, 4).local(1, 2);
            RegisterLayout bL = Layouts.local(2, 2).local(2, 1).columnSpatial(4, 8).local(2, 1);
            RegisterLayout cL = Layouts.local(1, 2).local(2, 1).spatial(8, 4).local(1, 2);
            RegisterTensor a = k.loadShared(sa, aL, 0, 0), b = k.loadShared(sb, bL, 0, 0);
            RegisterTensor acc = k.registerTensor("acc", DTypes.F32, cL, 0.0);
            k.dot(a, b, acc, acc);
            k.storeGlobal(acc, gc, 0, 0);
        });
    }

    /** Copies a [128, 128] f32 tile through 64 KB of shared memory (more than the 48 KB default). */
    public static Program bigShared() {
        return Kernel.build("big_shared", k -> {
            Pointer pa = k.pointer("a", DTypes.F32), pc = k.pointer("c", DTypes.F32);
            k.warps(4);
            k.grid(1);
            GlobalTensor ga = k.globalView(pa, c(128), c(128)), gc = k.globalView(pc, c(128), c(128));
            SharedTensor s = k.sharedTensor("s", DTypes.F32, SharedLayout.rowMajor(128, 128));
            k.copyAsync(s, ga, c(0), c(0));
            k.copyAsyncWaitAll();
            k.sync();
            RegisterTensor t = k.loadShared(s, Layouts.local(8, 1).spatial(16, 8).local(1, 16), 0, 0);
            k.storeGlobal(t, gc, 0, 0);
        });
    }
}
