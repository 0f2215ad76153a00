package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Swizzle;
import org.tilevm.layout.Sym;

/**
 * Element offsets of tensor indices given as thread-level expressions: global offsets from the
 * symbolic strides, shared offsets from the shared layout's modes and swizzle, bounds checks.
 */
final class Addressing {
    private Addressing() {}

    static TExpr sym(LowerContext ctx, Sym s) { return ScalarLowering.lower(s, ctx::paramType); }

    /** The element offset (I64) of {@code index} (I32 or I64 per dimension) in global tensor {@code g}. */
    static TExpr globalOffset(LowerContext ctx, Binding.Gmem g, TExpr[] index) {
        TExpr off = T.i64(0);
        for (int d = 0; d < index.length; d++) {
            off = T.add(off, T.mul(T.to(ScalarType.I64, index[d]), sym(ctx, g.layout().strides().get(d))));
        }
        return off;
    }

    /** Whether {@code index} lies inside {@code g}'s shape, checking only the dimensions in {@code dims}. */
    static TExpr inBounds(LowerContext ctx, Binding.Gmem g, TExpr[] index, boolean[] dims) {
        TExpr p = T.TRUE;
        for (int d = 0; d < index.length; d++) {
            if (!dims[d]) continue;
            TExpr i = T.to(ScalarType.I64, index[d]);
            Long c = T.constValue(i);
            if (c == null || c < 0) p = T.and(p, T.ge(i, T.i64(0)));
            p = T.and(p, T.lt(i, sym(ctx, g.layout().shape().get(d))));
        }
        return p;
    }

    static boolean[] all(int rank) {
        boolean[] b = new boolean[rank];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** The element offset (I32, swizzled, from the start of the tensor's buffer) of {@code index} in shared layout {@code s}. */
    static TExpr sharedOffset(SharedLayout s, TExpr[] index) {
        int[] modeShape = s.modeShape(), modeStride = s.modeStrides();
        TExpr lin = T.i32(s.baseOffset());
        for (int d = 0; d < index.length; d++) {
            int[] modes = s.modesOfDim(d);
            TExpr v = index[d];
            int div = 1;
            for (int k = modes.length - 1; k >= 0; k--) {
                int m = modes[k];
                TExpr digit = k == 0 ? T.div(v, T.i32(div)) : T.digit(v, div, modeShape[m]);
                lin = T.add(lin, T.mul(digit, T.i32(modeStride[m])));
                div *= modeShape[m];
            }
        }
        Swizzle z = s.swizzle();
        if (z.isIdentity()) return lin;
        int mask = ((1 << z.bits()) - 1) << (z.base() + z.shift());
        TExpr moved = T.bin(BOp.SHR, T.bin(BOp.AND, lin, T.i32(mask)), T.i32(z.shift()));
        return T.bin(BOp.XOR, lin, moved);
    }

    /** {@code offsets[d] + index[d]} per dimension (I32). */
    static TExpr[] plus(TExpr[] offsets, TExpr[] index) {
        TExpr[] r = new TExpr[index.length];
        for (int d = 0; d < r.length; d++) r[d] = T.add(T.to(ScalarType.I32, offsets[d]), index[d]);
        return r;
    }
}
