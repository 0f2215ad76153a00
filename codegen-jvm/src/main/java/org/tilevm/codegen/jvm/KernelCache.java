package org.tilevm.codegen.jvm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.print.ProgramPrinter;

/**
 * The in-memory cache of compiled kernels, keyed by the program's printed text (which describes
 * its whole meaning, SPEC P1) and the specialization. A small map by object identity in front of
 * it skips printing when the same {@link Program} object is launched again (the usual case: stdlib
 * caches its programs); records hash deeply, so identity is also the cheap key.
 */
final class KernelCache {
    private static final int RECENT = 64;

    private final ConcurrentHashMap<String, CompiledProgram> byText = new ConcurrentHashMap<>();
    private final Map<IdKey, Map<Specialization, CompiledProgram>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IdKey, Map<Specialization, CompiledProgram>> e) {
            return size() > RECENT;
        }
    };

    /** The compiled kernel of {@code program} (verifying and compiling it on a miss). */
    CompiledProgram get(Program program, Specialization spec) {
        IdKey id = new IdKey(program);
        synchronized (recent) {
            Map<Specialization, CompiledProgram> m = recent.get(id);
            if (m != null) {
                CompiledProgram c = m.get(spec);
                if (c != null) return c;
            }
        }
        String key = ProgramPrinter.print(program) + "\n#specialization " + spec.signature();
        CompiledProgram c = byText.get(key);
        if (c == null) {
            // compiled outside computeIfAbsent: a failing compilation must not poison the map's bin
            CompiledProgram fresh = JvmCompiler.compile(program, spec);
            c = byText.putIfAbsent(key, fresh);
            if (c == null) c = fresh;
        }
        synchronized (recent) {
            recent.computeIfAbsent(id, p -> new HashMap<>()).put(spec, c);
        }
        return c;
    }

    int size() { return byText.size(); }

    void clear() {
        byText.clear();
        synchronized (recent) {
            recent.clear();
        }
    }

    /** A program compared by identity. */
    private record IdKey(Program program) {
        @Override public boolean equals(Object o) { return o instanceof IdKey k && k.program == program; }
        @Override public int hashCode() { return System.identityHashCode(program); }
    }
}
