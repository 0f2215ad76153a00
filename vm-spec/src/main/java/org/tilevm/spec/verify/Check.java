package org.tilevm.spec.verify;

import org.tilevm.spec.ir.Instruction;

/**
 * One well-formedness check of an instruction kind. A rule is a list of checks run in order; the
 * first failing check ends the rule (so later checks may assume what earlier ones established,
 * e.g. that an operand is a register tensor).
 */
@FunctionalInterface
interface Check<I extends Instruction> {
    /** True when the instruction passes; otherwise reports through {@code cx.fail} and returns false. */
    boolean test(I instruction, RuleContext cx);
}
