package org.tilevm.codegen.jvm;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * The checked arguments of one launch (SPEC S1.2), with the interpreter's messages: a
 * {@link MemorySegment} per pointer parameter; an {@code Integer}/{@code Long}/{@code Short}/
 * {@code Byte} that fits per integer scalar; any {@code Number} per float scalar, rounded to its
 * type. Scalars are held by parameter index as the generated code reads them: integer values, or
 * the bits of float values (doubles).
 */
final class LaunchBinding {
    final long[] scalars;
    final MemorySegment[] pointers;
    /** Integer scalar parameters by name (the environment of symbolic global shapes). */
    final Map<String, Long> env = new HashMap<>();

    private LaunchBinding(int n) {
        scalars = new long[n];
        pointers = new MemorySegment[n];
    }

    static LaunchBinding bind(Program program, Map<String, Object> args) {
        String where = "launch of " + program.name() + ": ";
        List<Param> params = program.params();
        LaunchBinding out = new LaunchBinding(params.size());
        for (String name : args.keySet()) {
            if (program.param(name).isEmpty()) {
                throw new LaunchException(where + "argument '" + name + "' does not name a parameter (parameters: "
                        + params.stream().map(Param::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (!args.containsKey(p.name())) {
                throw new LaunchException(where + "missing argument for parameter '" + p.name() + "' (" + describe(p) + ")");
            }
            Object a = args.get(p.name());
            if (a == null) throw new LaunchException(where + "argument for parameter '" + p.name() + "' is null");
            if (p.pointer()) {
                if (!(a instanceof MemorySegment seg)) {
                    throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p)
                            + ": expected a MemorySegment, got " + a.getClass().getSimpleName());
                }
                out.pointers[i] = seg;
            } else {
                long bits = scalar(where, p, a);
                out.scalars[i] = bits;
                if (p.dtype() instanceof IntType) out.env.put(p.name(), bits);
            }
        }
        return out;
    }

    private static long scalar(String where, Param p, Object a) {
        DType t = p.dtype();
        if (!(a instanceof Number n)) {
            throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p) + ": expected a Number, got "
                    + a.getClass().getSimpleName());
        }
        return switch (t) {
            case IntType it -> {
                if (!(a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte)) {
                    throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p)
                            + ": expected an Integer or Long, got " + a.getClass().getSimpleName() + " " + a);
                }
                long v = n.longValue();
                if (!it.fits(v)) {
                    throw new LaunchException(where + "argument " + p.name() + " = " + v + " does not fit in " + it.name()
                            + " [" + it.minLong() + ", " + it.maxLong() + "]");
                }
                yield v;
            }
            case FloatType ft -> Double.doubleToRawLongBits(ft.decode(ft.encode(n.doubleValue())));
        };
    }

    private static String describe(Param p) {
        return p.pointer() ? "a pointer to " + p.dtype().name() : "a " + p.dtype().name() + " scalar";
    }
}
