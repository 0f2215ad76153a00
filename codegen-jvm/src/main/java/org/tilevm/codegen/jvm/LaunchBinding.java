package org.tilevm.codegen.jvm;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.spec.backend.LaunchArguments;
import org.tilevm.spec.dtype.FloatType;
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
        LaunchArguments checked = LaunchArguments.check(program.name(), program.params(), args);
        List<Param> params = program.params();
        LaunchBinding out = new LaunchBinding(params.size());
        out.env.putAll(checked.integers());
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (p.pointer()) out.pointers[i] = checked.pointers().get(p.name());
            else if (p.dtype() instanceof FloatType ft) {
                out.scalars[i] = Double.doubleToRawLongBits(ft.decode(ft.encode(checked.floats().get(p.name()).doubleValue())));
            } else {
                out.scalars[i] = checked.integers().get(p.name());
            }
        }
        return out;
    }
}
