package org.tilevm.codegen.jvm.gen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.AsyncGroups;
import org.tilevm.codegen.jvm.runtime.GlobalTensor;
import org.tilevm.codegen.jvm.runtime.Launch;
import org.tilevm.codegen.jvm.runtime.SharedTensor;
import org.tilevm.codegen.jvm.runtime.Site;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/**
 * The state of one generated method: its {@link GeneratorAdapter}, the class's constants, the
 * lexical scopes (scalar and tensor names to local variables), the error sites, and the per-block
 * scratch arrays. A register tensor is an array of its elements in row-major order: every holder
 * of an element carries the same bits (SPEC S2; {@code view} checks it), so one copy is enough,
 * and instructions become plain loops over elements. Every local that holds a tensor or scratch array is created by code emitted into
 * the method's <em>init block</em>, which the method jumps to on entry and which jumps back to the
 * body; so buffers are allocated once per block, not once per instruction execution, and every
 * local has one type throughout the method.
 */
final class MethodCtx {
    static final Type LAUNCH = Type.getType(Launch.class);
    static final Type SHARED = Type.getType(SharedTensor.class);
    static final Type GLOBAL = Type.getType(GlobalTensor.class);
    static final Type GROUPS = Type.getType(AsyncGroups.class);

    final GeneratorAdapter g;
    final Constants k;
    final ProgramInfo info;
    /** Argument indices of the method: the block index (runBlock only) and the Launch (or the scalars array). */
    final int launchArg;
    final boolean hasBlockIdx;
    /** Whether argument {@code launchArg} is the {@code long[]} of scalar arguments rather than the Launch. */
    private final boolean scalarsArg;

    /** A scalar variable: its local and its type (integers in a long, floats in a double). */
    record Scalar(int local, DType type, Long constant) {}

    private final Deque<Map<String, Scalar>> scalars = new ArrayDeque<>();
    private final Deque<Map<String, TensorSlot>> tensors = new ArrayDeque<>();
    private final List<Runnable> inits = new ArrayList<>();
    final List<Site> sites = new ArrayList<>();
    int siteLocal = -1, loopsLocal = -1;
    private int loopCount;
    private int offLocal = -1, offSize = 1, groupsLocal = -1;

