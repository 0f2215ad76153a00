package org.tilevm.codegen.jvm.gen;

import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.BlockProgress;
import org.tilevm.codegen.jvm.runtime.GlobalTensor;
import org.tilevm.codegen.jvm.runtime.Launch;
import org.tilevm.codegen.jvm.runtime.PrintOps;
import org.tilevm.codegen.jvm.runtime.Semaphores;
import org.tilevm.codegen.jvm.runtime.SharedTensor;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.LockSemaphore;
import org.tilevm.spec.ir.Print;
import org.tilevm.spec.ir.ReleaseSemaphore;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/** lock_semaphore, release_semaphore and print: calls into the runtime with evaluated operands. */
final class MiscGen {
    private MiscGen() {}

    /** Evaluates a semaphore index into an array of exactly its rank (its text appears in messages). */
    private static int index(MethodCtx c, ExprGen e, List<Expr> exprs) {
        GeneratorAdapter g = c.g;
        int idx = c.newArray(Type.LONG_TYPE, exprs.size());
        for (int d = 0; d < exprs.size(); d++) {
            g.loadLocal(idx);
            g.push(d);
            e.value(exprs.get(d));
            g.arrayStore(Type.LONG_TYPE);
        }
        return idx;
    }

    static void lock(LockSemaphore ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        c.info.hasSemaphores = true;
        TensorSlot.Global sem = c.global(ins.sem());
        int idx = index(c, e, ins.index());
        g.loadLocal(sem.local());
        g.loadLocal(idx);
        e.value(ins.value());
        g.loadArg(c.launchArg);
        g.getField(MethodCtx.LAUNCH, "progress", Type.getType(BlockProgress.class));
        g.loadArg(c.launchArg);
        c.loadBlockIdx(0);
        c.loadBlockIdx(1);
        c.loadBlockIdx(2);
        Asm.callVirtual(g, Launch.class, "linear", int.class, int.class, int.class, int.class);
        Asm.callStatic(g, Semaphores.class, "lock", void.class, GlobalTensor.class, long[].class, long.class,
                BlockProgress.class, int.class);
    }

    static void release(ReleaseSemaphore ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        c.info.hasSemaphores = true;
        TensorSlot.Global sem = c.global(ins.sem());
        int idx = index(c, e, ins.index());
        g.loadLocal(sem.local());
        g.loadLocal(idx);
        e.value(ins.value());
        Asm.callStatic(g, Semaphores.class, "release", void.class, GlobalTensor.class, long[].class, long.class);
    }

    static void print(Print ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        c.info.hasPrint = true;
        c.loadBlockIdx(0);
        c.loadBlockIdx(1);
        c.loadBlockIdx(2);
        g.push(ins.message());
        Asm.callStatic(g, PrintOps.class, "begin", StringBuilder.class, int.class, int.class, int.class, String.class);
        int sb = g.newLocal(Type.getType(StringBuilder.class));
        g.storeLocal(sb);
        for (Expr arg : ins.args()) {
            g.loadLocal(sb);
            e.value(arg);
            if (arg.type().isFloat()) {
                c.pushConst(arg.type(), Type.getType(DType.class));
                Asm.callStatic(g, PrintOps.class, "floatArg", void.class, StringBuilder.class, double.class, DType.class);
            } else {
                Asm.callStatic(g, PrintOps.class, "intArg", void.class, StringBuilder.class, long.class);
            }
        }
        TensorVar v = ins.tensor();
        if (v != null) {
            g.loadLocal(sb);
            g.push(v.name() + ": " + describe(v.type()));
            Asm.callStatic(g, PrintOps.class, "header", void.class, StringBuilder.class, String.class);
            switch (v.type()) {
                case TensorType.Register r -> {
                    TensorSlot.Reg slot = c.register(v);
                    g.loadLocal(sb);
                    g.loadLocal(slot.local());
                    g.visitInsn(org.objectweb.asm.Opcodes.ACONST_NULL); // elements are in row-major order
                    c.pushMap(slot.table().shape);
                    c.pushConst(r.dtype(), Type.getType(DType.class));
                    elements(g);
                }
                case TensorType.Shared s -> {
                    TensorSlot.Shared slot = c.shared(v);
                    g.loadLocal(sb);
                    g.loadLocal(slot.local());
                    Asm.callStatic(g, SharedTensor.class, "readable", SharedTensor.class, SharedTensor.class);
                    String field = switch (slot.repr()) {
                        case INT -> "ints";
                        case FLOAT -> "floats";
                        case LONG -> "longs";
                    };
                    g.getField(MethodCtx.SHARED, field, slot.repr().array);
                    c.pushMap(slot.table().offsetOf);
                    c.pushMap(slot.table().shape);
                    c.pushConst(s.dtype(), Type.getType(DType.class));
                    elements(g);
                }
                case TensorType.Global gt -> {
                    g.loadLocal(sb);
                    g.loadLocal(c.global(v).local());
                    Asm.callStatic(g, PrintOps.class, "global", void.class, StringBuilder.class, GlobalTensor.class);
                }
            }
        }
        g.loadArg(c.launchArg);
        g.loadLocal(sb);
        Asm.callStatic(g, PrintOps.class, "end", void.class, Launch.class, StringBuilder.class);
    }

    private static void elements(GeneratorAdapter g) {
        Asm.callStatic(g, PrintOps.class, "elements", void.class, StringBuilder.class, Object.class, int[].class,
                int[].class, DType.class);
    }

    /** The interpreter's description of a tensor type. */
    static String describe(TensorType t) {
        return switch (t) {
            case TensorType.Register r -> "register " + r.dtype().name() + Arrays.toString(r.shape()) + " " + r.layout();
            case TensorType.Shared s -> "shared " + s.dtype().name() + Arrays.toString(s.shape()) + " " + s.layout();
            case TensorType.Global gl -> "global " + gl.dtype().name() + " " + gl.layout();
        };
    }
}
