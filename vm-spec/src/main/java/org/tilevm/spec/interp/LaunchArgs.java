package org.tilevm.spec.interp;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.backend.LaunchArguments;
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
        LaunchArguments checked = LaunchArguments.check(program.name(), program.params(), args);
        LaunchArgs out = new LaunchArgs();
        out.pointers.putAll(checked.pointers());
        for (Param p : program.params()) {
            if (p.pointer()) continue;
            long bits = switch (p.dtype()) {
                case IntType it -> checked.integers().get(p.name());
                case FloatType ft -> Double.doubleToRawLongBits(ft.decode(ft.encode(checked.floats().get(p.name()).doubleValue())));
            };
            out.scalars.put(p, bits);
            if (p.dtype() instanceof IntType) out.symEnv.put(p.name(), bits);
        }
        return out;
    }

    /** The scope holding the scalar parameters. */
    Scope rootScope() {
        Scope s = new Scope(null);
        scalars.forEach((p, bits) -> s.defineScalar(p.name(), p.dtype(), bits));
        return s;
    }
}
