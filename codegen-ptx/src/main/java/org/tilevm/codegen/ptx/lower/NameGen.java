package org.tilevm.codegen.ptx.lower;

import java.util.HashSet;
import java.util.Set;

/** Fresh C identifiers that never collide with the source program's names or each other. */
final class NameGen {
    private final Set<String> used = new HashSet<>();

    void reserve(String name) { used.add(name); }

    String fresh(String hint) {
        String base = hint.replaceAll("[^A-Za-z0-9_]", "_");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) base = "v" + base;
        String name = base;
        for (int i = 1; !used.add(name); i++) name = base + "_" + i;
        return name;
    }
}
