package org.tilevm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.spec.dtype.DType;

/**
 * The parsed command line of one command: option values by name and the positional arguments.
 * Parsing checks the line against the command's {@link OptionSpec} (unknown options, missing
 * values, options given twice, too many or too few positionals); the typed getters check values
 * and fall back to defaults. Every problem is a {@link CliException} naming the option.
 *
 * <p>Syntax: {@code --name VALUE}, {@code --name=VALUE}, flags {@code --name}; {@code --} ends
 * the options (everything after it is positional). A value may start with a single dash
 * ({@code --seed -5}) but not with two.
 */
public final class Options {
    private final String command;
    private final OptionSpec spec;
    private final Map<String, String> values;
    private final List<String> positionals;

    private Options(String command, OptionSpec spec, Map<String, String> values, List<String> positionals) {
        this.command = command;
        this.spec = spec;
        this.values = values;
        this.positionals = positionals;
    }

    /** Parses {@code args} (the words after the command name) for command {@code command}. */
    public static Options parse(String command, OptionSpec spec, List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("-") || a.equals("-") || isNumber(a)) {
                positionals.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = a, inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            OptionSpec.Option o = spec.option(name);
            if (o == null) throw new CliException(unknownOption(command, spec, name));
            if (values.containsKey(name)) throw new CliException("option " + name + " is given twice");
            if (o.isFlag()) {
                if (inline != null) throw new CliException("option " + name + " takes no value (got '" + a + "')");
                values.put(name, "true");
            } else if (inline != null) {
                values.put(name, inline);
            } else {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new CliException("option " + name + " needs a value: " + o.synopsis());
                }
                values.put(name, args.get(++i));
            }
        }
        List<OptionSpec.Positional> declared = spec.positionals();
        if (positionals.size() > declared.size()) {
            String extra = positionals.get(declared.size());
            throw new CliException(declared.isEmpty()
                    ? "'" + command + "' takes no arguments, got '" + extra + "'"
                    : "unexpected extra argument '" + extra + "' for '" + command + "' (usage: tilevm " + command + " "
                            + spec.synopsis() + ")");
        }
        for (int p = positionals.size(); p < declared.size(); p++) {
            if (declared.get(p).required()) {
                throw new CliException("'" + command + "' needs " + declared.get(p).name() + " (usage: tilevm " + command
                        + " " + spec.synopsis() + ")");
            }
        }
        for (OptionSpec.Option o : spec.options()) {
            if (o.required() && !values.containsKey(o.name())) {
                throw new CliException("'" + command + "' needs option " + o.synopsis() + " (usage: tilevm " + command + " "
                        + spec.synopsis() + ")");
            }
        }
        return new Options(command, spec, values, List.copyOf(positionals));
    }

    private static boolean isNumber(String s) {
        return s.matches("-[0-9.][0-9.eE+-]*");
    }

    private static String unknownOption(String command, OptionSpec spec, String name) {
        StringBuilder sb = new StringBuilder("unknown option '" + name + "' for '" + command + "'");
        if (spec.options().isEmpty()) return sb.append(" (it takes no options)").toString();
        sb.append(" (expected ");
        for (int i = 0; i < spec.options().size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(spec.options().get(i).name());
        }
        return sb.append(')').toString();
    }

    /** The command these options belong to. */
    public String command() { return command; }

    /** Whether the option was given. */
    public boolean has(String name) { return values.containsKey(declared(name).name()); }

    /** Whether the flag was given. */
    public boolean flag(String name) {
        OptionSpec.Option o = declared(name);
        if (!o.isFlag()) throw new IllegalStateException(name + " is not a flag");
        return values.containsKey(name);
    }

    /** The value of the option, or {@code def} when it was not given. */
    public String string(String name, String def) {
        declared(name);
        return values.getOrDefault(name, def);
    }

    /** The value of an option that must be given. */
    public String required(String name) {
        OptionSpec.Option o = declared(name);
        String v = values.get(name);
        if (v == null) throw new CliException("'" + command + "' needs option " + o.synopsis());
        return v;
    }

    /** The value as an int, or {@code def}. */
    public int integer(String name, int def) {
        String v = string(name, null);
        if (v == null) return def;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new CliException("option " + name + " expects an integer, got '" + v + "'");
        }
    }

    /** The value as an int that must be at least 1, or {@code def}. */
    public int positiveInt(String name, int def) {
        int v = integer(name, def);
        if (v < 1) throw new CliException("option " + name + " must be at least 1, got " + v);
        return v;
    }

    /** The value as a long, or {@code def}. */
    public long longValue(String name, long def) {
        String v = string(name, null);
        if (v == null) return def;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new CliException("option " + name + " expects an integer, got '" + v + "'");
        }
    }

    /** The value parsed as a dtype name, or {@code def}. */
    public DType dtype(String name, DType def) {
        String v = string(name, null);
        if (v == null) return def;
        return parseDType(name, v);
    }

    /** The dtype called {@code text}; an error naming {@code where} (an option or argument) when unknown. */
    static DType parseDType(String where, String text) {
        try {
            return DType.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(where + ": " + e.getMessage(), e);
        }
    }

    /** The positional arguments in order. */
    public List<String> positionals() { return positionals; }

    /** Positional argument {@code i}, or {@code def} when absent. */
    public String positional(int i, String def) { return i < positionals.size() ? positionals.get(i) : def; }

    private OptionSpec.Option declared(String name) {
        OptionSpec.Option o = spec.option(name);
        if (o == null) throw new IllegalStateException("command '" + command + "' does not declare option " + name);
        return o;
    }
}
