package org.tilevm.codegen.jvm.gen;

import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.F32Elementwise;
import org.tilevm.codegen.jvm.runtime.ScalarOps;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Cast;
import org.tilevm.spec.ir.ElementwiseBinary;
import org.tilevm.spec.ir.ElementwiseScalar;
import org.tilevm.spec.ir.ElementwiseUnary;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.Transpose;
import org.tilevm.spec.ir.Where;

/**
 * cast, unary, binary, binary_scalar, where, and the instructions that only move elements
 * (assign, squeeze, unsqueeze, reshape, transpose). Tensors hold their elements in row-major
 * order, so each instruction is one loop nest over the result's elements: for rank 1 and 2 two
 * nested loops where operand element (i, j) is {@code a[i * ci + j * cj]} (a broadcast dimension
 * has coefficient 0, a transposed operand swaps them), plain array walks that C2 can vectorize;
 * higher ranks use one loop and a constant index map per broadcast operand. The value of an
 * element does not depend on which thread computes it, since all copies are equal (SPEC S2).
 */
final class ElementwiseGen {
    private ElementwiseGen() {}

    /**
     * How the loop reads an operand: for rank <= 2, element (i, j) is at {@code i * ci + j * cj};
     * for higher ranks, element e is at {@code map[e]} (null: e).
     */
    record Operand(TensorSlot.Reg slot, int ci, int cj, int[] map) {}

    /** The per-element body: pushes the stored result element; {@code load(k)} pushes operand k's element. */
    interface Body { void emit(Loader load); }

    interface Loader { void load(int operand); }

    /** Rows and columns of a result of this shape, as the nested loops see it. */
    private static int[] rowsCols(int[] shape) {
        return shape.length == 1 ? new int[] {1, shape[0]} : new int[] {shape[0], shape[1]};
    }

    /** An operand of a result of shape {@code outShape}, broadcast along its size-1 dimensions. */
    static Operand broadcast(TensorSlot.Reg r, int[] outShape) {
        int[] s = r.table().shape;
        if (outShape.length <= 2) {
            int[] rc = rowsCols(s);
            int cols = rc[1];
            return new Operand(r, rc[0] == 1 && rowsCols(outShape)[0] != 1 ? 0 : cols, cols == 1 && rowsCols(outShape)[1] != 1 ? 0 : 1,
                    null);
        }
        return new Operand(r, 0, 0, Arrays.equals(s, outShape) ? null : broadcastMap(s, outShape));
    }

    private static int[] broadcastMap(int[] shape, int[] outShape) {
        int[] outStrides = RegTable.rowMajorStrides(outShape), strides = RegTable.rowMajorStrides(shape);
        int[] map = new int[RegTable.product(outShape)];
        for (int e = 0; e < map.length; e++) {
            int se = 0;
            for (int d = 0; d < shape.length; d++) if (shape[d] != 1) se += (e / outStrides[d]) % outShape[d] * strides[d];
            map[e] = se;
        }
        return map;
    }

    /** The loop nest {@code out[e] = body(...)} over every element of out. */
    static void loop(MethodCtx c, TensorSlot.Reg out, List<Operand> operands, Body body) {
        GeneratorAdapter g = c.g;
        int[] shape = out.table().shape;
        int n = out.table().numElements;
        // an operand that is the result itself but read elsewhere than at the element being written needs a copy first
        boolean alias = false;
        for (Operand o : operands) {
            if (o.slot().local() != out.local()) continue;
            boolean same = shape.length <= 2 ? o.ci() == rowsCols(shape)[1] && o.cj() == 1 : o.map() == null;
            alias |= !same;
        }
        int dest = alias ? c.newArray(out.repr(), n) : out.local();
        boolean allAligned = true; // every operand read at the element being written: one loop over all elements
        for (Operand o : operands) {
            allAligned &= shape.length <= 2 ? o.ci() == rowsCols(shape)[1] && o.cj() == 1 : o.map() == null;
        }
        boolean flat = allAligned;
        if (shape.length <= 2 && !flat) {
            int rows = rowsCols(shape)[0], cols = rowsCols(shape)[1];
            Asm.forRange(g, rows, i -> Asm.forRange(g, cols, j -> {
                g.loadLocal(dest);
                index(g, i, cols, j, 1);
                body.emit(k -> {
                    Operand o = operands.get(k);
                    g.loadLocal(o.slot().local());
                    index(g, i, o.ci(), j, o.cj());
                    g.arrayLoad(o.slot().repr().elem);
                });
                g.arrayStore(out.repr().elem);
            }));
        } else {
            Asm.forRange(g, n, e -> {
                g.loadLocal(dest);
                g.loadLocal(e);
                body.emit(k -> {
                    Operand o = operands.get(k);
                    g.loadLocal(o.slot().local());
                    if (flat || o.map() == null) {
                        g.loadLocal(e);
                    } else {
                        c.pushMap(o.map());
                        g.loadLocal(e);
                        g.arrayLoad(Type.INT_TYPE);
                    }
                    g.arrayLoad(o.slot().repr().elem);
                });
                g.arrayStore(out.repr().elem);
            });
        }
        if (alias) arraycopy(g, dest, out.local(), n);
    }

