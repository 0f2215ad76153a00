package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsEveryCommandAndItsOptions() {
        for (String[] args : new String[][] {{}, {"help"}, {"--help"}, {"-h"}}) {
            CliRun r = CliRun.of(args).ok();
            for (Command c : Commands.ALL) {
                assertTrue(r.out().contains("tilevm " + c.name()), c.name() + " in help " + List.of(args));
                for (OptionSpec.Option o : c.options().options()) assertTrue(r.out().contains(o.synopsis()), o.name());
            }
            assertTrue(r.out().contains("Backends (best first): "), r.out());
            assertTrue(r.out().contains("Exit codes"), r.out());
        }
    }

    @Test
    void commandHelpShowsDetails() {
        for (String[] args : new String[][] {{"help", "layout"}, {"layout", "--help"}, {"layout", "-h"}}) {
            CliRun r = CliRun.of(args).ok();
            assertTrue(r.out().startsWith("tilevm layout EXPR [--csv]"), r.out());
            assertTrue(r.out().contains("thread,local,i0,i1"), r.out());
        }
        assertTrue(CliRun.of("qmatmul", "--help").ok().out().contains("--scales S.npy"));
        CliRun.of("help", "nope").badInput("unknown command 'nope'");
    }

    @Test
    void versionMatchesThePom() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find());
        assertEquals(List.of("tilevm " + m.group(1)), CliRun.of("--version").ok().outLines());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        String msg = CliRun.of("frobnicate").badInput("unknown command 'frobnicate'", "demo, qmatmul, bench, gpu-check, compile, ptxas-report, layout, dtype, help");
        assertTrue(msg.contains("try 'tilevm help'"));
        CliRun.of("--frob").badInput("unknown option '--frob'");
        CliRun.of("dtype", "u4", "--exact", "--wide").badInput("unknown option '--wide' for 'dtype' (expected --exact)");
        CliRun.of("demo", "--m").badInput("option --m needs a value");
        CliRun.of("demo", "--m", "x").badInput("option --m expects an integer, got 'x'");
        CliRun.of("demo", "--m", "0").badInput("option --m must be at least 1, got 0");
        CliRun.of("demo", "--type", "q7").badInput("--type: unknown dtype 'q7'");
        CliRun.of("demo", "--type", "f16").badInput("--type: weight type must have 1..8 bits, got f16");
        CliRun.of("demo", "--a-type", "bf16").badInput("--a-type: activations must be f16, f32 or i8 (quantized per row: W4A8), got bf16");
        CliRun.of("demo", "--backend", "nosuch").badInput("--backend");
        CliRun.of("--version", "x").badInput("--version takes no arguments");
        CliRun.of("help", "a", "b").badInput("unexpected extra argument 'b'");
    }

    @Test
    void verboseAnywhereAddsTheStackTrace() {
        for (String[] args : new String[][] {{"--verbose", "dtype", "u99"}, {"dtype", "u99", "--verbose"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(Main.EXIT_BAD_INPUT, r.code());
            assertTrue(r.err().startsWith("tilevm: dtype: unknown dtype 'u99'"), r.err());
            assertTrue(r.err().contains("\tat "), "stack trace: " + r.err());
            assertEquals("", r.out());
        }
        assertEquals(List.of("code,bits,value", "0,0,0", "1,1,1"), CliRun.of("dtype", "--verbose", "u1").ok().outLines());
    }

    private static String[] report(Throwable t, boolean verbose, int expectedCode) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int code;
        try (PrintStream p = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            code = Main.report(t, p, verbose);
        }
        assertEquals(expectedCode, code, t.toString());
        return b.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void internalErrorsExitOneAndMultiLineMessagesBecomeOneLine() {
        String[] npe = report(new NullPointerException("boom"), false, Main.EXIT_INTERNAL);
        assertEquals(1, npe.length);
        assertEquals("tilevm: internal error: NullPointerException: boom (--verbose shows the stack trace)", npe[0]);
        assertTrue(report(new IllegalStateException("x"), true, Main.EXIT_INTERNAL).length > 1);

        // The shape of the verifier's message (VerificationException is an IllegalArgumentException).
        IllegalArgumentException v = new IllegalArgumentException(
                "program 'qmatmul' is not well formed (2 errors):\n  body[0]: first problem\n  body[1]: second problem");
        String[] lines = report(v, false, Main.EXIT_BAD_INPUT);
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("tilevm: program 'qmatmul' is not well formed (2 errors): "), lines[0]);
        assertTrue(lines[0].contains("first problem") && lines[0].contains("; ") && lines[0].contains("second problem"), lines[0]);

        assertEquals("tilevm: no such file", report(new NoSuchFileException("x.npy"), false, Main.EXIT_BAD_INPUT)[0]);
        assertEquals("tilevm: demo: over", report(new CheckFailed("demo: over"), false, Main.EXIT_INTERNAL)[0]);
    }

    @Test
    void oneLine() {
        assertEquals("a: b; c", Main.oneLine("a:\n  b\n\n  c\n"));
        assertEquals("single", Main.oneLine("single"));
    }
}
