package org.tilevm.codegen.ptx.cuda.backend;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tilevm.spec.backend.LaunchArguments;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * The checked arguments of one CUDA launch, with the conventions (and messages) of the reference
 * interpreter: a {@link MemorySegment} per pointer parameter; an {@code Integer}/{@code Long}/
 * {@code Short}/{@code Byte} that fits per integer scalar; any {@code Number} per float scalar.
 * Scalars are kept as the bits the kernel receives: integers as their value, floats as their
 * code in the parameter's dtype ({@code FloatType.encode}, the rounding the interpreter applies).
 * Also evaluates the grid, whose expressions are over the integer scalar parameters.
 */
final class KernelArguments {
    /** Pointer arguments by parameter name. */
    final Map<String, MemorySegment> pointers = new HashMap<>();
    /** Scalar arguments by parameter name: integer value, or float code. */
    final Map<String, Long> scalars = new LinkedHashMap<>();
    /** Blocks along x, y, z. */
    final int[] grid = {1, 1, 1};

    private KernelArguments() {}

    static KernelArguments bind(Program program, Map<String, Object> args) {
        LaunchArguments checked = LaunchArguments.check(program.name(), program.params(), args);
        KernelArguments out = new KernelArguments();
        out.pointers.putAll(checked.pointers());
        for (Param p : program.params()) {
            if (p.pointer()) continue;
            out.scalars.put(p.name(), p.dtype() instanceof FloatType ft
                    ? ft.encode(checked.floats().get(p.name()).doubleValue()) : checked.integers().get(p.name()));
        }
        System.arraycopy(checked.grid(program.name(), program.grid()), 0, out.grid, 0, 3);
        return out;
    }
}
