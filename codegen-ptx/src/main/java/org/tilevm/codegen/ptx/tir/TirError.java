package org.tilevm.codegen.ptx.tir;

/**
 * One well-formedness problem of a thread-level program, found by {@link TirVerifier}.
 *
 * @param path   where: {@code program}, {@code params[1]}, {@code grid[0]}, or a statement path
 *               such as {@code body[3].for(k).body[1]} (item i of a sequence at p is {@code p[i]};
 *               the body of a loop over k at p is {@code p.for(k).body}, the branches of an if
 *               {@code p.if.then} / {@code p.if.else}, the body of a while {@code p.while.body})
 * @param kind   the statement kind ({@code load shared}, {@code for}, {@code let}, ...), or
 *               {@code program}, {@code param}, {@code grid} for the header
 * @param text   the statement's first line in the text form ({@link TirText#head}) or the header
 * @param reason what is wrong
 */
public record TirError(String path, String kind, String text, String reason) {

    /** One line: {@code path kind: reason (in: text)}, e.g. {@code body[2].for(k).body[0] load shared: ...}. */
    public String message() {
        return path + " " + kind + ": " + reason + " (in: " + text + ")";
    }

    @Override
    public String toString() { return message(); }
}
