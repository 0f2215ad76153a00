package org.tilevm.spec.interp;

/** Independent reference rounding of an exact double to f16/bf16 (RNE; overflow to infinity), for tests. */
final class RefRound {
    private RefRound() {}

    /** The f16 code of x. */
    static long f16(double x) { return round(x, 10, 15, 0x7C00, 65504.0); }

    /** The bf16 code of x. */
    static long bf16(double x) {
        return round(x, 7, 127, 0x7F80, Float.intBitsToFloat(0x7F7F0000));
    }

    /** Round |x| to a binary float with m mantissa bits and bias b, return code with sign. */
    private static long round(double x, int m, int bias, long infCode, double max) {
        long sign = (Double.doubleToRawLongBits(x) < 0) ? 1L << (m + bitsExp(bias)) : 0;
        double a = Math.abs(x);
        int e = Math.max(Math.getExponent(a), 1 - bias);
        double ulp = Math.scalb(1.0, e - m);
        double q = Math.rint(a / ulp) * ulp; // a / ulp is exact: scaling by a power of two
        if (q > max) return sign | infCode;
        if (q == 0) return sign;
        int qe = Math.getExponent(q);
        if (qe < 1 - bias) return sign | (long) (q / Math.scalb(1.0, 1 - bias - m)); // subnormal
        long mant = (long) (q / Math.scalb(1.0, qe - m)) - (1L << m);
        return sign | ((long) (qe + bias) << m) | mant;
    }

    private static int bitsExp(int bias) { return Integer.numberOfTrailingZeros(Integer.highestOneBit(bias + 1)) + 1; }
}
