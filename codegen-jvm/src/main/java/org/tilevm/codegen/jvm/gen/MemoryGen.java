package org.tilevm.codegen.jvm.gen;

import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.AsyncGroups;
import org.tilevm.codegen.jvm.runtime.GlobalOps;
import org.tilevm.codegen.jvm.runtime.GlobalTensor;
import org.tilevm.codegen.jvm.runtime.SharedOps;
import org.tilevm.codegen.jvm.runtime.SharedTensor;
import org.tilevm.codegen.jvm.runtime.TilePlan;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.CopyAsync;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.LoadGlobal;
import org.tilevm.spec.ir.LoadShared;
import org.tilevm.spec.ir.StoreGlobal;
import org.tilevm.spec.ir.StoreShared;

/**
 * Global and shared memory instructions. Global transfers go through the block's dense array of
 * element codes: {@link GlobalOps} moves the tile between memory and that array (checking bounds
 * once per tile when it can), and generated loops move it between the array and the register
 * slots (all holders of each element) or the shared slots. Shared loads and stores are single
 * gather/scatter loops over constant index maps; with run-time offsets, the window is checked
 * first and the map is applied relative to its origin.
 */
final class MemoryGen {
    private MemoryGen() {}

    private static final Type PLAN = Type.getType(TilePlan.class);

    /** Evaluates the offsets into the block's offset array and pushes it. */
    static int offsets(MethodCtx c, ExprGen e, List<Expr> exprs) {
        GeneratorAdapter g = c.g;
        int off = c.offsets(exprs.size());
        for (int d = 0; d < exprs.size(); d++) {
            g.loadLocal(off);
            g.push(d);
            e.value(exprs.get(d));
            g.arrayStore(Type.LONG_TYPE);
        }
        return off;
    }

    static void loadGlobal(LoadGlobal ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Global src = c.global(ins.src());
        int off = offsets(c, e, ins.offsets());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        RegTable t = out.table();
        int dense = c.dense(t.numElements);
        gather(c, src, off, new TilePlan(t.shape), dense);
        DType dt = ins.out().type().dtype();
        Asm.forRange(g, t.numSlots, s -> {
            g.loadLocal(out.local());
            g.loadLocal(s);
            g.loadLocal(dense);
            c.pushMap(t.slotElem);
            g.loadLocal(s);
            g.arrayLoad(Type.INT_TYPE);
            g.arrayLoad(Type.LONG_TYPE);
            CastGen.longCodeToStorage(g, dt);
            g.arrayStore(out.repr().elem);
        });
    }

    private static void gather(MethodCtx c, TensorSlot.Global src, int off, TilePlan plan, int dense) {
        GeneratorAdapter g = c.g;
        g.loadLocal(src.local());
        g.loadLocal(off);
        c.pushConst(plan, PLAN);
        g.loadLocal(dense);
        Asm.callStatic(g, GlobalOps.class, "gather", void.class, GlobalTensor.class, long[].class, TilePlan.class,
                long[].class);
    }

    static void storeGlobal(StoreGlobal ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Global dst = c.global(ins.dst());
        int off = offsets(c, e, ins.offsets());
        RegTable t = src.table();
        int dense = c.dense(t.numElements);
        DType dt = ins.src().type().dtype();
        Asm.forRange(g, t.numElements, el -> {
            g.loadLocal(dense);
            g.loadLocal(el);
            g.loadLocal(src.local());
            c.pushMap(t.firstSlot);
            g.loadLocal(el);
            g.arrayLoad(Type.INT_TYPE);
            g.arrayLoad(src.repr().elem);
            CastGen.storageToLongCode(g, dt);
            g.arrayStore(Type.LONG_TYPE);
        });
        g.loadLocal(dense);
        g.loadLocal(dst.local());
        g.loadLocal(off);
        c.pushConst(new TilePlan(t.shape), PLAN);
        Asm.callStatic(g, GlobalOps.class, "scatter", void.class, long[].class, GlobalTensor.class, long[].class,
                TilePlan.class);
    }

