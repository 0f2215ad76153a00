package org.tilevm.codegen.ptx.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirText;
import org.tilevm.spec.ir.Param;

/**
 * Compiles a {@link ThreadProgram}'s body to {@link Node}s. Scoping follows the records: a
 * {@code Seq} (and every loop or branch body) is a scope; {@code Let}, {@code For}, {@code Shfl}
 * declare variables and {@code Array} declares register arrays in the innermost scope. Names are
 * resolved to slots here, so a program that uses an undeclared name, reads a variable with the
 * wrong type or breaks outside a loop fails before any block runs, with the statement named.
 * Each statement kind is built by the switch in {@link #node}; memory, warp and matrix
 * operations by {@link MemoryOps}, {@link WarpOps}, {@link MmaOp}, {@link PrintfOp}.
 */
final class Compiler {
    /** What an operation builder needs: the expression compiler, the statement's site, the program. */
    record Ctx(ExprCompiler ex, Site site, Map<String, Param> params, ThreadProgram program) {
        /** Fails unless {@code ptr} is a pointer parameter. */
        void requirePointer(String ptr) {
            Param p = params.get(ptr);
            if (p == null || !p.pointer()) throw new Fault(-1, "'" + ptr + "' is not a pointer parameter");
        }
    }

    private final ThreadProgram program;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final List<Site> sites = new ArrayList<>();
    private final List<Compiled.ParamRef> paramRefs = new ArrayList<>();
    private final ExprCompiler ex;
    private int varSlots, arraySlots, loopDepth;

    private Compiler(ThreadProgram program) {
        this.program = program;
        for (Param p : program.params()) params.put(p.name(), p);
        this.ex = new ExprCompiler(params, paramRefs);
        this.ex.scope = new Scope(null);
    }

    static Compiled compile(ThreadProgram program) {
        Compiler c = new Compiler(program);
        Node.Block body = c.scopeBlock(program.body(), "body");
        return new Compiled(body, List.copyOf(c.sites), List.copyOf(c.paramRefs), c.varSlots, c.arraySlots);
    }

    /** A body in its own scope: a Seq's statements, or a single statement. */
    private Node.Block scopeBlock(TStmt s, String path) {
        Scope saved = ex.scope;
        ex.scope = new Scope(saved);
        try {
            List<Node.Step> steps = new ArrayList<>();
            if (s instanceof TStmt.Seq q) {
                for (int i = 0; i < q.body().size(); i++) addStep(steps, q.body().get(i), path + "[" + i + "]");
            } else {
                addStep(steps, s, path);
            }
            return new Node.Block(List.copyOf(steps));
        } finally {
            ex.scope = saved;
        }
    }

    private void addStep(List<Node.Step> steps, TStmt s, String path) {
        if (s instanceof TStmt.Comment) return;
        if (sites.size() >= (1 << 19)) throw new SimulationException(program.name() + ": program too large to simulate");
        Site site = new Site(sites.size(), path, Site.shorten(TirText.head(s)));
        sites.add(site);
        Node n;
        try {
            n = node(s, new Ctx(ex, site, params, program));
        } catch (Fault f) {
            throw new SimulationException(program.name() + ": " + site + ": " + f.getMessage());
        }
        steps.add(new Node.Step(site, n));
    }

    private Node node(TStmt s, Ctx c) {
        String path = c.site().path();
        return switch (s) {
            case TStmt.Seq q -> scopeBlock(q, path);
            case TStmt.Comment x -> b -> Node.Flow.NORMAL;
            case TStmt.Let x -> let(x);
            case TStmt.Assign x -> assign(x);
            case TStmt.For x -> forLoop(x, path);
            case TStmt.If x -> ifThen(x, path);
            case TStmt.While x -> whileLoop(x, path);
            case TStmt.Break x -> {
                if (loopDepth == 0) throw new Fault(-1, "break outside a loop");
                yield b -> Node.Flow.BREAK;
            }
            case TStmt.Array x -> {
                int slot = arraySlots++;
                ex.scope.declare(new Scope.ArraySym(x.name(), slot, x.words()));
                int words = x.words();
                yield b -> {
                    b.arrays[slot] = new int[b.numThreads][words];
                    return Node.Flow.NORMAL;
                };
            }
            case TStmt.SetBits x -> setBits(x);
            case TStmt.Load x -> MemoryOps.load(x, c);
            case TStmt.Store x -> MemoryOps.store(x, c);
            case TStmt.CpAsync x -> MemoryOps.cpAsync(x, c);
            case TStmt.CpAsyncCommit x -> MemoryOps.commit();
            case TStmt.CpAsyncWait x -> MemoryOps.waitGroup(x);
            case TStmt.AtomicWait x -> MemoryOps.atomicWait(x, c);
            case TStmt.AtomicStore x -> MemoryOps.atomicStore(x, c);
            case TStmt.BarSync x -> b -> {
                b.shared().barrier();
                return Node.Flow.NORMAL;
            };
            case TStmt.Ldmatrix x -> WarpOps.ldmatrix(x, c);
            case TStmt.Shfl x -> WarpOps.shfl(x, c, () -> declare(x.dst().name(), x.dst().type()));
            case TStmt.Mma x -> MmaOp.build(x, c);
            case TStmt.Printf x -> PrintfOp.build(x, c);
        };
    }

