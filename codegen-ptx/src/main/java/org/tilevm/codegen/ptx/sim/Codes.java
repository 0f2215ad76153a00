package org.tilevm.codegen.ptx.sim;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;

/**
 * Element codes of vm-spec dtypes: {@link TExpr.Decode}, {@link TExpr.Encode} and
 * {@link TExpr.CastCode}, defined through the vm-spec dtype classes so the simulator agrees with
 * the interpreter bit for bit. {@link TExpr.Rounding#ARITH} is the interpreter's rounding of
 * arithmetic results (its {@code FloatRounder}): round to nearest even, overflow to ±inf for
 * types with inf and to ±max otherwise, NaN to the canonical NaN.
 */
final class Codes {
    private Codes() {}

    /** The value (canonical, of {@code TExpr.valueType(dtype)}) of the code in the low bits of {@code code}. */
    static long decode(DType dtype, long code) {
        return switch (dtype) {
            case IntType it -> Scalars.canon(it.decodeLong(code), TExpr.valueType(dtype));
            case FloatType ft -> ft.equals(DTypes.F32)
                    ? code & 0xFFFF_FFFFL                       // keep NaN payloads as the hardware does
                    : Scalars.ofF32((float) ft.decode(code));  // exact: every dtype up to 32 bits fits in f32
        };
    }

    /** The code of {@code value} (of scalar type {@code valueType}) in {@code dtype}, zero-extended. */
    static long encode(DType dtype, long value, ScalarType valueType, TExpr.Rounding rounding) {
        return switch (dtype) {
            case IntType it -> it.encodeLong(value); // wrap: the low bits
            case FloatType ft -> {
                double x = Scalars.toDouble(value, valueType);
                yield rounding == TExpr.Rounding.ARITH ? arith(ft, x) : ft.encode(x);
            }
        };
    }

    /** {@code DType.convert(from, code, to)}. */
    static long cast(DType from, DType to, long code) { return DType.convert(from, code, to); }

    /**
     * The code of {@code x} rounded as arithmetic in {@code t}: as {@link FloatType#encode(double)}
     * except that a magnitude rounding above the largest finite value becomes infinity where the
     * type has one (the threshold is max plus half an ulp of the top binade).
     */
    static long arith(FloatType t, double x) {
        if (Double.isNaN(x)) return t.nanCode();
        if (t.hasInfinity() && Math.abs(x) >= overflowThreshold(t)) {
            return t.encode(Math.copySign(Double.POSITIVE_INFINITY, x));
        }
        return t.encode(x);
    }

    private static double overflowThreshold(FloatType t) {
        double max = t.maxValue();
        return max + Math.scalb(1.0, Math.getExponent(max) - t.mantissaBits() - 1);
    }
}
