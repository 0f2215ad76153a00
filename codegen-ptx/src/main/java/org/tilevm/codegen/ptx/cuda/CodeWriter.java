package org.tilevm.codegen.ptx.cuda;

/** Lines of C with two-space indentation; the printers write statements through it. */
final class CodeWriter {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    CodeWriter(int depth) { this.depth = depth; }

    CodeWriter line(String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
        return this;
    }

    /** A line that opens a block ({@code text} ends with a brace) and indents what follows. */
    CodeWriter open(String text) {
        line(text);
        depth++;
        return this;
    }

    /** Dedents and writes the closing line (a brace, or e.g. {@code "} else {"}). */
    CodeWriter close(String text) {
        depth--;
        line(text);
        return this;
    }

    /** A line at the enclosing level between two blocks (e.g. {@code "} else {"}). */
    CodeWriter reopen(String text) {
        depth--;
        line(text);
        depth++;
        return this;
    }

    /** A comment of one or more lines. */
    CodeWriter comment(String text) {
        for (String l : text.split("\n", -1)) line(("// " + l).stripTrailing());
        return this;
    }

    @Override
    public String toString() { return out.toString(); }
}
