package org.tilevm.spec.interp;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Dot;

/**
 * dot: {@code out[i,j] = c[i,j] + a[i,0]*b[0,j] + ... + a[i,K-1]*b[K-1,j]}, evaluated left to
 * right in the accumulator type T (out's dtype): the operands are first converted to T
 * ({@link DType#convert}); {@code acc = c[i,j]}; for k = 0..K-1 ascending,
 * {@code acc = round_T(acc + round_T(a[i,k] * b[k,j]))}. Integer T wraps instead of rounding.
 */
final class DotOp {
    private DotOp() {}

    private record Plan(LayoutTable a, LayoutTable b, LayoutTable c, LayoutTable out, int m, int n, int k) {}

    static void execute(Dot ins, BlockState bs) {
        Plan p = bs.plan(ins, () -> plan(ins, bs));
        RegisterValue a = bs.register(ins.a()), b = bs.register(ins.b()), c = bs.register(ins.c());
        DType acc = ins.out().type().dtype();
        long[] data = new long[p.out.numSlots];
        switch (acc) {
            case FloatType ft -> floatDot(p, a, b, c, ft, data);
            case IntType it -> intDot(p, a, b, c, it, data);
        }
        bs.setRegister(ins.out(), data);
    }

    private static Plan plan(Dot ins, BlockState bs) {
        LayoutTable a = bs.table(ins.a()), b = bs.table(ins.b()), c = bs.table(ins.c()), out = bs.table(ins.out());
        if (a.rank != 2 || b.rank != 2 || c.rank != 2 || out.rank != 2) throw new InterpError("dot operands must have rank 2");
        int m = a.shape[0], k = a.shape[1], n = b.shape[1];
        if (b.shape[0] != k || c.shape[0] != m || c.shape[1] != n || out.shape[0] != m || out.shape[1] != n) {
            throw new InterpError("dot shapes do not match: a " + Shapes.text(a.shape) + ", b " + Shapes.text(b.shape)
                    + ", c " + Shapes.text(c.shape) + ", out " + Shapes.text(out.shape));
        }
        ElementwiseOps.checkDtype(ins.c(), ins.out().type().dtype(), "accumulator");
        return new Plan(a, b, c, out, m, n, k);
    }

    /** The operand's elements converted to the accumulator type, as values (row-major). */
    private static double[] floatValues(RegisterValue v, FloatRounder r) {
        int n = v.table.numElements;
        double[] out = new double[n];
        boolean same = v.dtype.equals(r.type);
        for (int e = 0; e < n; e++) {
            long code = v.element(e);
            out[e] = r.decode(same ? code : DType.convert(v.dtype, code, r.type));
        }
        return out;
    }

    private static void floatDot(Plan p, RegisterValue a, RegisterValue b, RegisterValue c, FloatType t, long[] data) {
        FloatRounder r = FloatRounder.of(t);
        double[] av = floatValues(a, r), bv = floatValues(b, r), cv = floatValues(c, r);
        int m = p.m, n = p.n, k = p.k;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = cv[i * n + j];
                if (r.f32) {
                    float f = (float) acc;
                    for (int kk = 0; kk < k; kk++) f = f + (float) av[i * k + kk] * (float) bv[kk * n + j];
                    acc = f;
                } else {
                    for (int kk = 0; kk < k; kk++) acc = r.round(acc + r.round(av[i * k + kk] * bv[kk * n + j]));
                }
                p.out.write(data, i * n + j, r.code(acc));
            }
        }
    }

    private static long[] intValues(RegisterValue v, IntType t) {
        int n = v.table.numElements;
        long[] out = new long[n];
        for (int e = 0; e < n; e++) out[e] = t.decodeLong(DType.convert(v.dtype, v.element(e), t));
        return out;
    }

    private static void intDot(Plan p, RegisterValue a, RegisterValue b, RegisterValue c, IntType t, long[] data) {
        long[] av = intValues(a, t), bv = intValues(b, t), cv = intValues(c, t);
        int m = p.m, n = p.n, k = p.k;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long acc = cv[i * n + j];
                for (int kk = 0; kk < k; kk++) acc = t.wrap(acc + t.wrap(av[i * k + kk] * bv[kk * n + j]));
                p.out.write(data, i * n + j, t.encodeLong(acc));
            }
        }
    }
}
