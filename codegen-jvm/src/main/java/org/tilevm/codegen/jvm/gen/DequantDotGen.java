package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.DequantDot;
import org.tilevm.codegen.jvm.runtime.GlobalOps;
import org.tilevm.codegen.jvm.runtime.IntDequantDot;
import org.tilevm.codegen.jvm.runtime.GlobalTensor;
import org.tilevm.codegen.jvm.runtime.TilePlan;
import org.tilevm.codegen.jvm.runtime.ViewPlan;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.ElementwiseBinary;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.LoadGlobal;
import org.tilevm.spec.ir.TensorType;

/**
 * Generates a {@link DequantDotFusion.Chain} as guarded fusion: at the load, the tile's origin is
 * computed ({@link GlobalOps#denseOrigin}; -1 when the tile is not wholly inside the global shape
 * and segment), and every member of the chain runs as usual under {@code if (origin < 0)}, so
 * ragged edges and errors behave exactly as without fusion; otherwise the dot becomes one call of
 * {@link DequantDot#run}, which reads the codes from memory itself.
 */
final class DequantDotGen {
    private DequantDotGen() {}

    static void emit(Instruction ins, DequantDotFusion.Chain ch, MethodCtx c, ExprGen e) {
        if (ins == ch.load) {
            load(ch, c, e);
            return;
        }
        if (!ch.fused()) {
            InstructionGen.emit(ins, c, e);
            return;
        }
        GeneratorAdapter g = c.g;
        Label fused = new Label(), end = new Label();
        g.loadLocal(ch.originLocal);
        g.push(0L);
        g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.GE, fused);
        ensureIntermediate(ins, ch, c);
        InstructionGen.emit(ins, c, e);
        g.goTo(end);
        g.mark(fused);
        if (ins == ch.dot) fusedDot(ch, c);
        g.mark(end);
    }

    private static void load(DequantDotFusion.Chain ch, MethodCtx c, ExprGen e) {
        LoadGlobal l = ch.load;
        RegTable bytes = RegTable.of(((TensorType.Register) l.out().type()).layout());
        RegTable codes = RegTable.of(((TensorType.Register) ch.view.out().type()).layout());
        int bits = ch.view.out().type().dtype().bits();
        if (!isRowStream(ViewGen.plan(bytes, codes, 8, bits, ch.view.out().name()), bytes.shape[1], codes.shape[1], bits)) {
            InstructionGen.emit(l, c, e); // the layouts do not make the view a row-major bit stream: no fusion
            return;
        }
        GeneratorAdapter g = c.g;
        // the chain's intermediate tiles are written only by the unfused fallback: allocated when it first runs
        for (Instruction member : intermediates(ch)) c.defineLazyRegister(member.output());
        ch.originLocal = c.newLongLocal();
        int off = MemoryGen.offsets(c, e, l.offsets());
        g.loadLocal(c.global(l.src()).local());
        g.loadLocal(off);
        c.pushConst(new TilePlan(bytes.shape), Type.getType(TilePlan.class));
        g.visitInsn(Opcodes.ACONST_NULL);
        Asm.callStatic(g, GlobalOps.class, "denseOrigin", long.class, GlobalTensor.class, long[].class, TilePlan.class,
                int[].class);
        g.storeLocal(ch.originLocal);
        Label skip = new Label();
        g.loadLocal(ch.originLocal);
        g.push(0L);
        g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.GE, skip);
        ensureIntermediate(l, ch, c);
        InstructionGen.emit(l, c, e);
        g.mark(skip);
    }

    /** The members whose output is an intermediate of the chain: the load, the view, the cast, the row operations. */
    private static java.util.List<Instruction> intermediates(DequantDotFusion.Chain ch) {
        java.util.List<Instruction> l = new java.util.ArrayList<>(java.util.List.of(ch.load, ch.view, ch.cast));
        l.addAll(ch.rowOps);
        return l;
    }

    /** Before a member runs unfused: its output array, if it is an intermediate (see {@link #load}). */
    private static void ensureIntermediate(Instruction ins, DequantDotFusion.Chain ch, MethodCtx c) {
        if (intermediates(ch).contains(ins)) c.ensureArray(c.register(ins.output()));
    }

    /**
     * Whether code element (r, j) of the view is exactly bits {@code [j*bits, (j+1)*bits)} of byte row
     * r (bytes LSB first), with no run-time replica checks: then the kernel can read the codes from
     * the packed rows in memory.
     */
    static boolean isRowStream(ViewPlan p, int rowBytes, int n, int bits) {
        if (p.hasChecks()) return false;
        for (int e = 0; e < p.size(); e++) {
            long start = (long) (e / n) * rowBytes * 8 + (long) (e % n) * bits;
            int covered = 0;
            for (int q = p.pieceStart(e); q < p.pieceStart(e + 1); q++) {
                if ((long) p.src(q) * 8 + p.shift(q) != start + p.dst(q) || p.dst(q) != covered) return false;
                covered += p.width(q);
            }
            if (covered != bits) return false;
        }
        return true;
    }

    private static void fusedDot(DequantDotFusion.Chain ch, MethodCtx c) {
        GeneratorAdapter g = c.g;
        boolean integer = ch.integer();
        TensorSlot.Reg a = c.register(ch.dot.a()), acc = c.register(ch.dot.c()), out = c.register(ch.dot.out());
        DType t = ch.view.out().type().dtype();
        int m = a.table().shape[0], k = a.table().shape[1], n = out.table().shape[1];
        g.loadLocal(c.global(ch.load.src()).local());
        g.loadLocal(ch.originLocal);
        g.push(t.bits());
        if (t.isFloat()) c.pushConst(valueTable(t), Type.getType(float[].class));
        else g.push(t.isSigned());
        g.push(k);
        g.push(n);
        for (int i = 0; i < 2; i++) {
            if (i < ch.rowOps.size()) {
                ElementwiseBinary b = ch.rowOps.get(i);
                g.loadLocal(c.register(b.b()).local());
                g.push(switch (b.op()) {
                    case ADD -> DequantDot.ADD;
                    case SUB -> DequantDot.SUB;
                    case MUL -> DequantDot.MUL;
                    default -> throw new IllegalStateException("row operation " + b.op());
                });
            } else {
                g.visitInsn(Opcodes.ACONST_NULL);
                g.push(DequantDot.NONE);
            }
        }
        if (integer) {
            g.push(ch.cast.out().type().dtype().bits());
            g.loadLocal(a.local());
            g.push(m);
            g.loadLocal(acc.local());
            g.loadLocal(out.local());
            g.loadLocal(c.newArray(Type.INT_TYPE, IntDequantDot.scratchSize(k, n)));
            g.loadLocal(c.newArray(Type.BYTE_TYPE, IntDequantDot.byteScratchSize(k, n, t.bits())));
            g.loadLocal(c.newArray(Type.INT_TYPE, DequantDot.wordScratchSize(k, n, t.bits())));
            Asm.callStatic(g, IntDequantDot.class, "run", void.class, GlobalTensor.class, long.class, int.class, boolean.class,
                    int.class, int.class, int[].class, int.class, int[].class, int.class, int.class, int[].class, int.class,
                    int[].class, int[].class, int[].class, byte[].class, int[].class);
            return;
        }
        g.loadLocal(a.local());
        g.push(m);
        g.loadLocal(acc.local());
        g.loadLocal(out.local());
        g.loadLocal(c.newArray(Type.FLOAT_TYPE, DequantDot.scratchSize(k)));
        g.loadLocal(c.newArray(Type.BYTE_TYPE, DequantDot.byteScratchSize(k, n, t.bits())));
        if (t.isFloat()) {
            Asm.callStatic(g, DequantDot.class, "runFloatCodes", void.class, GlobalTensor.class, long.class, int.class,
                    float[].class, int.class, int.class, float[].class, int.class, float[].class, int.class, float[].class,
                    int.class, float[].class, float[].class, float[].class, byte[].class);
            return;
        }
        g.loadLocal(c.newArray(Type.INT_TYPE, DequantDot.wordScratchSize(k, n, t.bits())));
        Asm.callStatic(g, DequantDot.class, "run", void.class, GlobalTensor.class, long.class, int.class, boolean.class,
                int.class, int.class, float[].class, int.class, float[].class, int.class, float[].class, int.class,
                float[].class, float[].class, float[].class, byte[].class, int[].class);
    }

    /** Float codes: the value of code {@code e & mask} for e < 32 (the kernels' tables have up to 32 entries). */
    static float[] valueTable(DType t) {
        float[] v = new float[32];
        int mask = (1 << t.bits()) - 1;
        for (int e = 0; e < v.length; e++) v[e] = (float) t.decode(e & mask);
        return v;
    }
}
