package org.tilevm.spec.interp;

import java.util.function.IntUnaryOperator;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.AssignTensor;
import org.tilevm.spec.ir.Cast;
import org.tilevm.spec.ir.ElementwiseBinary;
import org.tilevm.spec.ir.ElementwiseScalar;
import org.tilevm.spec.ir.ElementwiseUnary;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.Where;

/**
 * cast, unary, binary, binary_scalar, where, assign. Each thread computes every register of the
 * result it holds from the operand registers it holds (falling back to the element's first holder
 * when it holds no copy): the per-slot gather maps are computed once per instruction.
 */
final class ElementwiseOps {
    private ElementwiseOps() {}

    /** Gather maps from the result's slots to each operand's slots. */
    record Plan(LayoutTable out, int[][] sources, Numeric numeric) {}

    private static Plan plan(BlockState b, TensorVar out, DType arithType, TensorVar... operands) {
        LayoutTable ot = b.table(out);
        int[][] sources = new int[operands.length][];
        for (int i = 0; i < operands.length; i++) {
            LayoutTable st = b.table(operands[i]);
            IntUnaryOperator map = st.broadcastFrom(ot.shape, "operand " + operands[i].name());
            sources[i] = LayoutTable.gather(ot, st, map);
        }
        return new Plan(ot, sources, arithType == null ? null : Numeric.of(arithType));
    }

    static void checkDtype(TensorVar v, DType expected, String role) {
        if (!v.type().dtype().equals(expected)) {
            throw new InterpError(role + " " + v.name() + " has dtype " + v.type().dtype().name() + ", expected "
                    + expected.name());
        }
    }

    static void cast(Cast ins, BlockState b) {
        Plan p = b.plan(ins, () -> plan(b, ins.out(), null, ins.src()));
        RegisterValue src = b.register(ins.src());
        DType from = src.dtype, to = ins.out().type().dtype();
        int[] map = p.sources[0];
        long[] in = src.data;
        long[] data = new long[map.length];
        if (from.equals(to)) {
            for (int s = 0; s < map.length; s++) data[s] = in[map[s]];
        } else {
            for (int s = 0; s < map.length; s++) data[s] = DType.convert(from, in[map[s]], to);
        }
        b.setRegister(ins.out(), data);
    }

    static void unary(ElementwiseUnary ins, BlockState b) {
        Plan p = b.plan(ins, () -> {
            checkDtype(ins.out(), ins.src().type().dtype(), "result");
            return plan(b, ins.out(), ins.src().type().dtype(), ins.src());
        });
        long[] in = b.register(ins.src()).data;
        int[] map = p.sources[0];
        long[] data = new long[map.length];
        for (int s = 0; s < map.length; s++) data[s] = p.numeric.unary(ins.op(), in[map[s]]);
        b.setRegister(ins.out(), data);
    }

    static void binary(ElementwiseBinary ins, BlockState b) {
        Plan p = b.plan(ins, () -> {
            DType t = ins.a().type().dtype();
            checkDtype(ins.b(), t, "operand");
            checkDtype(ins.out(), ins.op().isComparison() ? DTypes.BOOL : t, "result");
            return plan(b, ins.out(), t, ins.a(), ins.b());
        });
        long[] x = b.register(ins.a()).data, y = b.register(ins.b()).data;
        int[] ma = p.sources[0], mb = p.sources[1];
        long[] data = new long[ma.length];
        for (int s = 0; s < ma.length; s++) data[s] = p.numeric.binary(ins.op(), x[ma[s]], y[mb[s]]);
        b.setRegister(ins.out(), data);
    }

    static void scalar(ElementwiseScalar ins, BlockState b) {
        Plan p = b.plan(ins, () -> {
            DType t = ins.a().type().dtype();
            checkDtype(ins.out(), ins.op().isComparison() ? DTypes.BOOL : t, "result");
            return plan(b, ins.out(), t, ins.a());
        });
        DType t = ins.a().type().dtype();
        long c = DType.convert(ins.scalar().type(), b.eval.evalCode(ins.scalar()), t);
        long[] x = b.register(ins.a()).data;
        int[] ma = p.sources[0];
        long[] data = new long[ma.length];
        for (int s = 0; s < ma.length; s++) data[s] = p.numeric.binary(ins.op(), x[ma[s]], c);
        b.setRegister(ins.out(), data);
    }

    static void where(Where ins, BlockState b) {
        Plan p = b.plan(ins, () -> {
            DType t = ins.a().type().dtype();
            checkDtype(ins.b(), t, "operand");
            checkDtype(ins.out(), t, "result");
            return plan(b, ins.out(), ins.cond().type().dtype(), ins.cond(), ins.a(), ins.b());
        });
        long[] c = b.register(ins.cond()).data, x = b.register(ins.a()).data, y = b.register(ins.b()).data;
        int[] mc = p.sources[0], ma = p.sources[1], mb = p.sources[2];
        long[] data = new long[ma.length];
        for (int s = 0; s < ma.length; s++) data[s] = p.numeric.nonZero(c[mc[s]]) ? x[ma[s]] : y[mb[s]];
        b.setRegister(ins.out(), data);
    }

    static void assign(AssignTensor ins, BlockState b) {
        Plan p = b.plan(ins, () -> {
            checkDtype(ins.dst(), ins.src().type().dtype(), "destination");
            LayoutTable dt = b.table(ins.dst()), st = b.table(ins.src());
            if (!java.util.Arrays.equals(dt.shape, st.shape)) {
                throw new InterpError("assign of shape " + Shapes.text(st.shape) + " to shape " + Shapes.text(dt.shape));
            }
            return plan(b, ins.dst(), null, ins.src());
        });
        long[] in = b.register(ins.src()).data;
        int[] map = p.sources[0];
        long[] data = new long[map.length];
        for (int s = 0; s < map.length; s++) data[s] = in[map[s]];
        b.setRegister(ins.dst(), data);
    }
}
