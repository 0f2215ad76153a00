package org.tilevm.codegen.ptx.cuda;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tilevm.codegen.ptx.tir.ScalarType;

/**
 * Adapts a TIR {@code printf} format to C varargs. In the TIR (as in the simulator) length
 * modifiers are ignored and each argument's own type decides its width; C needs them to match, so
 * integer conversions get {@code ll} for 64-bit arguments and none otherwise, and a conversion
 * that does not fit its argument's kind (a float printed with {@code %d}) is an error.
 */
final class PrintfFormat {
    private PrintfFormat() {}

    private static final Pattern SPEC = Pattern.compile("%([-+ 0#]*)([0-9]*)(\\.[0-9]+)?(hh|h|ll|l)?([diuxXfeEgGc%])");

    static String rewrite(String format, List<ScalarType> args) {
        StringBuilder sb = new StringBuilder();
        Matcher m = SPEC.matcher(format);
        int at = 0, arg = 0;
        while (m.find()) {
            sb.append(format, at, m.start());
            at = m.end();
            char conv = m.group(5).charAt(0);
            if (conv == '%') {
                sb.append("%%");
                continue;
            }
            if (arg >= args.size()) throw new CudaException("printf format \"" + format + "\" has more conversions than arguments");
            ScalarType t = args.get(arg++);
            boolean floatConv = "feEgG".indexOf(conv) >= 0;
            if (floatConv != t.isFloat()) {
                throw new CudaException("printf conversion %" + conv + " cannot print a " + t + " argument");
            }
            String length = !floatConv && conv != 'c' && t.bits() == 64 ? "ll" : "";
            sb.append('%').append(m.group(1)).append(m.group(2)).append(m.group(3) == null ? "" : m.group(3)).append(length)
                    .append(conv);
        }
        sb.append(format.substring(at));
        if (arg != args.size()) throw new CudaException("printf format \"" + format + "\" has " + arg + " conversions for "
                + args.size() + " arguments");
        return sb.toString();
    }
}
