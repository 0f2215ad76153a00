package org.tilevm.cli;

import java.io.PrintStream;

/**
 * One command of the command line ({@code tilevm NAME ...}). A command declares its options (so
 * the shared parser can reject unknown ones and print usage) and runs with parsed options,
 * writing its normal output to {@code out}. Bad input is reported by throwing
 * {@link CliException} (or {@link IllegalArgumentException}); a command never calls
 * {@link System#exit}.
 */
public interface Command {
    /** The word after {@code tilevm}, e.g. {@code demo}. */
    String name();

    /** One line: what the command does. */
    String summary();

    /** The options and the number of positional arguments this command accepts. */
    OptionSpec options();

    /** Extra help text printed after the option list (examples, output format); may be empty. */
    default String details() { return ""; }

    /**
     * Runs the command.
     *
     * @return the exit code ({@link Main#EXIT_OK} on success)
     * @throws Exception anything; {@link Main} turns it into one line and an exit code
     */
    int run(Options options, PrintStream out) throws Exception;
}
