package org.tilevm.codegen.ptx.tir;

import java.util.HashMap;
import java.util.Map;

/**
 * One lexical scope of the thread-level verifier. Variables, register arrays and parameters share
 * one name space (as in the CUDA C++ the program prints to); lookups walk outwards, declarations
 * go into this scope and vanish when it is left.
 */
final class TirScope {
    /** What a name declares. */
    enum Kind {
        SCALAR_PARAM("scalar parameter"), POINTER_PARAM("pointer parameter"), LET("let variable"),
        LOOP("loop variable"), SHFL("shfl result"), ARRAY("register array");

        final String description;

        Kind(String description) { this.description = description; }

        boolean isScalar() { return this != POINTER_PARAM && this != ARRAY; }

        boolean isParam() { return this == SCALAR_PARAM || this == POINTER_PARAM; }
    }

    /**
     * A declaration. {@code key} identifies it across verifier passes (path and name), so the
     * uniformity analysis can remember which declarations hold per-thread values.
     *
     * @param type  the scalar type (null for pointers and arrays)
     * @param words the words of a register array (0 otherwise)
     * @param where the path of the declaring statement ({@code params[i]} for parameters)
     */
    record Decl(String name, Kind kind, ScalarType type, int words, String where) {
        String key() { return where + "#" + name; }
    }

    private final TirScope parent;
    private final Map<String, Decl> names = new HashMap<>();

    TirScope(TirScope parent) { this.parent = parent; }

    TirScope parent() { return parent; }

    /** The visible declaration of {@code name}, or null. */
    Decl lookup(String name) {
        for (TirScope s = this; s != null; s = s.parent) {
            Decl d = s.names.get(name);
            if (d != null) return d;
        }
        return null;
    }

    /** The declaration of {@code name} in this scope itself, or null. */
    Decl local(String name) { return names.get(name); }

    void declare(Decl d) { names.put(d.name(), d); }
}
