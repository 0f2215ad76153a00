package org.tilevm.cli;

import java.io.PrintStream;
import org.tilevm.spec.backend.Backends;

/** {@code tilevm help [COMMAND]}: usage of every command (or of one), and the backends found. */
final class HelpCommand implements Command {
    private static final OptionSpec SPEC = OptionSpec.builder()
            .positional("COMMAND", "show only this command's help", false)
            .build();

    @Override public String name() { return "help"; }

    @Override public String summary() { return "show this help (or one command's: tilevm help COMMAND)"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public int run(Options options, PrintStream out) {
        String only = options.positional(0, null);
        if (only != null) {
            Command c = Commands.find(only).orElseThrow(() -> Main.unknownCommand(only));
            printCommand(c, out, true);
            return Main.EXIT_OK;
        }
        printAll(out);
        return Main.EXIT_OK;
    }

    /** The full usage text: every command with its options, global options, exit codes, backends. */
    static void printAll(PrintStream out) {
        out.println("TileVM " + Version.VERSION + ": a virtual machine for GPU kernels over low-bit types");
        out.println();
        out.println("usage: tilevm COMMAND [options]     (options: --name VALUE or --name=VALUE)");
        out.println();
        for (Command c : Commands.ALL) {
            printCommand(c, out, false);
            out.println();
        }
        out.println("Global options (anywhere on the line):");
        out.println("  --verbose        on an error, also print the stack trace");
        out.println("  --help, -h       help (of the command, when one is given)");
        out.println("  --version        print the version");
        out.println();
        out.println("Exit codes: 0 success; 1 internal error or failed result check; 2 bad input");
        out.println("(unknown command or option, bad value, missing file, wrong .npy shape or dtype).");
        out.println();
        out.println("Backends (best first): " + BackendChoice.list(Backends.all()));
        out.println("The launcher ./tilevm also has: ./tilevm build, ./tilevm test [maven args].");
    }

    static void printCommand(Command c, PrintStream out, boolean withDetails) {
        String synopsis = c.options().synopsis();
        out.println("tilevm " + c.name() + (synopsis.isEmpty() ? "" : " " + synopsis));
        out.println("    " + c.summary());
        for (OptionSpec.Positional p : c.options().positionals()) {
            out.println(String.format("    %-20s %s", p.name(), p.help()));
        }
        for (OptionSpec.Option o : c.options().options()) {
            out.println(String.format("    %-20s %s", o.synopsis(), o.help()));
        }
        if (withDetails && !c.details().isEmpty()) {
            out.println();
            c.details().lines().forEach(l -> out.println("  " + l));
        }
    }
}
