package org.tilevm.codegen.ptx.sim;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import org.tilevm.codegen.ptx.lower.Lowering;
import org.tilevm.codegen.ptx.lower.Specialization;
import org.tilevm.codegen.ptx.lower.LoweringException;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.verify.VerificationException;
import org.tilevm.spec.verify.Verifier;

/**
 * Backend {@code sim}: lowers a block-level program with the GPU lowering and runs the result on
 * the {@link Simulator}, so the GPU code path can be tested on any machine. Priority -10: never
 * chosen by default (the interpreter, priority 0, is), only by name.
 */
public final class SimBackend implements Backend {
    private final Simulator simulator;

    /** A backend whose {@code printf} output goes to {@code System.out} (the ServiceLoader constructor). */
    public SimBackend() { this(System.out); }

    public SimBackend(PrintStream out) { this.simulator = new Simulator(out); }

    @Override
    public String name() { return "sim"; }

    @Override
    public Processor processor() { return Processor.GPU; }

    @Override
    public int priority() { return -10; }

    /**
     * Verifies, lowers and simulates {@code program}.
     *
     * @throws LaunchException wrapping the verifier's, the lowering's or the simulator's error (as cause)
     */
    @Override
    public void launch(Program program, Map<String, Object> args) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(args, "args");
        ThreadProgram lowered;
        try {
            Verifier.check(program);
        } catch (VerificationException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        try {
            lowered = Lowering.lower(program, Specialization.of(program, args));
        } catch (LoweringException e) {
            throw new LaunchException(program.name() + ": cannot lower for the GPU: " + e.getMessage(), e);
        }
        try (java.lang.foreign.Arena workspaces = java.lang.foreign.Arena.ofConfined()) {
            Map<String, Object> all = args;
            if (!lowered.workspaces().isEmpty()) {
                // allocate_global: zero-filled workspaces, one per instruction and launch
                all = new java.util.HashMap<>(args);
                Map<String, Long> env = lowered.integerArguments(args);
                for (ThreadProgram.Workspace w : lowered.workspaces()) {
                    all.put(w.param(), workspaces.allocate(Math.max(1, w.bytes(env)), 16).fill((byte) 0));
                }
            }
            simulator.run(lowered, all);
        } catch (SimulationException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }
}
