package org.tilevm.codegen.jvm;

import java.util.Map;
import java.util.TreeMap;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * Integer scalar parameters whose values are compiled into the code as constants (a kernel
 * specialized for {@code k = 4096} gets constant loop bounds, which the JIT unrolls and folds).
 * A specialized kernel may only be launched with those values. {@link #none()} specializes nothing;
 * the backend uses it unless asked otherwise.
 */
public record Specialization(Map<String, Long> constants) {
    public Specialization {
        constants = Map.copyOf(new TreeMap<>(constants));
    }

    public static Specialization none() { return new Specialization(Map.of()); }

    public static Specialization of(Map<String, Long> constants) { return new Specialization(constants); }

    /** The text that keys the kernel cache together with the program's printed text. */
    public String signature() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(constants).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Checks that every constant names an integer scalar parameter of {@code program} and fits its type. */
    void check(Program program) {
        constants.forEach((name, value) -> {
            Param p = program.param(name).orElseThrow(() -> new IllegalArgumentException(
                    "specialization of " + program.name() + ": '" + name + "' is not a parameter"));
            if (p.pointer() || !(p.dtype() instanceof IntType t)) {
                throw new IllegalArgumentException("specialization of " + program.name() + ": '" + name
                        + "' is not an integer scalar parameter");
            }
            if (!t.fits(value)) {
                throw new IllegalArgumentException("specialization of " + program.name() + ": " + name + " = " + value
                        + " does not fit in " + t.name());
            }
        });
    }
}
