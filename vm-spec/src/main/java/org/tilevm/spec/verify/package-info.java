/**
 * The well-formedness rules of TileVM programs.
 *
 * <p>{@link org.tilevm.spec.verify.Verifier} walks a program once, keeping nested scopes of
 * scalars and tensors (every {@code Seq}, {@code For}, {@code If} and {@code While} body is a
 * scope), type-checks every scalar expression, and checks each instruction against its row of a
 * rule table keyed by the instruction's record class ({@code InstructionRules}). A row is a list
 * of small reusable checks ({@code Checks}: operand kinds, dtypes, ranks, offsets, layouts derived
 * with the layout algebra, the broadcast/holder rule), so the rules read as data. Every problem
 * becomes a {@link org.tilevm.spec.verify.VerifyError} naming the instruction, its statement path
 * ({@code body[3].for kb.body[2]}), its printed text and the reason; exceptions of the layout
 * algebra are converted, never propagated. The normative rules are in {@code vm-spec/SPEC.md (Part P)}.
 */
package org.tilevm.spec.verify;
