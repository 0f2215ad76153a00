package org.tilevm.codegen.ptx.sim;

/**
 * Where a statement is: its path from the program body ({@code body[3].for k.body[1]}, as the
 * vm-spec verifier and interpreter write paths) and a short rendering of the statement.
 *
 * @param id   index in the compiled program's list of sites (the race tracker stores it)
 * @param path the statement path
 * @param text the statement's first line in the TIR text form ({@link org.tilevm.codegen.ptx.tir.TirText#head}), shortened
 */
record Site(int id, String path, String text) {
    private static final int MAX_TEXT = 120;

    /** {@code text} cut to at most 120 characters. */
    static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }

    @Override
    public String toString() { return path + " " + text; }
}