    /** Pushes the shared tensor's slot array (by its representation). */
    private static void sharedArray(MethodCtx c, Repr repr) {
        String field = switch (repr) {
            case INT -> "ints";
            case FLOAT -> "floats";
            case LONG -> "longs";
        };
        c.g.getField(MethodCtx.SHARED, field, repr.array);
    }

    /** Constant offsets (known in range: the verifier checks constant windows) -> the origin's position, else null. */
    private static Integer constantBase(List<Expr> offsets, ShTable sh, int[] tileShape) {
        int base = 0;
        for (int d = 0; d < offsets.size(); d++) {
            if (!(offsets.get(d) instanceof Expr.IntConst k)) return null;
            long o = k.value();
            if (o < 0 || o + tileShape[d] > sh.shape[d]) return null; // let the run-time check report it
            base += (int) o * sh.strides[d];
        }
        return base;
    }

    /** Pushes the run-time origin (after the window check), or nothing for constant offsets. */
    private static Integer window(MethodCtx c, ExprGen e, List<Expr> offsets, ShTable sh, int[] tileShape, String what,
                                  String name) {
        Integer base = constantBase(offsets, sh, tileShape);
        if (base != null) return base;
        GeneratorAdapter g = c.g;
        int off = offsets(c, e, offsets);
        g.loadLocal(off);
        c.pushMap(tileShape);
        c.pushMap(sh.shape);
        c.pushMap(sh.strides);
        g.push(what);
        g.push(name);
        Asm.callStatic(g, SharedOps.class, "window", int.class, long[].class, int[].class, int[].class, int[].class,
                String.class, String.class);
        return null;
    }

    static void loadShared(LoadShared ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Shared src = c.shared(ins.src());
        g.loadLocal(src.local());
        Asm.callStatic(g, SharedTensor.class, "live", SharedTensor.class, SharedTensor.class);
        g.pop();
        TensorSlot.Reg out = c.defineRegister(ins.out());
        RegTable t = out.table();
        ShTable sh = src.table();
        Integer base = window(c, e, ins.offsets(), sh, t.shape, "load_shared reads", ins.src().name());
        int baseLocal = -1;
        if (base == null) {
            baseLocal = g.newLocal(Type.INT_TYPE);
            g.storeLocal(baseLocal);
        }
        int arr = g.newLocal(src.repr().array);
        g.loadLocal(src.local());
        Asm.callStatic(g, SharedTensor.class, "readable", SharedTensor.class, SharedTensor.class);
        sharedArray(c, src.repr());
        g.storeLocal(arr);
        int[] rel = relative(t, sh);
        int finalBase = baseLocal;
        int[] direct = base == null ? null : slotsToOffsets(t, sh, rel, base);
        int[] relSlots = new int[t.numSlots];
        for (int s = 0; s < t.numSlots; s++) relSlots[s] = rel[t.slotElem[s]];
        Asm.forRange(g, t.numSlots, s -> {
            g.loadLocal(out.local());
            g.loadLocal(s);
            g.loadLocal(arr);
            if (direct != null) {
                c.pushMap(direct);
                g.loadLocal(s);
                g.arrayLoad(Type.INT_TYPE);
            } else {
                c.pushMap(sh.offsetOf);
                g.loadLocal(finalBase);
                c.pushMap(relSlots);
                g.loadLocal(s);
                g.arrayLoad(Type.INT_TYPE);
                g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
                g.arrayLoad(Type.INT_TYPE);
            }
            g.arrayLoad(out.repr().elem);
            g.arrayStore(out.repr().elem);
        });
    }

