package org.tilevm.codegen.jvm;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tilevm.codegen.jvm.runtime.GlobalSpec;
import org.tilevm.codegen.jvm.runtime.KernelFault;
import org.tilevm.codegen.jvm.runtime.Launch;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.verify.VerificationException;

/**
 * Backend {@code jvm}: programs compiled to JVM bytecode ({@link JvmCompiler}), cached in memory,
 * with the blocks of a grid running in parallel ({@link BlockRunner}). Results are bit-identical to
 * the reference interpreter's; errors have the interpreter's messages. Priority 10: preferred to
 * the interpreter (0), not to a GPU backend.
 */
public final class JvmBackend implements Backend {
    private static final KernelCache CACHE = new KernelCache();

    private volatile PrintStream out;

    /** A backend whose {@code print} instructions write to {@code System.out} (the ServiceLoader constructor). */
    public JvmBackend() { this(System.out); }

    public JvmBackend(PrintStream out) { this.out = Objects.requireNonNull(out, "out"); }

    /** Sets where {@code print} instructions write. */
    public void setOutput(PrintStream out) { this.out = Objects.requireNonNull(out, "out"); }

    @Override
    public String name() { return "jvm"; }

    @Override
    public int priority() { return 10; }

    @Override
    public void launch(Program program, Map<String, Object> args) { launch(program, args, Specialization.none()); }

    /**
     * Runs {@code program} compiled with {@code spec}; the arguments of specialized parameters must
     * have the specialized values.
     */
    public void launch(Program program, Map<String, Object> args, Specialization spec) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(args, "args");
        CompiledProgram cp = compiled(program, spec);
        LaunchBinding bound = LaunchBinding.bind(program, args);
        spec.constants().forEach((name, value) -> {
            Object a = args.get(name);
            if (!(a instanceof Number n) || n.longValue() != value) {
                throw new LaunchException("launch of " + program.name() + ": the kernel is specialized for " + name + " = "
                        + value + " but the argument is " + a);
            }
        });
        int[] grid = grid(cp, bound);
        boolean parallel = true;
        java.lang.foreign.MemorySegment[] pointers = bound.pointers.clone();
        for (int i = 0; i < pointers.length; i++) {
            if (pointers[i] == null) continue;
            java.lang.foreign.MemorySegment shared = Segments.shareable(pointers[i]);
            if (shared == null) parallel = false;
            else pointers[i] = shared;
        }
        if (!parallel) pointers = bound.pointers;
        List<GlobalSpec> globals = cp.globals();
        try (Launch launch = new Launch(bound.scalars, pointers, bound.env, globals.toArray(new GlobalSpec[0]), grid, out)) {
            BlockRunner.run(cp, launch, parallel);
        }
    }

    /** The compiled kernel of {@code program} (from the cache, or compiled now). */
    public static CompiledProgram compiled(Program program, Specialization spec) {
        try {
            return CACHE.get(program, spec);
        } catch (VerificationException e) {
            throw new LaunchException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(program.name() + ": " + e.getMessage(), e);
        }
    }

    /** The grid: 1 to 3 integer expressions over the scalar parameters; missing axes are 1. */
    private static int[] grid(CompiledProgram cp, LaunchBinding args) {
        int dims = cp.program().grid().size();
        if (dims < 1 || dims > 3) {
            throw new LaunchException(cp.name() + ": the grid has " + dims + " dimensions, expected 1 to 3");
        }
        int[] out = {1, 1, 1};
        for (int d = 0; d < dims; d++) {
            long v;
            try {
                v = cp.kernel().grid(d, args.scalars);
            } catch (KernelFault e) {
                throw new LaunchException(cp.name() + ": grid[" + d + "]: " + e.getMessage(), e);
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new LaunchException(cp.name() + ": grid[" + d + "] evaluates to " + v + ", expected 0 to "
                        + Integer.MAX_VALUE);
            }
            out[d] = (int) v;
        }
        return out;
    }
}
