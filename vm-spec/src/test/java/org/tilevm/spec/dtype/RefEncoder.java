package org.tilevm.spec.dtype;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Independent reference encoder for a float type of at most 16 bits: sorts every non-negative
 * finite code by its exact value and picks the nearest with BigDecimal arithmetic; ties go to the
 * even code; beyond max saturates. Shares nothing with FloatType.encode but decode.
 */
final class RefEncoder {
    private final FloatType t;
    private final long[] codes;        // non-negative finite codes, ascending by value
    private final BigDecimal[] values; // their exact values

    RefEncoder(FloatType t) {
        this.t = t;
        if (t.bits() > 16) throw new IllegalArgumentException("too wide for the reference: " + t);
        long sign = 1L << (t.bits() - 1);
        Long[] cs = new Long[(int) sign];
        int k = 0;
        for (long c = 0; c < sign; c++) {
            double v = t.decode(c);
            if (!Double.isNaN(v) && !Double.isInfinite(v)) cs[k++] = c;
        }
        cs = Arrays.copyOf(cs, k);
        Arrays.sort(cs, Comparator.comparingDouble(t::decode));
        codes = new long[k];
        values = new BigDecimal[k];
        for (int i = 0; i < k; i++) {
            codes[i] = cs[i];
            values[i] = new BigDecimal(t.decode(cs[i]));
        }
    }

    long encode(double v) {
        if (Double.isNaN(v)) return t.nanCode();
        long sign = (Double.doubleToRawLongBits(v) < 0) ? 1L << (t.bits() - 1) : 0;
        if (Double.isInfinite(v)) return sign | (t.hasInfinity() ? t.infinityCode() : codes[codes.length - 1]);
        BigDecimal a = new BigDecimal(Math.abs(v));
        // largest i with values[i] <= a
        int lo = 0, hi = values.length - 1;
        if (a.compareTo(values[hi]) >= 0) return sign | codes[hi];
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (values[mid].compareTo(a) <= 0) lo = mid; else hi = mid - 1;
        }
        if (values[lo].compareTo(a) == 0) return sign | codes[lo];
        BigDecimal dLo = a.subtract(values[lo]), dHi = values[lo + 1].subtract(a);
        int cmp = dLo.compareTo(dHi);
        long c;
        if (cmp < 0) c = codes[lo];
        else if (cmp > 0) c = codes[lo + 1];
        else c = (codes[lo] & 1) == 0 ? codes[lo] : codes[lo + 1];
        return sign | c;
    }

    /** Exact value of a finite non-negative code's neighbour midpoints etc.: the sorted values. */
    double[] sortedValues() {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) r[i] = values[i].doubleValue();
        return r;
    }
}
