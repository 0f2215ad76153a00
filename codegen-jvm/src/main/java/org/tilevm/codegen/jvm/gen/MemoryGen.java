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
import org.tilevm.spec.ir.CopyAsync;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.LoadGlobal;
import org.tilevm.spec.ir.LoadShared;
import org.tilevm.spec.ir.StoreGlobal;
import org.tilevm.spec.ir.StoreShared;

/**
 * Global and shared memory instructions. Global transfers are calls to {@link GlobalOps}, which
 * moves the tile between memory and the register array (or, for copy_async, the shared slots
 * through the layout's element-to-slot map) row by row. Shared loads and stores are single loops
 * over a constant element-to-slot map; with run-time offsets, the window is checked first and the
 * layout's offsets are applied relative to its origin.
 */
final class MemoryGen {
    private MemoryGen() {}

    private static final Type PLAN = Type.getType(TilePlan.class);

    /** Evaluates the offsets into the block's offset array and returns its local. */
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

    private static String suffix(Repr r) {
        return switch (r) {
            case INT -> "Int";
            case FLOAT -> "Float";
            case LONG -> "Long";
        };
    }

    private static Class<?> arrayClass(Repr r) {
        return switch (r) {
            case INT -> int[].class;
            case FLOAT -> float[].class;
            case LONG -> long[].class;
        };
    }

    static void loadGlobal(LoadGlobal ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Global src = c.global(ins.src());
        int off = offsets(c, e, ins.offsets());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        g.loadLocal(src.local());
        g.loadLocal(off);
        c.pushConst(new TilePlan(out.table().shape), PLAN);
        g.loadLocal(out.local());
        g.visitInsn(org.objectweb.asm.Opcodes.ACONST_NULL);
        Asm.callStatic(g, GlobalOps.class, "gather" + suffix(out.repr()), void.class, GlobalTensor.class, long[].class,
                TilePlan.class, arrayClass(out.repr()), int[].class);
    }

    static void storeGlobal(StoreGlobal ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Global dst = c.global(ins.dst());
        int off = offsets(c, e, ins.offsets());
        g.loadLocal(src.local());
        g.loadLocal(dst.local());
        g.loadLocal(off);
        c.pushConst(new TilePlan(src.table().shape), PLAN);
        Asm.callStatic(g, GlobalOps.class, "scatter" + suffix(src.repr()), void.class, arrayClass(src.repr()),
                GlobalTensor.class, long[].class, TilePlan.class);
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

    /** Constant offsets inside the tensor -> the origin's row-major position, else null. */
    private static Integer constantBase(List<Expr> offsets, ShTable sh, int[] tileShape) {
        int base = 0;
        for (int d = 0; d < offsets.size(); d++) {
            if (!(offsets.get(d) instanceof Expr.IntConst k)) return null;
            long o = k.value();
            if (o < 0 || o + tileShape[d] > sh.shape[d]) return null; // the run-time check reports it
            base += (int) o * sh.strides[d];
        }
        return base;
    }

    /**
     * The element-to-slot map of a tile at constant offsets, or null after emitting the run-time
     * window check (which leaves the origin's position in {@code baseLocal}).
     */
    private static int[] window(MethodCtx c, ExprGen e, List<Expr> offsets, ShTable sh, int[] tileShape, int[] rel,
                                String what, String name, int baseLocal) {
        Integer base = constantBase(offsets, sh, tileShape);
        if (base != null) {
            int[] map = new int[rel.length];
            for (int el = 0; el < rel.length; el++) map[el] = sh.offsetOf[base + rel[el]];
            return map;
        }
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
        g.storeLocal(baseLocal);
        return null;
    }

    /** Pushes the shared slot of tile element {@code el}: {@code map[el]}, or {@code offsetOf[base + rel[el]]}. */
    private static void slot(MethodCtx c, int[] map, ShTable sh, int[] rel, int base, int el) {
        GeneratorAdapter g = c.g;
        if (map != null) {
            c.pushMap(map);
            g.loadLocal(el);
            g.arrayLoad(Type.INT_TYPE);
        } else {
            c.pushMap(sh.offsetOf);
            g.loadLocal(base);
            c.pushMap(rel);
            g.loadLocal(el);
            g.arrayLoad(Type.INT_TYPE);
            g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
            g.arrayLoad(Type.INT_TYPE);
        }
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
        int[] rel = relative(t, sh);
        int base = g.newLocal(Type.INT_TYPE);
        int[] map = window(c, e, ins.offsets(), sh, t.shape, rel, "load_shared reads", ins.src().name(), base);
        int arr = g.newLocal(src.repr().array);
        g.loadLocal(src.local());
        Asm.callStatic(g, SharedTensor.class, "readable", SharedTensor.class, SharedTensor.class);
        sharedArray(c, src.repr());
        g.storeLocal(arr);
        Asm.forRange(g, t.numElements, el -> {
            g.loadLocal(out.local());
            g.loadLocal(el);
            g.loadLocal(arr);
            slot(c, map, sh, rel, base, el);
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
        int[] rel = relative(t, sh);
        int base = g.newLocal(Type.INT_TYPE);
        int[] map = window(c, e, ins.offsets(), sh, t.shape, rel, "store_shared writes", ins.dst().name(), base);
        int arr = g.newLocal(dst.repr().array);
        g.loadLocal(dst.local());
        Asm.callStatic(g, SharedTensor.class, "writable", SharedTensor.class, SharedTensor.class);
        sharedArray(c, dst.repr());
        g.storeLocal(arr);
        Asm.forRange(g, t.numElements, el -> {
            g.loadLocal(arr);
            slot(c, map, sh, rel, base, el);
            g.loadLocal(src.local());
            g.loadLocal(el);
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

    /** copy_async: the tile is read now, straight into the destination's slots, which stay unreadable until waited for. */
    static void copyAsync(CopyAsync ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Shared dst = c.shared(ins.dst());
        TensorSlot.Global src = c.global(ins.src());
        g.loadLocal(dst.local());
        Asm.callStatic(g, SharedTensor.class, "live", SharedTensor.class, SharedTensor.class);
        g.pop();
        int off = offsets(c, e, ins.offsets());
        ShTable sh = dst.table();
        g.loadLocal(src.local());
        g.loadLocal(off);
        c.pushConst(new TilePlan(sh.shape), PLAN);
        g.loadLocal(dst.local());
        sharedArray(c, dst.repr());
        c.pushMap(sh.offsetOf);
        Asm.callStatic(g, GlobalOps.class, "gather" + suffix(dst.repr()), void.class, GlobalTensor.class, long[].class,
                TilePlan.class, arrayClass(dst.repr()), int[].class);
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
