package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@link Main#run} in-process and captures both streams. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, po, pe);
        }
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines() { return out.lines().toList(); }

    /** Asserts success with nothing on stderr. */
    CliRun ok() {
        assertEquals("", err, "stderr");
        assertEquals(Main.EXIT_OK, code, "exit code; stderr: " + err);
        return this;
    }

    /**
     * Asserts a bad-input failure: exit 2, nothing on stdout, exactly one line {@code tilevm: ...}
     * on stderr containing every fragment, no stack trace. Returns the message after the prefix.
     */
    String badInput(String... fragments) {
        return failure(Main.EXIT_BAD_INPUT, fragments);
    }

    String failure(int expectedCode, String... fragments) {
        assertEquals(expectedCode, code, "exit code; stdout: " + out + " stderr: " + err);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr, got: " + err);
        String line = lines.getFirst();
        assertTrue(line.startsWith("tilevm: "), line);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        for (String f : fragments) assertTrue(line.contains(f), "'" + f + "' in: " + line);
        return line.substring("tilevm: ".length());
    }
}
