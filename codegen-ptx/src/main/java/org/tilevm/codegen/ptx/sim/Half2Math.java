package org.tilevm.codegen.ptx.sim;

import org.tilevm.codegen.ptx.tir.TExpr.H2Op;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;

/**
 * {@code f16x2} / {@code bf16x2} arithmetic ({@link org.tilevm.codegen.ptx.tir.TExpr.Half2}): each
 * 16-bit lane (lane 0 in the low half) is decoded exactly, the operation is computed exactly and
 * rounded once to the 16-bit type with the arithmetic rule (nearest even, overflow to ±inf, NaN to
 * the canonical NaN). Sums, differences and products of two 16-bit floats are exact in a double;
 * for FMA the double sum is rounded to odd (sticky last bit), which makes the final rounding to
 * 11 or 8 significant bits correct as if done once from the exact value.
 */
final class Half2Math {
    private Half2Math() {}

    static int apply(H2Op op, boolean bf16, int a, int b, int c) {
        FloatType t = bf16 ? DTypes.BF16 : DTypes.F16;
        int lo = lane(op, t, a & 0xFFFF, b & 0xFFFF, c & 0xFFFF);
        int hi = lane(op, t, a >>> 16, b >>> 16, c >>> 16);
        return lo | (hi << 16);
    }

    private static int lane(H2Op op, FloatType t, int a, int b, int c) {
        double x = t.decode(a), y = t.decode(b);
        double r = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case FMA -> fmaRoundToOdd(x * y, t.decode(c));
        };
        return (int) Codes.arith(t, r);
    }

    /**
     * {@code p + c} rounded to a double with round-to-odd: when the sum is inexact and its last
     * bit is 0, step one ulp toward the exact value. {@code p} must be exact (a product of two
     * 16-bit floats is).
     */
    private static double fmaRoundToOdd(double p, double c) {
        double s = p + c;
        if (Double.isNaN(s) || Double.isInfinite(s)) return s;
        // TwoSum: err is the exact rounding error of s
        double bb = s - p;
        double err = (p - (s - bb)) + (c - bb);
        if (err != 0 && (Double.doubleToRawLongBits(s) & 1) == 0) {
            s = err > 0 ? Math.nextUp(s) : Math.nextDown(s);
        }
        return s;
    }
}
