package org.tilevm.codegen.ptx.sim;

import java.util.HashMap;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.ScalarType;

/**
 * Compile-time names of one scope ({@code Seq}, loop or branch body): the variables and register
 * arrays declared in it, each resolved to a slot of the block state. Inner scopes may shadow outer
 * names; declaring a name twice in one scope is an error.
 */
final class Scope {
    record VarSym(String name, int slot, ScalarType type) {}

    record ArraySym(String name, int slot, int words) {}

    final Scope parent;
    private final Map<String, VarSym> vars = new HashMap<>();
    private final Map<String, ArraySym> arrays = new HashMap<>();

    Scope(Scope parent) { this.parent = parent; }

    VarSym findVar(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            VarSym v = s.vars.get(name);
            if (v != null) return v;
        }
        return null;
    }

    ArraySym findArray(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            ArraySym a = s.arrays.get(name);
            if (a != null) return a;
        }
        return null;
    }

    void declare(VarSym v) {
        if (vars.putIfAbsent(v.name(), v) != null) {
            throw new Fault(-1, "variable " + v.name() + " is declared twice in the same scope");
        }
    }

    void declare(ArraySym a) {
        if (arrays.putIfAbsent(a.name(), a) != null) {
            throw new Fault(-1, "register array " + a.name() + " is declared twice in the same scope");
        }
    }
}
