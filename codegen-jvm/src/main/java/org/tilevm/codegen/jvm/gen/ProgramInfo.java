package org.tilevm.codegen.jvm.gen;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.codegen.jvm.runtime.GlobalSpec;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Program;

/**
 * What the code generator knows about the whole program: the program, the constant values of
 * specialized parameters, and the global tensors ({@code global_view}, {@code allocate_global})
 * the launch evaluates, numbered in program order.
 */
final class ProgramInfo {
    private final Program program;
    private final Map<String, Long> constants;
    final List<GlobalSpec> globals = new ArrayList<>();
    final IdentityHashMap<Instruction, Integer> globalIndex = new IdentityHashMap<>();
    boolean hasPrint, hasSemaphores;
    /** The instructions of dequantize-and-multiply chains, mapped to their chain. */
    final IdentityHashMap<Instruction, DequantDotFusion.Chain> fusions;

    ProgramInfo(Program program, Map<String, Long> constants) {
        this.program = program;
        this.fusions = DequantDotFusion.find(program);
        this.constants = Map.copyOf(constants);
    }

    Program program() { return program; }

    Spec spec() { return new Spec(constants); }

    record Spec(Map<String, Long> constants) {}
}