    /** Pushes {@code i * ci + j * cj}. */
    private static void index(GeneratorAdapter g, int i, int ci, int j, int cj) {
        if (ci == 0) {
            g.push(0);
        } else {
            g.loadLocal(i);
            if (ci != 1) {
                g.push(ci);
                g.math(GeneratorAdapter.MUL, Type.INT_TYPE);
            }
        }
        if (cj != 0) {
            g.loadLocal(j);
            if (cj != 1) {
                g.push(cj);
                g.math(GeneratorAdapter.MUL, Type.INT_TYPE);
            }
            g.math(GeneratorAdapter.ADD, Type.INT_TYPE);
        }
    }

    static void arraycopy(GeneratorAdapter g, int from, int to, int n) {
        g.loadLocal(from);
        g.push(0);
        g.loadLocal(to);
        g.push(0);
        g.push(n);
        Asm.callStatic(g, System.class, "arraycopy", void.class, Object.class, int.class, Object.class, int.class, int.class);
    }

    static void cast(Cast ins, MethodCtx c) {
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        DType from = ins.src().type().dtype(), to = ins.out().type().dtype();
        loop(c, out, List.of(broadcast(src, out.table().shape)), load -> {
            load.load(0);
            CastGen.emit(c, from, to);
        });
    }

    static void unary(ElementwiseUnary ins, MethodCtx c) {
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        ElemGen el = new ElemGen(c, ins.src().type().dtype());
        loop(c, out, List.of(broadcast(src, out.table().shape)), load -> {
            load.load(0);
            el.decode();
            el.unary(ins.op());
            el.encode();
        });
    }

    static void binary(ElementwiseBinary ins, MethodCtx c) {
        TensorSlot.Reg a = c.register(ins.a()), b = c.register(ins.b());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        int[] shape = out.table().shape;
        if (f32Helper(ins, a, b, out, c)) return;
        ElemGen el = new ElemGen(c, ins.a().type().dtype());
        loop(c, out, List.of(broadcast(a, shape), broadcast(b, shape)), load -> {
            load.load(0);
            el.decode();
            load.load(1);
            el.decode();
            el.binary(ins.op());
            if (!ins.op().isComparison()) el.encode();
        });
    }

    /**
     * f32 add/sub/mul/div of rank <= 2 as one call of {@link F32Elementwise#binary} (vectorized rows),
     * when no operand is the result read at another element than the one being written. Returns
     * whether it emitted the call.
     */
    private static boolean f32Helper(ElementwiseBinary ins, TensorSlot.Reg a, TensorSlot.Reg b, TensorSlot.Reg out, MethodCtx c) {
        int op = switch (ins.op()) {
            case ADD -> F32Elementwise.ADD;
            case SUB -> F32Elementwise.SUB;
            case MUL -> F32Elementwise.MUL;
            case DIV -> F32Elementwise.DIV;
            default -> -1;
        };
        int[] shape = out.table().shape;
        if (op < 0 || shape.length > 2 || !ins.a().type().dtype().equals(DTypes.F32) || !ins.out().type().dtype().equals(DTypes.F32)) {
            return false;
        }
        int[] rc = rowsCols(shape);
        Operand oa = broadcast(a, shape), ob = broadcast(b, shape);
        for (Operand o : List.of(oa, ob)) {
            if (o.slot().local() == out.local() && (o.ci() != rc[1] || o.cj() != 1)) return false;
        }
        GeneratorAdapter g = c.g;
        g.push(op);
        g.loadLocal(a.local());
        g.push(oa.ci());
        g.push(oa.cj());
        g.loadLocal(b.local());
        g.push(ob.ci());
        g.push(ob.cj());
        g.loadLocal(out.local());
        g.push(rc[0]);
        g.push(rc[1]);
        Asm.callStatic(g, F32Elementwise.class, "binary", void.class, int.class, float[].class, int.class, int.class,
                float[].class, int.class, int.class, float[].class, int.class, int.class);
        return true;
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
        TensorSlot.Reg a = c.register(ins.a());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        loop(c, out, List.of(broadcast(a, out.table().shape)), load -> {
            load.load(0);
            el.decode();
            g.loadLocal(sv);
            el.binary(ins.op());
            if (!ins.op().isComparison()) el.encode();
        });
    }

    static void where(Where ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg cond = c.register(ins.cond()), a = c.register(ins.a()), b = c.register(ins.b());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        int[] shape = out.table().shape;
        loop(c, out, List.of(broadcast(cond, shape), broadcast(a, shape), broadcast(b, shape)), load -> {
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

    /** squeeze, unsqueeze, reshape, assign: the row-major order of the elements is unchanged. */
    static void move(TensorVar outVar, TensorVar srcVar, MethodCtx c) {
        TensorSlot.Reg src = c.register(srcVar);
        TensorSlot.Reg out = c.defineRegister(outVar);
        if (src.local() != out.local()) arraycopy(c.g, src.local(), out.local(), out.table().numElements);
    }

    /** out[i, j] = src[j, i]. */
    static void transpose(Transpose ins, MethodCtx c) {
        TensorSlot.Reg src = c.register(ins.src());
        TensorSlot.Reg out = c.defineRegister(ins.out());
        int srcCols = src.table().shape[1];
        loop(c, out, List.of(new Operand(src, 1, srcCols, null)), load -> load.load(0));
    }
}
