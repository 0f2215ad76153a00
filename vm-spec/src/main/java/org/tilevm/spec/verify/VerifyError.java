package org.tilevm.spec.verify;

/**
 * One well-formedness problem of a program.
 *
 * @param path   where: {@code program}, {@code params[1]}, {@code grid[0]}, or a statement path such
 *               as {@code body[3].for kb.body[2]}
 * @param op     the instruction's op name ({@code load_global}), the statement kind ({@code for},
 *               {@code if}, {@code while}, {@code break}, {@code let}, {@code set} for an
 *               assignment; {@code stmt}/{@code exec} for a missing statement/instruction), or
 *               {@code program} for the header
 * @param text   the printed instruction, statement header or parameter
 * @param reason what is wrong
 */
public record VerifyError(String path, String op, String text, String reason) {

    /** One line: {@code path: op: reason (in: text)}. */
    public String message() {
        return path + ": " + op + ": " + reason + " (in: " + text + ")";
    }

    @Override
    public String toString() { return message(); }
}
