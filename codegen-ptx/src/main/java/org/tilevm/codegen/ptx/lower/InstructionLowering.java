package org.tilevm.codegen.ptx.lower;

import org.tilevm.spec.ir.Instruction;

/** Lowers one kind of block-level instruction into thread-level statements emitted into the context. */
@FunctionalInterface
interface InstructionLowering<I extends Instruction> {
    void lower(I instruction, LowerContext ctx);
}