    static void storeShared(StoreShared ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Shared dst = c.shared(ins.dst());
        g.loadLocal(dst.local());
        Asm.callStatic(g, SharedTensor.class, "live", SharedTensor.class, SharedTensor.class);
        g.pop();
        RegTable t = src.table();
        ShTable sh = dst.table();
        Integer base = window(c, e, ins.offsets(), sh, t.shape, "store_shared writes", ins.dst().name());
        int baseLocal = -1;
        if (base == null) {
            baseLocal = g.newLocal(Type.INT_TYPE);
            g.storeLocal(baseLocal);
        }
        int arr = g.newLocal(dst.repr().array);
        g.loadLocal(dst.local());
        Asm.callStatic(g, SharedTensor.class, "writable", SharedTensor.class, SharedTensor.class);
        sharedArray(c, dst.repr());
        g.storeLocal(arr);
        int[] rel = relative(t, sh);
        int finalBase = baseLocal;
        int[] direct = null;
        if (base != null) {
            direct = new int[t.numElements];
            for (int el = 0; el < t.numElements; el++) direct[el] = sh.offsetOf[base + rel[el]];
        }
        int[] directMap = direct;
        Asm.forRange(g, t.numElements, el -> {
            g.loadLocal(arr);
            if (directMap != null) {
                c.pushMap(directMap);
                g.loadLocal(el);
                g.arrayLoad(Type.INT_TYPE);
            } else {
                c.pushMap(sh.offsetOf);
                g.loadLocal(finalBase);
                c.pushMap(rel);
                g.loadLocal(el);
                g.arrayLoad(Type.INT_TYPE);
                g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
                g.arrayLoad(Type.INT_TYPE);
            }
            g.loadLocal(src.local());
            c.pushMap(t.firstSlot);
            g.loadLocal(el);
            g.arrayLoad(Type.INT_TYPE);
            g.arrayLoad(src.repr().elem);
            g.arrayStore(dst.repr().elem);
        });
    }

    /** For each element of the register tile, its row-major position in the shared tensor's shape relative to the origin. */
    private static int[] relative(RegTable t, ShTable sh) {
        if (t.rank != sh.rank) {
            throw new IllegalStateException("shared tensor of rank " + sh.rank + " with a tile of rank " + t.rank);
        }
        int[] tileStrides = RegTable.rowMajorStrides(t.shape);
        int[] rel = new int[t.numElements];
        for (int el = 0; el < rel.length; el++) {
            int r = 0;
            for (int d = 0; d < t.rank; d++) r += ((el / tileStrides[d]) % t.shape[d]) * sh.strides[d];
            rel[el] = r;
        }
        return rel;
    }

    private static int[] slotsToOffsets(RegTable t, ShTable sh, int[] rel, int base) {
        int[] m = new int[t.numSlots];
        for (int s = 0; s < t.numSlots; s++) m[s] = sh.offsetOf[base + rel[t.slotElem[s]]];
        return m;
    }

    /** copy_async: the tile is read now and written into the destination, which stays unreadable until waited for. */
    static void copyAsync(CopyAsync ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Shared dst = c.shared(ins.dst());
        TensorSlot.Global src = c.global(ins.src());
        g.loadLocal(dst.local());
        Asm.callStatic(g, SharedTensor.class, "live", SharedTensor.class, SharedTensor.class);
        g.pop();
        int off = offsets(c, e, ins.offsets());
        ShTable sh = dst.table();
        int dense = c.dense(sh.numElements);
        gather(c, src, off, new TilePlan(sh.shape), dense);
        DType dt = ins.dst().type().dtype();
        int arr = g.newLocal(dst.repr().array);
        g.loadLocal(dst.local());
        sharedArray(c, dst.repr());
        g.storeLocal(arr);
        Asm.forRange(g, sh.numElements, el -> {
            g.loadLocal(arr);
            c.pushMap(sh.offsetOf);
            g.loadLocal(el);
            g.arrayLoad(Type.INT_TYPE);
            g.loadLocal(dense);
            g.loadLocal(el);
            g.arrayLoad(Type.LONG_TYPE);
            CastGen.longCodeToStorage(g, dt);
            g.arrayStore(dst.repr().elem);
        });
        g.loadLocal(c.groups());
        g.loadLocal(dst.local());
        Asm.callVirtual(g, AsyncGroups.class, "issued", void.class, SharedTensor.class);
    }

    static void groups(MethodCtx c, String method) {
        c.g.loadLocal(c.groups());
        Asm.callVirtual(c.g, AsyncGroups.class, method, void.class);
    }

    static void waitGroup(MethodCtx c, int n) {
        c.g.loadLocal(c.groups());
        c.g.push(n);
        Asm.callVirtual(c.g, AsyncGroups.class, "waitGroup", void.class, int.class);
    }
}
