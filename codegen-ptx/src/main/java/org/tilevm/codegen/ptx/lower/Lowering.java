package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.ir.Program;

/**
 * Lowers a verified block-level program to a thread-level one (see {@code codegen-ptx/LOWERING.md}).
 */
public final class Lowering {
    private Lowering() {}

    /**
     * The thread-level program of {@code program} (which must pass the block-level verifier).
     *
     * @throws LoweringException naming the instruction and the reason when a construct cannot be lowered
     */
    public static ThreadProgram lower(Program program) {
        throw new LoweringException("lowering is not written yet");
    }
}
