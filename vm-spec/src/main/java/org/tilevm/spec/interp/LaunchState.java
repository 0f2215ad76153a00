package org.tilevm.spec.interp;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.function.Supplier;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Program;

/**
 * What the blocks of one launch share: the arguments, the global workspaces, the output stream,
 * and the caches of layout tables and per-instruction plans (which depend only on the static
 * types of the program, so they are computed at the first execution and reused).
 */
final class LaunchState {
    final Program program;
    final LaunchArgs args;
    final Arena arena;
    final PrintStream out;
    private final HashMap<RegisterLayout, LayoutTable> tables = new HashMap<>();
    private final HashMap<SharedLayout, SharedTable> sharedTables = new HashMap<>();
    private final IdentityHashMap<Instruction, Object> plans = new IdentityHashMap<>();
    /** Global workspaces, one per allocate_global instruction, shared by every block. */
    final IdentityHashMap<Instruction, GlobalValue> workspaces = new IdentityHashMap<>();

    LaunchState(Program program, LaunchArgs args, Arena arena, PrintStream out) {
        this.program = program;
        this.args = args;
        this.arena = arena;
        this.out = out;
    }

    LayoutTable table(RegisterLayout layout) {
        LayoutTable t = tables.get(layout);
        if (t == null) {
            t = new LayoutTable(layout);
            tables.put(layout, t);
        }
        return t;
    }

    SharedTable sharedTable(SharedLayout layout) {
        SharedTable t = sharedTables.get(layout);
        if (t == null) {
            t = new SharedTable(layout);
            sharedTables.put(layout, t);
        }
        return t;
    }

    /** The plan of {@code ins}, made on first use. */
    @SuppressWarnings("unchecked")
    <P> P plan(Instruction ins, Supplier<P> make) {
        Object p = plans.get(ins);
        if (p == null) {
            p = make.get();
            plans.put(ins, p);
        }
        return (P) p;
    }
}
