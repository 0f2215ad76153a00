/**
 * The canonical text form of TileVM programs.
 *
 * <p>{@link org.tilevm.spec.print.ProgramPrinter} turns a program, statement, instruction, scalar
 * expression or tensor type into stable, readable text. The text contains everything that affects
 * the meaning of a program (dtypes, register/shared/global layouts, operands, unroll hints), is a
 * pure function of the IR records, and is therefore usable as a kernel-cache key. Expressions
 * print with the fewest parentheses that keep them unambiguous (C-like precedence); instruction
 * operands are formatted by a per-instruction table keyed by the record class
 * ({@code InstructionFormats}), so adding an instruction means adding one table row. The grammar
 * of the text form is given in {@code vm-spec/SPEC.md (Part P)}.
 */
package org.tilevm.spec.print;
