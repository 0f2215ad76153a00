package org.tilevm.codegen.ptx.sim;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.backend.LaunchArguments;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.ir.Param;

/**
 * The checked arguments of one simulated launch, with the conventions of
 * {@link org.tilevm.spec.backend.Backend#launch} (and the interpreter's messages): a
 * {@link MemorySegment} per pointer parameter; an {@code Integer}/{@code Long}/{@code Short}/
 * {@code Byte} that fits per integer scalar; any {@code Number} per float scalar, rounded to its
 * type. Also evaluates the grid, whose expressions are over the integer scalar parameters.
 */
final class LaunchBinding {
    final Map<String, MemorySegment> pointers = new HashMap<>();
    /** Integer scalars: their value; float scalars: their value (rounded to the dtype) as double bits. */
    final Map<String, Long> scalars = new HashMap<>();
    final int[] grid = {1, 1, 1};

    private LaunchBinding() {}

    static LaunchBinding bind(ThreadProgram program, Map<String, Object> args) {
        LaunchBinding out = new LaunchBinding();
        try {
            LaunchArguments checked = LaunchArguments.check(program.name(), program.params(), args);
            out.pointers.putAll(checked.pointers());
            for (Param p : program.params()) {
                if (p.pointer()) continue;
                out.scalars.put(p.name(), p.dtype() instanceof FloatType ft
                        ? Double.doubleToRawLongBits(ft.decode(ft.encode(checked.floats().get(p.name()).doubleValue())))
                        : checked.integers().get(p.name()));
            }
            System.arraycopy(checked.grid(program.name(), program.grid()), 0, out.grid, 0, 3);
        } catch (LaunchException e) {
            throw new SimulationException(e.getMessage());
        }
        return out;
    }
}