    /** Declares a per-thread variable in the current scope and returns its slot. */
    private int declare(String name, ScalarType type) {
        int slot = varSlots++;
        ex.scope.declare(new Scope.VarSym(name, slot, type));
        return slot;
    }

    private Node let(TStmt.Let x) {
        ExprCompiler.requireType(x.value(), x.var().type(), "the value of let " + x.var().name());
        Ev v = ex.compile(x.value()); // before declaring: the value sees the outer names
        int slot = declare(x.var().name(), x.var().type());
        return b -> {
            long[] out = b.vars[slot];
            if (out == null) out = b.vars[slot] = new long[b.numThreads];
            for (int t = 0; t < b.numThreads; t++) out[t] = v.eval(b, t);
            return Node.Flow.NORMAL;
        };
    }

    private Node assign(TStmt.Assign x) {
        Scope.VarSym sym = ex.scope.findVar(x.var().name());
        if (sym == null) {
            throw new Fault(-1, "variable " + x.var().name() + " is not declared" + (params.containsKey(x.var().name())
                    ? " (parameters cannot be assigned)" : ""));
        }
        if (sym.type() != x.var().type()) {
            throw new Fault(-1, "variable " + x.var().name() + " is declared as " + sym.type() + " but assigned as " + x.var().type());
        }
        ExprCompiler.requireType(x.value(), sym.type(), "the value assigned to " + x.var().name());
        Ev v = ex.compile(x.value());
        int slot = sym.slot();
        // a thread's expression reads only that thread's variables, so writing in place is safe
        return b -> {
            long[] out = b.vars[slot];
            for (int t = 0; t < b.numThreads; t++) out[t] = v.eval(b, t);
            return Node.Flow.NORMAL;
        };
    }

    private Node forLoop(TStmt.For x, String path) {
        if (x.var().type() != ScalarType.I32) throw new Fault(-1, "the variable of a for loop must be I32, got " + x.var().type());
        ExprCompiler.requireInteger(x.extent(), "the extent of a for loop");
        Scope saved = ex.scope;
        ex.scope = new Scope(saved);
        Ev extent;
        int slot;
        Node.Block body;
        loopDepth++;
        try {
            slot = declare(x.var().name(), ScalarType.I32);
            extent = ex.compile(x.extent());
            body = scopeBlock(x.body(), path + ".for " + x.var().name() + ".body");
        } finally {
            loopDepth--;
            ex.scope = saved;
        }
        String name = x.var().name();
        String what = "the extent of for " + name;
        BlockState.LoopFrame frame = new BlockState.LoopFrame(name, slot);
        return b -> {
            long[] var = b.vars[slot] = new long[b.numThreads];
            b.loops.add(frame);
            try {
                long i = 0;
                while (true) {
                    Arrays.fill(var, i);
                    if (!(i < b.uniform(extent, what))) break;
                    if (body.run(b) == Node.Flow.BREAK) break;
                    i = (int) (uniformValue(var, name) + 1);
                }
            } finally {
                b.loops.removeLast();
            }
            return Node.Flow.NORMAL;
        };
    }

    private static long uniformValue(long[] v, String name) {
        for (int t = 1; t < v.length; t++) {
            if (v[t] != v[0]) {
                throw new Fault(t, "loop variable " + name + " is not uniform: thread 0 has " + v[0] + ", thread " + t + " has " + v[t]);
            }
        }
        return v[0];
    }

    private Node ifThen(TStmt.If x, String path) {
        ExprCompiler.requireType(x.cond(), ScalarType.PRED, "the condition of if");
        Ev cond = ex.compile(x.cond());
        Node.Block then = scopeBlock(x.then(), path + ".if.then");
        Node.Block otherwise = x.otherwise() == null ? null : scopeBlock(x.otherwise(), path + ".if.else");
        return b -> {
            if (b.uniform(cond, "the condition of if") != 0) return then.run(b);
            return otherwise == null ? Node.Flow.NORMAL : otherwise.run(b);
        };
    }

    private Node whileLoop(TStmt.While x, String path) {
        ExprCompiler.requireType(x.cond(), ScalarType.PRED, "the condition of while");
        Ev cond = ex.compile(x.cond());
        Node.Block body;
        loopDepth++;
        try {
            body = scopeBlock(x.body(), path + ".while.body");
        } finally {
            loopDepth--;
        }
        return b -> {
            while (b.uniform(cond, "the condition of while") != 0) {
                if (body.run(b) == Node.Flow.BREAK) break;
            }
            return Node.Flow.NORMAL;
        };
    }

    private Node setBits(TStmt.SetBits x) {
        if (x.nbits() < 1 || x.nbits() > 64) throw new Fault(-1, "setbits of " + x.nbits() + " bits (expected 1 to 64)");
        ExprCompiler.requireInteger(x.value(), "the value of setbits");
        int slot = ex.array(x.array(), x.bit(), x.nbits());
        Ev v = ex.compile(x.value());
        int bit = x.bit(), n = x.nbits();
        return b -> {
            int[][] arr = b.arrays[slot];
            for (int t = 0; t < b.numThreads; t++) Bits.set(arr[t], bit, n, v.eval(b, t));
            return Node.Flow.NORMAL;
        };
    }
}
