package org.tilevm.frontend.dsl;

import static org.tilevm.spec.dtype.DTypes.*;

import java.util.List;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.ir.Program;

/** A (meaningless) well-formed program that uses every instruction of the IR through the DSL. */
final class AllInstructions {
    private AllInstructions() {}

    static Program program() {
        RegisterLayout l = Layouts.spatial(8, 4).local(2, 2);     // [16, 8], 32 threads
        RegisterLayout lb = Layouts.spatial(8, 4).local(1, 2);    // [8, 8]
        return Kernel.build("all", k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer a = k.pointer("a", F32), out = k.pointer("out", F32);
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
            RegisterTensor bits = acc.cast(F16).view(I16);
            RegisterTensor sum = acc.plus(acc.neg()).times(0.5);
            RegisterTensor w = k.where(acc.gt(y), acc, sum);
            RegisterTensor r = w.reduceSum(1, true).squeeze(1).unsqueeze(1);
            RegisterTensor t = w.transpose();
            RegisterTensor rs = w.reshape(8, 16);
            k.assign(acc, w);
            k.storeGlobal(acc, go, row, Scalar.i32(0));
            k.lockSemaphore(sem, k.blockIdx(0), Scalar.i32(0));
            k.releaseSemaphore(sem, k.blockIdx(0), Scalar.i32(1));
            k.freeShared(s);
            k.print("done", acc, m);
            k.print("shapes", bits, Scalar.i32(r.rank()), Scalar.i32(t.shape()[0]), Scalar.i32(rs.shape()[1]));
        });
    }
}