    MethodCtx(GeneratorAdapter g, Constants k, ProgramInfo info, int launchArg, boolean hasBlockIdx, boolean scalarsArg) {
        this.scalarsArg = scalarsArg;
        this.g = g;
        this.k = k;
        this.info = info;
        this.launchArg = launchArg;
        this.hasBlockIdx = hasBlockIdx;
        scalars.push(new HashMap<>());
        tensors.push(new HashMap<>());
        List<Param> params = info.program().params();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (p.pointer()) continue;
            Long c = info.spec().constants().get(p.name());
            if (c != null) {
                scalars.peek().put(p.name(), new Scalar(-1, p.dtype(), c));
                continue;
            }
            int local = g.newLocal(p.dtype().isFloat() ? Type.DOUBLE_TYPE : Type.LONG_TYPE);
            int index = i;
            inits.add(() -> {
                g.loadArg(launchArg);
                if (!scalarsArg) g.getField(LAUNCH, "scalars", Asm.LONG_ARRAY);
                g.push(index);
                g.arrayLoad(Type.LONG_TYPE);
                if (p.dtype().isFloat()) Asm.callStatic(g, Double.class, "longBitsToDouble", double.class, long.class);
                g.storeLocal(local);
            });
            scalars.peek().put(p.name(), new Scalar(local, p.dtype(), null));
        }
    }

    // ------------------------------------------------------------------ scopes

    void pushScope() {
        scalars.push(new HashMap<>());
        tensors.push(new HashMap<>());
    }

    void popScope() {
        scalars.pop();
        tensors.pop();
    }

    Scalar scalar(String name) {
        for (Map<String, Scalar> m : scalars) {
            Scalar s = m.get(name);
            if (s != null) return s;
        }
        throw new IllegalStateException("scalar variable " + name + " is not defined");
    }

    /** A new scalar variable in the innermost scope (initialized to 0 in the init block). */
    Scalar defineScalar(String name, DType type) {
        boolean f = type.isFloat();
        int local = g.newLocal(f ? Type.DOUBLE_TYPE : Type.LONG_TYPE);
        inits.add(() -> {
            if (f) g.push(0.0);
            else g.push(0L);
            g.storeLocal(local);
        });
        Scalar s = new Scalar(local, type, null);
        scalars.peek().put(name, s);
        return s;
    }

    private TensorSlot visible(String name) {
        for (Map<String, TensorSlot> m : tensors) {
            TensorSlot t = m.get(name);
            if (t != null) return t;
        }
        return null;
    }

    private TensorSlot lookup(TensorVar v) {
        TensorSlot t = visible(v.name());
        if (t == null) throw new IllegalStateException("tensor " + v.name() + " is not defined");
        if (!t.var().type().equals(v.type())) {
            throw new IllegalStateException("tensor " + v.name() + " is used with another type than it was defined with");
        }
        return t;
    }

    TensorSlot.Reg register(TensorVar v) {
        if (lookup(v) instanceof TensorSlot.Reg r) return r;
        throw new IllegalStateException("tensor " + v.name() + " is not a register tensor");
    }

    TensorSlot.Shared shared(TensorVar v) {
        if (lookup(v) instanceof TensorSlot.Shared s) return s;
        throw new IllegalStateException("tensor " + v.name() + " is not a shared tensor");
    }

    TensorSlot.Global global(TensorVar v) {
        if (lookup(v) instanceof TensorSlot.Global s) return s;
        throw new IllegalStateException("tensor " + v.name() + " is not a global tensor");
    }

    /** The output register tensor of an instruction: the visible one of the same type, or a new one. */
    TensorSlot.Reg defineRegister(TensorVar v) {
        TensorSlot old = visible(v.name());
        if (old instanceof TensorSlot.Reg r && r.var().type().equals(v.type())) return r;
        TensorType.Register rt = (TensorType.Register) v.type();
        RegTable table = RegTable.of(rt.layout());
        Repr repr = Repr.of(rt.dtype());
        int local = newArray(repr, table.numElements);
        TensorSlot.Reg r = new TensorSlot.Reg(v, local, repr, table);
        tensors.peek().put(v.name(), r);
        return r;
    }

    /**
     * Defines v's register slot now with a local that stays null until {@link #ensureArray} runs:
     * for tensors that only a rarely taken branch writes (the unfused fallback of a fused chain),
     * so that a block does not allocate (and zero) their arrays when it never takes the branch.
     */
    TensorSlot.Reg defineLazyRegister(TensorVar v) {
        TensorSlot old = visible(v.name());
        if (old instanceof TensorSlot.Reg r && r.var().type().equals(v.type())) return r;
        TensorType.Register rt = (TensorType.Register) v.type();
        Repr repr = Repr.of(rt.dtype());
        TensorSlot.Reg r = new TensorSlot.Reg(v, newObjectLocal(repr.array), repr, RegTable.of(rt.layout()));
        tensors.peek().put(v.name(), r);
        return r;
    }

    /** Emits {@code if (local == null) local = new T[size]} for a slot of {@link #defineLazyRegister}. */
    void ensureArray(TensorSlot.Reg r) {
        org.objectweb.asm.Label done = new org.objectweb.asm.Label();
        g.loadLocal(r.local());
        g.ifNonNull(done);
        g.push(r.table().numElements);
        g.newArray(r.repr().elem);
        g.storeLocal(r.local());
        g.mark(done);
    }

    TensorSlot.Shared defineShared(TensorVar v) {
        TensorSlot old = visible(v.name());
        if (old instanceof TensorSlot.Shared s && s.var().type().equals(v.type())) return s;
        TensorType.Shared st = (TensorType.Shared) v.type();
        int local = newObjectLocal(SHARED);
        TensorSlot.Shared s = new TensorSlot.Shared(v, local, Repr.of(st.dtype()), ShTable.of(st.layout()));
        tensors.peek().put(v.name(), s);
        return s;
    }

    TensorSlot.Global defineGlobal(TensorVar v) {
        TensorSlot old = visible(v.name());
        if (old instanceof TensorSlot.Global s && s.var().type().equals(v.type())) return s;
        TensorSlot.Global s = new TensorSlot.Global(v, newObjectLocal(GLOBAL));
        tensors.peek().put(v.name(), s);
        return s;
    }

    // ------------------------------------------------------------------ locals and scratch

    /** A local holding a new array of {@code size} elements, allocated in the init block (once per block). */
    int newArray(Repr repr, int size) {
        int local = g.newLocal(repr.array);
        inits.add(() -> {
            g.push(size);
            g.newArray(repr.elem);
            g.storeLocal(local);
        });
        return local;
    }

    int newArray(Type elem, int size) {
        int local = g.newLocal(Type.getType("[" + elem.getDescriptor()));
        inits.add(() -> {
            g.push(size);
            g.newArray(elem);
            g.storeLocal(local);
        });
        return local;
    }

    /** A long local, set to -1 in the init block. */
    int newLongLocal() {
        int local = g.newLocal(Type.LONG_TYPE);
        inits.add(() -> {
            g.push(-1L);
            g.storeLocal(local);
        });
        return local;
    }

    private int newObjectLocal(Type type) {
        int local = g.newLocal(type);
        inits.add(() -> {
            g.visitInsn(org.objectweb.asm.Opcodes.ACONST_NULL);
            g.storeLocal(local);
        });
        return local;
    }

    /** The block's {@code long[]} of tile offsets (or semaphore indices), at least {@code n} long. */
    int offsets(int n) {
        offSize = Math.max(offSize, n);
        if (offLocal < 0) {
            offLocal = g.newLocal(Asm.LONG_ARRAY);
            inits.add(() -> {
                g.push(offSize);
                g.newArray(Type.LONG_TYPE);
                g.storeLocal(offLocal);
            });
        }
        return offLocal;
    }

    /** The block's copy_async groups. */
    int groups() {
        if (groupsLocal < 0) {
            groupsLocal = g.newLocal(GROUPS);
            inits.add(() -> {
                g.newInstance(GROUPS);
                g.dup();
                g.invokeConstructor(GROUPS, org.objectweb.asm.commons.Method.getMethod("void <init>()"));
                g.storeLocal(groupsLocal);
            });
        }
        return groupsLocal;
    }

    // ------------------------------------------------------------------ sites and loops

    /** Sets the current error site (path and enclosing loops). */
    void site(String path, Loops loops) {
        if (siteLocal < 0) return; // the grid method reports its own context
        sites.add(new Site(path, loops.slots(), loops.labels()));
        // the line number is the site number + 1: stack traces and profiles name the statement
        g.visitLineNumber(sites.size(), g.mark());
        g.push(sites.size() - 1);
        g.storeLocal(siteLocal);
    }

    int newLoopSlot() { return loopCount++; }

    int loopCount() { return loopCount; }

    /** Emits the init block: every registered initialization, in order. */
    void emitInits() {
        for (int i = 0; i < inits.size(); i++) inits.get(i).run(); // inits may register more while running
    }

    void addInit(Runnable r) { inits.add(r); }

    /** Pushes a constant int[] (an index map). */
    void pushMap(int[] map) { k.push(g, map); }

    void pushConst(Object value, Type type) { k.push(g, value, type); }

    void loadBlockIdx(int axis) {
        if (!hasBlockIdx) throw new IllegalStateException("blockIdx is not available here");
        g.loadArg(axis);
    }
}
