package org.tilevm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.tilevm.spec.backend.LaunchException;

/**
 * The entry point of {@code ./tilevm}. {@link #run} parses the line, runs one {@link Command}
 * and turns every failure into one line {@code tilevm: <problem>} on the error stream and an exit
 * code: {@link #EXIT_BAD_INPUT} for bad input ({@link CliException}, any
 * {@link IllegalArgumentException} such as a malformed layout, an unknown dtype, a program that
 * fails verification, an unreadable file), {@link #EXIT_INTERNAL} for everything unexpected and for
 * failed result checks. {@code --verbose} anywhere on the line adds the stack trace.
 */
public final class Main {
    private Main() {}

    public static final int EXIT_OK = 0;
    /** An internal error, or a computed result that failed its check. */
    public static final int EXIT_INTERNAL = 1;
    /** Bad input: unknown command or option, bad value, missing or malformed file. */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args}; never exits the JVM; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>();
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--verbose")) verbose = true;
            else rest.add(a);
        }
        try {
            return dispatch(rest, out);
        } catch (Throwable t) {
            return report(t, err, verbose);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty()) {
            HelpCommand.printAll(out);
            return EXIT_OK;
        }
        String first = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        if (first.equals("--help") || first.equals("-h")) first = "help";
        if (first.equals("--version")) {
            if (!rest.isEmpty()) throw new CliException("--version takes no arguments, got '" + rest.getFirst() + "'");
            out.println("tilevm " + Version.VERSION);
            return EXIT_OK;
        }
        String name = first;
        Command command = Commands.find(name).orElseThrow(() -> unknownCommand(name));
        int end = rest.indexOf("--");
        List<String> optionPart = end < 0 ? rest : rest.subList(0, end);
        if (!name.equals("help") && (optionPart.contains("--help") || optionPart.contains("-h"))) {
            HelpCommand.printCommand(command, out, true);
            return EXIT_OK;
        }
        return command.run(Options.parse(name, command.options(), rest), out);
    }

    static CliException unknownCommand(String name) {
        if (name.startsWith("-")) {
            return new CliException("unknown option '" + name + "' before the command (commands: " + Commands.names()
                    + "; try 'tilevm help')");
        }
        return new CliException("unknown command '" + name + "' (commands: " + Commands.names() + "; try 'tilevm help')");
    }

    /** Prints one line for {@code t} (and its stack trace when verbose); returns the exit code. */
    static int report(Throwable t, PrintStream err, boolean verbose) {
        int code;
        String message;
        switch (t) {
            case CliException e -> { code = EXIT_BAD_INPUT; message = e.getMessage(); }
            case CheckFailed e -> { code = EXIT_INTERNAL; message = e.getMessage(); }
            case IllegalArgumentException e -> { code = EXIT_BAD_INPUT; message = e.getMessage(); }
            case UncheckedIOException e -> { code = EXIT_BAD_INPUT; message = describe(e.getCause()); }
            case IOException e -> { code = EXIT_BAD_INPUT; message = describe(e); }
            case LaunchException e -> { code = EXIT_INTERNAL; message = "kernel launch failed: " + e.getMessage(); }
            case org.tilevm.codegen.ptx.cuda.CudaCompileException e -> {
                // a missing toolchain is the user's environment; a failed compile shows the log's first lines
                code = e.log().isBlank() ? EXIT_BAD_INPUT : EXIT_INTERNAL;
                message = e.log().isBlank() ? e.getMessage()
                        : e.getMessage().lines().limit(6).reduce((a, b) -> a + "\n" + b).orElse("");
            }
            default -> {
                code = EXIT_INTERNAL;
                message = "internal error: " + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        if (message == null || message.isBlank()) message = t.getClass().getSimpleName();
        String line = "tilevm: " + oneLine(message);
        if (code == EXIT_INTERNAL && !verbose && !(t instanceof CheckFailed)) line += " (--verbose shows the stack trace)";
        err.println(line);
        if (verbose) t.printStackTrace(err);
        return code;
    }

    /** Joins a multi-line message into one line: the first line, then the others separated by "; ". */
    static String oneLine(String message) {
        List<String> parts = message.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (parts.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(parts.getFirst());
        for (int i = 1; i < parts.size(); i++) sb.append(i == 1 ? " " : "; ").append(parts.get(i));
        return sb.toString();
    }

    /** A short description of an I/O failure: {@code no such file: X}, {@code permission denied: X}, or the message. */
    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
