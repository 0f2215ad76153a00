package org.tilevm.cli;

import java.math.BigDecimal;

/**
 * How the command line prints numbers: the shortest decimal that reads back as the same
 * {@code double} (Java's {@link Double#toString(double)} digits), without a trailing {@code .0}
 * for integers, in plain notation for magnitudes in [1e-4, 1e16) and otherwise as
 * {@code d.ddde-XX} / {@code d.ddde+XX} (like Python's {@code repr}); {@code NaN},
 * {@code Infinity}, {@code -Infinity}; negative zero prints as {@code -0}.
 */
final class NumberFormat {
    private NumberFormat() {}

    /** The shortest round-tripping decimal of {@code v}. */
    static String shortest(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (v == 0) return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) return d.toPlainString();
        // Scientific: unscaled digits u with scale s mean u * 10^-s.
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        StringBuilder sb = new StringBuilder();
        if (v < 0) sb.append('-');
        sb.append(digits.charAt(0));
        if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) sb.append('0');
        return sb.append(e).toString();
    }

    /** The exact decimal expansion of {@code v} in plain notation (every digit), same special cases as {@link #shortest}. */
    static String exact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) return shortest(v);
        return new BigDecimal(v).stripTrailingZeros().toPlainString();
    }

    /** Whether {@link #shortest} gives the exact value of {@code v}. */
    static boolean shortestIsExact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) return true;
        return new BigDecimal(Double.toString(v)).compareTo(new BigDecimal(v)) == 0;
    }

    /** A relative error or tolerance: 3 significant digits in scientific notation, e.g. {@code 1.23e-04}. */
    static String sci(double v) {
        return String.format(java.util.Locale.ROOT, "%.2e", v);
    }
}
