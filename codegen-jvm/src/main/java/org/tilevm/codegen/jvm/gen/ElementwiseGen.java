package org.tilevm.codegen.jvm.gen;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.ScalarOps;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Cast;
import org.tilevm.spec.ir.ElementwiseBinary;
import org.tilevm.spec.ir.ElementwiseScalar;
import org.tilevm.spec.ir.ElementwiseUnary;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.Transpose;
import org.tilevm.spec.ir.Where;

/**
 * cast, unary, binary, binary_scalar, where, and the instructions that only move elements
 * (assign, squeeze, unsqueeze, reshape, transpose). Each becomes one loop over the result's slots:
 * {@code out[s] = f(a[mapA[s]], b[mapB[s]], ...)}, where the maps (constants, computed with the
 * interpreter's holder rule) are left out when they are the identity, so that same-layout
 * operations are plain array walks. When the result overwrites an operand that it reads through a
 * non-identity map, the loop writes a scratch array that is copied afterwards (every operand is
 * read before the result is written, SPEC S2).
 */
final class ElementwiseGen {
    private ElementwiseGen() {}

    /** An operand: its tensor and the slot map from the result (null for the identity). */
    record Operand(TensorSlot.Reg slot, int[] map) {}

    /** The per-slot body: pushes the stored result element; {@code load(i)} pushes operand i's element. */
    interface Body { void emit(Loader load); }

    interface Loader { void load(int operand); }

    static Operand operand(MethodCtx c, TensorSlot.Reg out, TensorVar v, IntUnaryOperator outToSrc) {
        TensorSlot.Reg r = c.register(v);
        return new Operand(r, RegTable.gather(out.table(), r.table(), outToSrc));
    }

    static Operand broadcastOperand(MethodCtx c, TensorSlot.Reg out, TensorVar v) {
        TensorSlot.Reg r = c.register(v);
        return new Operand(r, RegTable.gather(out.table(), r.table(), r.table().broadcastFrom(out.table().shape)));
    }

    /** The loop {@code out[s] = body(...)} for every slot s of out. */
    static void loop(MethodCtx c, TensorSlot.Reg out, List<Operand> operands, Body body) {
        GeneratorAdapter g = c.g;
        int n = out.table().numSlots;
        boolean alias = false;
        for (Operand o : operands) alias |= o.slot().local() == out.local() && o.map() != null;
        int dest = alias ? c.newArray(out.repr(), n) : out.local();
        Asm.forRange(g, n, s -> {
            g.loadLocal(dest);
            g.loadLocal(s);
            body.emit(i -> {
                Operand o = operands.get(i);
                g.loadLocal(o.slot().local());
                if (o.map() == null) {
                    g.loadLocal(s);
                } else {
                    c.pushMap(o.map());
                    g.loadLocal(s);
                    g.arrayLoad(Type.INT_TYPE);
                }
                g.arrayLoad(o.slot().repr().elem);
            });
            g.arrayStore(out.repr().elem);
        });
        if (alias) {
            g.loadLocal(dest);
            g.push(0);
            g.loadLocal(out.local());
            g.push(0);
            g.push(n);
            Asm.callStatic(g, System.class, "arraycopy", void.class, Object.class, int.class, Object.class, int.class,
                    int.class);
        }
    }

    static void cast(Cast ins, MethodCtx c) {
        TensorSlot.Reg out = c.defineRegister(ins.out());
        Operand a = operand(c, out, ins.src(), IntUnaryOperator.identity());
        DType from = ins.src().type().dtype(), to = ins.out().type().dtype();
        loop(c, out, List.of(a), load -> {
            load.load(0);
            CastGen.emit(c, from, to);
        });
    }

    static void unary(ElementwiseUnary ins, MethodCtx c) {
        TensorSlot.Reg out = c.defineRegister(ins.out());
        Operand a = operand(c, out, ins.src(), IntUnaryOperator.identity());
        ElemGen el = new ElemGen(c, ins.src().type().dtype());
        loop(c, out, List.of(a), load -> {
            load.load(0);
            el.decode();
            el.unary(ins.op());
            el.encode();
        });
    }

    static void binary(ElementwiseBinary ins, MethodCtx c) {
        TensorSlot.Reg out = c.defineRegister(ins.out());
        Operand a = broadcastOperand(c, out, ins.a()), b = broadcastOperand(c, out, ins.b());
        ElemGen el = new ElemGen(c, ins.a().type().dtype());
        loop(c, out, List.of(a, b), load -> {
            load.load(0);
            el.decode();
            load.load(1);
            el.decode();
            el.binary(ins.op());
            if (!ins.op().isComparison()) el.encode();
        });
    }

    /** The scalar is converted to a's dtype once (before the loop), then used as the right operand. */
    static void scalar(ElementwiseScalar ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        DType t = ins.a().type().dtype();
        ElemGen el = new ElemGen(c, t);
        e.code(ins.scalar());
        if (!ins.scalar().type().equals(t)) {
            c.pushConst(ins.scalar().type(), Type.getType(DType.class));
            c.pushConst(t, Type.getType(DType.class));
            Asm.callStatic(g, ScalarOps.class, "convert", long.class, long.class, DType.class, DType.class);
        }
        CastGen.longCodeToStorage(g, t);
        el.decode();
        int sv = g.newLocal(el.kind.compute);
        g.storeLocal(sv);
        TensorSlot.Reg out = c.defineRegister(ins.out());
        Operand a = broadcastOperand(c, out, ins.a());
        loop(c, out, List.of(a), load -> {
            load.load(0);
            el.decode();
            g.loadLocal(sv);
            el.binary(ins.op());
            if (!ins.op().isComparison()) el.encode();
        });
    }

    static void where(Where ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg out = c.defineRegister(ins.out());
        Operand cond = broadcastOperand(c, out, ins.cond());
        Operand a = broadcastOperand(c, out, ins.a()), b = broadcastOperand(c, out, ins.b());
        loop(c, out, List.of(cond, a, b), load -> {
            Label useB = new Label(), end = new Label();
            load.load(0); // a u1 code: nonzero code <=> nonzero value
            g.ifZCmp(GeneratorAdapter.EQ, useB);
            load.load(1);
            g.goTo(end);
            g.mark(useB);
            load.load(2);
            g.mark(end);
        });
    }

    /** Instructions that move elements unchanged: out element e reads src element {@code outToSrc(e)}. */
    static void move(TensorVar outVar, TensorVar src, MethodCtx c, IntUnaryOperator outToSrc) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg out = c.defineRegister(outVar);
        Operand a = operand(c, out, src, outToSrc);
        if (a.map() == null) {
            if (a.slot().local() == out.local()) return;
            g.loadLocal(a.slot().local());
            g.push(0);
            g.loadLocal(out.local());
            g.push(0);
            g.push(out.table().numSlots);
            Asm.callStatic(g, System.class, "arraycopy", void.class, Object.class, int.class, Object.class, int.class,
                    int.class);
            return;
        }
        loop(c, out, List.of(a), load -> load.load(0));
    }

    static void transpose(Transpose ins, MethodCtx c) {
        int[] outShape = ((org.tilevm.spec.ir.TensorType.Register) ins.out().type()).shape();
        int rows = outShape[0], cols = outShape[1];
        // out element (j, i) at j*cols + i reads src element (i, j) at i*rows + j
        move(ins.out(), ins.src(), c, e -> (e % cols) * rows + e / cols);
    }
}
