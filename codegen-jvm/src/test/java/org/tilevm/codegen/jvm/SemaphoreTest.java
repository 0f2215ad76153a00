package org.tilevm.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.jvm.Differential.args;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.layout.Layouts;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

/**
 * Semaphores between blocks that run in parallel (SPEC S6.9): blocks take turns in linear order
 * through a workspace semaphore and each adds its tile into a shared f32 accumulator, so the
 * result (float sums do not commute) equals the interpreter's only if every block waited for its
 * turn. A lock no block can satisfy fails instead of hanging.
 */
class SemaphoreTest {

    @Test
    void blocksTakeTurnsInLinearOrder() {
        Program p = Kernel.build("turns", k -> {
            ScalarParam gx = k.param("gx", DTypes.I32);
            Pointer x = k.pointer("x", DTypes.F32), acc = k.pointer("acc", DTypes.F32);
            k.warps(1);
            k.grid(gx, Scalar.i32(2), Scalar.i32(2));
            GlobalTensor sem = k.globalTensor(DTypes.I32, Scalar.i32(1));
            Scalar linear = k.let("linear", k.blockIdx(0).plus(gx.times(k.blockIdx(1).plus(k.blockIdx(2).times(2)))));
            RegisterTensor mine = k.loadGlobal(k.globalView(x, Scalar.i32(64), Scalar.i32(8)), Layouts.spatial(8, 4).local(1, 2),
                    linear.times(4), Scalar.i32(0));
            GlobalTensor ga = k.globalView(acc, Scalar.i32(8), Scalar.i32(8));
            k.lockSemaphore(sem, Scalar.i32(0), linear);
            RegisterTensor sum = k.loadGlobal(ga, Layouts.spatial(8, 4).local(1, 2), 0, 0);
            k.storeGlobal(sum.times(Scalar.f32(1.5)).plus(mine), ga, 0, 0);
            k.releaseSemaphore(sem, Scalar.i32(0), linear.plus(1));
        });
        Random rnd = new Random(81);
        for (int rep = 0; rep < 5; rep++) {
            Differential.checkOk(p, args("gx", 3), Map.of("x", DotTest.values(rnd, DTypes.F32, 64 * 8),
                    "acc", DotTest.values(rnd, DTypes.F32, 64)));
        }
    }

    @Test
    void aLockNoBlockCanSatisfyFails() {
        Program p = Kernel.build("stuck", k -> {
            Pointer s = k.pointer("s", DTypes.I32);
            k.warps(1);
            k.grid(2);
            GlobalTensor gs = k.globalView(s, Scalar.i32(4));
            k.lockSemaphore(gs, k.blockIdx(0).plus(1), Scalar.i32(7));
        });
        byte[] zeros = new byte[16];
        zeros[0] = 1; // never all zero; element 0 is not waited on
        Differential.Outcome interp = Differential.run(Differential.INTERP, p, Map.of(), Map.of("s", zeros), false);
        Differential.Outcome jvm = Differential.run(Differential.JVM, p, Map.of(), Map.of("s", zeros), true);
        assertNotNull(interp.error());
        assertNotNull(jvm.error());
        assertTrue(jvm.error().startsWith("stuck: body[1] lock_semaphore: lock_semaphore waits for g_s[1] == 7 but it is 0;"),
                jvm.error());
    }
}
