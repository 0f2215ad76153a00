package org.tilevm.spec.interp;

import java.util.List;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.LockSemaphore;
import org.tilevm.spec.ir.ReleaseSemaphore;
import org.tilevm.spec.ir.TensorVar;

/**
 * lock_semaphore and release_semaphore on an {@code i32} element of a global tensor. Blocks run
 * one after another, so a lock is satisfied at once or never: a lock that finds another value is
 * an error (it would wait forever here, and on a GPU it may wait forever too, since a block may
 * only wait for blocks launched before it).
 */
final class SemaphoreOps {
    private SemaphoreOps() {}

    static void lock(LockSemaphore ins, BlockState b) {
        GlobalValue g = semaphore(ins.sem(), b);
        long[] idx = index(ins.index(), g, b);
        long want = (int) b.eval.evalInt(ins.value());
        long have = DTypes.I32.decodeLong(g.get(g.offset(idx)));
        if (have != want) {
            throw new InterpError("lock_semaphore waits for " + g.var.name() + Shapes.text(idx) + " == " + want
                    + " but it is " + have + "; blocks run one at a time in the reference interpreter, so no other "
                    + "block can change it (a block may only wait for values set by blocks that come before it)");
        }
    }

    static void release(ReleaseSemaphore ins, BlockState b) {
        GlobalValue g = semaphore(ins.sem(), b);
        long[] idx = index(ins.index(), g, b);
        long value = b.eval.evalInt(ins.value());
        g.set(g.offset(idx), DTypes.I32.encodeLong(value));
    }

    private static GlobalValue semaphore(TensorVar v, BlockState b) {
        GlobalValue g = b.global(v);
        if (!g.dtype.equals(DTypes.I32)) {
            throw new InterpError("semaphore tensor " + v.name() + " has dtype " + g.dtype.name() + ", expected i32");
        }
        return g;
    }

    private static long[] index(List<Expr> exprs, GlobalValue g, BlockState b) {
        long[] idx = b.offsets(exprs, g.rank(), "semaphore index");
        if (!g.inside(idx)) {
            throw new InterpError("semaphore index " + Shapes.text(idx) + " is outside " + g.var.name() + " of shape "
                    + Shapes.text(g.shape));
        }
        return idx;
    }
}
