package org.tilevm.codegen.ptx.sim;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;

/**
 * {@code printf} of every thread whose predicate holds, in thread order, to the simulator's
 * stream. The format is a C subset: conversions {@code %d %i %u %x %X %f %e %g %c} with flags
 * {@code -+ 0#}, width and precision, length modifiers ({@code h l ll}) accepted and ignored (the
 * argument's own type decides its width), and {@code %%}. {@code %d}/{@code %u} read an argument
 * as signed/unsigned at its width; float arguments print through {@code double}, as C promotes
 * them ({@code %g} follows Java's formatting, which keeps trailing zeros).
 */
final class PrintfOp {
    private PrintfOp() {}

    private static final Pattern SPEC = Pattern.compile("%([-+ 0#]*)([0-9]*)(\\.[0-9]+)?(hh|h|ll|l)?([diuxXfeEgGc%])");

    /** A piece of the format: literal text, or a conversion with its flags, width and precision. */
    private record Piece(String text, char conv, String flags, String width, String prec) {
        String javaSpec() { return "%" + flags + width + prec; }
    }

    static Node build(TStmt.Printf x, Compiler.Ctx c) {
        List<Piece> pieces = parse(x.format());
        int convs = (int) pieces.stream().filter(p -> p.conv != 0).count();
        if (convs != x.args().size()) {
            throw new Fault(-1, "the format has " + convs + " conversions but printf has " + x.args().size() + " arguments");
        }
        List<Ev> args = new ArrayList<>();
        List<ScalarType> types = new ArrayList<>();
        int ai = 0;
        for (Piece p : pieces) {
            if (p.conv == 0) continue;
            TExpr e = x.args().get(ai++);
            boolean floatConv = "feEgG".indexOf(p.conv) >= 0;
            if (floatConv != e.type().isFloat()) {
                throw new Fault(-1, "%" + p.conv + " cannot print argument " + ai + " of type " + e.type());
            }
            try {
                format(p, 1, e.type()); // reject what Java's formatter cannot do (e.g. a precision on %d)
            } catch (java.util.IllegalFormatException bad) {
                throw new Fault(-1, "unsupported printf conversion " + p.javaSpec() + p.conv + " (" + bad.getMessage() + ")");
            }
            args.add(c.ex().compile(e));
            types.add(e.type());
        }
        Ev pred = MemoryOps.predicate(x.pred(), c);
        return b -> {
            StringBuilder sb = new StringBuilder();
            for (int t = 0; t < b.numThreads; t++) {
                if (pred.eval(b, t) == 0) continue;
                int k = 0;
                for (Piece p : pieces) {
                    if (p.conv == 0) {
                        sb.append(p.text);
                    } else {
                        sb.append(format(p, args.get(k).eval(b, t), types.get(k)));
                        k++;
                    }
                }
            }
            if (!sb.isEmpty()) {
                b.launch.out().print(sb);
                b.launch.out().flush();
            }
            return Node.Flow.NORMAL;
        };
    }

    private static List<Piece> parse(String format) {
        List<Piece> out = new ArrayList<>();
        Matcher m = SPEC.matcher(format);
        int at = 0;
        while (at < format.length()) {
            int pct = format.indexOf('%', at);
            if (pct < 0) {
                out.add(new Piece(format.substring(at), (char) 0, "", "", ""));
                break;
            }
            if (pct > at) out.add(new Piece(format.substring(at, pct), (char) 0, "", "", ""));
            if (!m.find(pct) || m.start() != pct) {
                throw new Fault(-1, "unsupported printf conversion at \"" + format.substring(pct, Math.min(format.length(), pct + 6))
                        + "\" (supported: %d %i %u %x %X %f %e %g %c %%)");
            }
            char conv = m.group(5).charAt(0);
            if (conv == '%') {
                out.add(new Piece("%", (char) 0, "", "", ""));
            } else {
                out.add(new Piece(null, conv, m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3)));
            }
            at = m.end();
        }
        return out;
    }

    private static String format(Piece p, long v, ScalarType type) {
        boolean wide = type.bits() == 64;
        String spec = p.javaSpec();
        BigInteger unsigned = wide ? new BigInteger(Long.toUnsignedString(v)) : BigInteger.valueOf(v & 0xFFFF_FFFFL);
        return switch (p.conv) {
            case 'd', 'i' -> String.format(Locale.ROOT, spec + "d", wide ? v : (long) (int) v);
            case 'u' -> String.format(Locale.ROOT, spec + "d", unsigned);
            case 'x', 'X' -> String.format(Locale.ROOT, spec + p.conv, unsigned);
            case 'c' -> String.format(Locale.ROOT, "%" + (p.flags.contains("-") ? "-" : "") + p.width + "c", (char) (v & 0xFF));
            default -> String.format(Locale.ROOT, spec + p.conv, Scalars.toDouble(v, type));
        };
    }
}
