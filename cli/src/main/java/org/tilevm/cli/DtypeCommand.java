package org.tilevm.cli;

import java.io.PrintStream;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.IntType;

/**
 * {@code tilevm dtype NAME [--exact]}: every code of a type of at most 8 bits with its bits and
 * exact value, or a one-line summary of a wider type.
 */
final class DtypeCommand implements Command {
    /** Types up to this width get the full table. */
    static final int TABLE_MAX_BITS = 8;

    private static final OptionSpec SPEC = OptionSpec.builder()
            .positional("NAME", "a dtype name: u1..u8, u16, u32, i1..i8, i16, i32, i64, f16, bf16, f32, fNeEmM", true)
            .flag("--exact", "print every digit of each value (default: the shortest decimal that reads back exactly)")
            .build();

    @Override public String name() { return "dtype"; }

    @Override public String summary() { return "list every code of a low-bit type with its exact value"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public String details() {
        return """
                For types of at most 8 bits: a CSV table 'code,bits,value' with one line per code
                0..2^N-1: the code in decimal, its N bits in binary (most significant first) and its
                value: the shortest decimal that reads back as the same double (0.5, -6,
                0.001953125, 1.52587890625e-05), NaN, Infinity, -Infinity, and -0 for negative zero.
                That is the exact value for every type with at most 5 exponent bits; --exact prints
                all digits of the exact value instead (for f8e6m1, f8e7m0, ...).
                For wider types one line: 'NAME: N bits, min MIN, max MAX' (finite range).
                Example: tilevm dtype f4e2m1""";
    }

    @Override
    public int run(Options options, PrintStream out) {
        DType t = Options.parseDType("dtype", options.positional(0, null));
        boolean exact = options.flag("--exact");
        if (t.bits() > TABLE_MAX_BITS) {
            out.println(summary(t));
            return Main.EXIT_OK;
        }
        out.println("code,bits,value");
        int n = t.bits();
        for (long code = 0; code < (1L << n); code++) {
            double v = t.decode(code);
            out.println(code + "," + binary(code, n) + "," + (exact ? NumberFormat.exact(v) : NumberFormat.shortest(v)));
        }
        return Main.EXIT_OK;
    }

    /** {@code f16: 16 bits, min -65504, max 65504}; integer bounds exact. */
    static String summary(DType t) {
        String min, max;
        if (t instanceof IntType it) {
            min = Long.toString(it.minLong());
            max = it.signed() || it.bits() < 64 ? Long.toString(it.maxLong()) : Long.toUnsignedString(it.maxLong());
        } else {
            min = NumberFormat.shortest(t.minValue());
            max = NumberFormat.shortest(t.maxValue());
        }
        return t.name() + ": " + t.bits() + " bits, min " + min + ", max " + max;
    }

    /** The low {@code n} bits of {@code code}, most significant first. */
    static String binary(long code, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int b = n - 1; b >= 0; b--) sb.append((code >>> b & 1) == 0 ? '0' : '1');
        return sb.toString();
    }
}
