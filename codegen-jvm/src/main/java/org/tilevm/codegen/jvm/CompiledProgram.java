package org.tilevm.codegen.jvm;

import java.util.List;
import org.tilevm.codegen.jvm.runtime.GlobalSpec;
import org.tilevm.spec.ir.Program;

/**
 * A program compiled to a hidden class: the kernel instance, the global tensors the launch must
 * evaluate, whether blocks must run in order ({@code print} output is kept in block order), the
 * class's bytes (for inspection and tests) and how long compilation took.
 */
public record CompiledProgram(Program program, Specialization specialization, CompiledKernel kernel,
                              List<GlobalSpec> globals, boolean hasPrint, boolean hasSemaphores, byte[] bytecode,
                              long compileNanos) {
    public String name() { return program.name(); }
}
