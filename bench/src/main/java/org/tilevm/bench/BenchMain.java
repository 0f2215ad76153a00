package org.tilevm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The main class of {@code bench/target/benchmarks.jar}: takes JMH's command line, runs
 * {@link QmatmulBench} over the requested parameters as {@link BenchPlan} splits them (leaving out,
 * with a message, implementations that cannot run here and shapes too large for the interpreter),
 * then prints the {@link Summary} table with bandwidth and speed-ups, preceded by the command and
 * the machine. With {@code -Dbench.summary=FILE} the same text is written to FILE. Listing and help
 * options ({@code -h}, {@code -l}, {@code -lp}, {@code -lprof}, {@code -lrf}) go to JMH's own main.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws IOException, RunnerException {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        List<String> impls = values(cmd, "impl"), ms = values(cmd, "m"), nks = values(cmd, "nk"), types = values(cmd, "type");
        BenchPlan plan = BenchPlan.of(impls, ms, nks, BenchPlan::probe);
        plan.skipped().forEach(s -> System.out.println("# " + s));
        List<Summary.Row> rows = new ArrayList<>();
        int index = 0;
        for (BenchPlan.Run run : plan.runs()) {
            OptionsBuilder opts = new OptionsBuilder();
            opts.parent(cmd);
            if (cmd.getIncludes().isEmpty()) opts.include(QmatmulBench.class.getName() + ".");
            opts.param("impl", run.impls().toArray(String[]::new))
                    .param("m", run.ms().toArray(String[]::new))
                    .param("nk", run.nks().toArray(String[]::new));
            if (cmd.getResult().hasValue() && plan.runs().size() > 1 && index > 0) opts.result(numbered(cmd.getResult().get(), index));
            Collection<RunResult> results = new Runner(opts.build()).run();
            for (RunResult r : results) rows.add(row(r));
            index++;
        }
        StringBuilder out = new StringBuilder();
        out.append("Command: `java -jar bench/target/benchmarks.jar ").append(String.join(" ", args)).append("`\n\n");
        MachineInfo.describe().forEach(l -> out.append(l).append('\n'));
        plan.skipped().forEach(s -> out.append("- ").append(s).append('\n'));
        out.append('\n').append(Summary.markdown(rows, impls, nks, types));
        System.out.println();
        System.out.print(out);
        String file = System.getProperty("bench.summary");
        if (file != null && !file.isBlank()) {
            Path p = Path.of(file);
            if (p.getParent() != null) Files.createDirectories(p.getParent());
            Files.writeString(p, out.toString());
            System.out.println("bench: summary written to " + p);
        }
    }

    private static Summary.Row row(RunResult r) {
        BenchmarkParams p = r.getParams();
        var primary = r.getPrimaryResult();
        String act = p.getParam("act");
        return new Summary.Row(Integer.parseInt(p.getParam("m")), p.getParam("nk"), p.getParam("type"),
                Integer.parseInt(p.getParam("group")), act == null ? "f32" : act, p.getParam("impl"), primary.getScore(),
                primary.getScoreError(), primary.getScoreUnit());
    }

    /** The values of a parameter: from {@code -p name=...}, else the defaults of {@link QmatmulBench}'s field. */
    static List<String> values(CommandLineOptions cmd, String name) {
        var given = cmd.getParameter(name);
        if (given.hasValue()) return List.copyOf(given.get());
        try {
            return Arrays.asList(QmatmulBench.class.getField(name).getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("QmatmulBench has no parameter " + name, e);
        }
    }

    /** {@code out.json} -> {@code out.2.json} for the second and later runs, so that runs do not overwrite each other's files. */
    static String numbered(String file, int index) {
        int dot = file.lastIndexOf('.');
        return dot > file.lastIndexOf('/') && dot > 0
                ? file.substring(0, dot) + "." + (index + 1) + file.substring(dot)
                : file + "." + (index + 1);
    }
}
