package org.tilevm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command accepts: named options ({@code --name VALUE} or flags {@code --name}) and
 * positional arguments, each with a help line. Built with {@link #builder()}; used by
 * {@link Options#parse} to check a command line and by the help command to print usage.
 */
public final class OptionSpec {

    /** One named option; {@code valueName} is null for a flag; a required option must be given. */
    public record Option(String name, String valueName, String help, boolean required) {
        public boolean isFlag() { return valueName == null; }

        /** {@code --name VALUE} or {@code --name}. */
        public String synopsis() { return isFlag() ? name : name + " " + valueName; }
    }

    /** One positional argument. */
    public record Positional(String name, String help, boolean required) {}

    private final Map<String, Option> options;
    private final List<Option> order;
    private final List<Positional> positionals;

    private OptionSpec(Map<String, Option> options, List<Positional> positionals) {
        this.options = Map.copyOf(options);
        this.order = List.copyOf(options.values());
        this.positionals = List.copyOf(positionals);
    }

    public static Builder builder() { return new Builder(); }

    /** The option called {@code name} (with its dashes), or null. */
    public Option option(String name) { return options.get(name); }

    /** Every option in declaration order. */
    public List<Option> options() { return order; }

    public List<Positional> positionals() { return positionals; }

    /** Usage line after the command name, e.g. {@code EXPR [--csv]}. */
    public String synopsis() {
        StringBuilder sb = new StringBuilder();
        for (Positional p : positionals) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(p.required() ? p.name() : "[" + p.name() + "]");
        }
        for (Option o : order) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(o.required() ? o.synopsis() : "[" + o.synopsis() + "]");
        }
        return sb.toString();
    }

    /** Builder of an {@link OptionSpec}. */
    public static final class Builder {
        private final Map<String, Option> options = new LinkedHashMap<>();
        private final List<Positional> positionals = new ArrayList<>();

        /** An option that takes a value: {@code --name VALUE} or {@code --name=VALUE}. */
        public Builder value(String name, String valueName, String help) {
            return add(new Option(name, valueName, help, false));
        }

        /** An option that takes a value and must be given. */
        public Builder required(String name, String valueName, String help) {
            return add(new Option(name, valueName, help, true));
        }

        /** A flag without value: {@code --name}. */
        public Builder flag(String name, String help) {
            return add(new Option(name, null, help, false));
        }

        /** A positional argument; required ones must come before optional ones. */
        public Builder positional(String name, String help, boolean required) {
            if (required && !positionals.isEmpty() && !positionals.getLast().required()) {
                throw new IllegalStateException("required positional " + name + " after an optional one");
            }
            positionals.add(new Positional(name, help, required));
            return this;
        }

        private Builder add(Option o) {
            if (!o.name().startsWith("--")) throw new IllegalStateException("option name must start with --: " + o.name());
            if (options.putIfAbsent(o.name(), o) != null) throw new IllegalStateException("option declared twice: " + o.name());
            return this;
        }

        public OptionSpec build() { return new OptionSpec(options, positionals); }
    }
}
