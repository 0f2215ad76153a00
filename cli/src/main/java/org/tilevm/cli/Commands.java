package org.tilevm.cli;

import java.util.List;
import java.util.Optional;

/** The table of commands, in the order help lists them. */
final class Commands {
    private Commands() {}

    static final List<Command> ALL = List.of(
            new DemoCommand(),
            new QmatmulCommand(),
            new BenchCommand(),
            new GpuCheckCommand(),
            new CompileCommand(),
            new PtxasReportCommand(),
            new LayoutCommand(),
            new DtypeCommand(),
            new HelpCommand());

    static Optional<Command> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", ALL.stream().map(Command::name).toList());
    }
}
