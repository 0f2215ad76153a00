package org.tilevm.spec.interp;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * The checked arguments of one launch: a segment per pointer parameter, a value per scalar
 * parameter (integer value, or the bits of the double value rounded to the float type), and the
 * integer parameters as the environment of symbolic global shapes.
 */
final class LaunchArgs {
    final Map<String, MemorySegment> pointers = new HashMap<>();
    /** Scalar parameters in declaration order: value bits as stored in a {@link Scope.Cell}. */
    final Map<Param, Long> scalars = new LinkedHashMap<>();
    /** Integer scalar parameters by name, for {@link org.tilevm.layout.Sym#eval}. */
    final Map<String, Long> symEnv = new HashMap<>();

    private LaunchArgs() {}

    static LaunchArgs bind(Program program, Map<String, Object> args) {
        String where = "launch of " + program.name() + ": ";
        LaunchArgs out = new LaunchArgs();
        for (String name : args.keySet()) {
            if (program.param(name).isEmpty()) {
                throw new LaunchException(where + "argument '" + name + "' does not name a parameter (parameters: "
                        + program.params().stream().map(Param::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        for (Param p : program.params()) {
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
                out.pointers.put(p.name(), seg);
            } else {
                long bits = scalar(where, p, a);
                out.scalars.put(p, bits);
                if (p.dtype() instanceof IntType) out.symEnv.put(p.name(), bits);
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
                    throw new LaunchException(where + "argument " + p.name() + " = " + v + " does not fit in "
                            + it.name() + " [" + it.minLong() + ", " + it.maxLong() + "]");
                }
                yield v;
            }
            case FloatType ft -> Double.doubleToRawLongBits(ft.decode(ft.encode(n.doubleValue())));
        };
    }

    static String describe(Param p) {
        return p.pointer() ? "a pointer to " + p.dtype().name() : "a " + p.dtype().name() + " scalar";
    }

    /** The scope holding the scalar parameters. */
    Scope rootScope() {
        Scope s = new Scope(null);
        scalars.forEach((p, bits) -> s.defineScalar(p.name(), p.dtype(), bits));
        return s;
    }
}
