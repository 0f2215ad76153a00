package org.tilevm.codegen.jvm;

import java.util.List;
import org.tilevm.codegen.jvm.runtime.GlobalSpec;
import org.tilevm.spec.ir.Program;

/**
 * A program compiled to a hidden class: the kernel instance, the global tensors the launch must
 * evaluate, whether blocks must run in order ({@code print} output is kept in block order), the
 * class's bytes (for inspection and tests), how long compilation took, and how many
 * dequantize-and-multiply chains run as one fused kernel ({@code fusedDots}; see JVM-BACKEND.md).
 */
public record CompiledProgram(Program program, Specialization specialization, CompiledKernel kernel,
                              List<GlobalSpec> globals, boolean hasPrint, boolean hasSemaphores, byte[] bytecode,
                              long compileNanos, int fusedDots) {
    public String name() { return program.name(); }
}
