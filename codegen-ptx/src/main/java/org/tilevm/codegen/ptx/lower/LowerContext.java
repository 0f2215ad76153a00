package org.tilevm.codegen.ptx.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.TensorVar;

/**
 * The state of one lowering: where statements go, which tensor lives where (scoped like the
 * block-level program), fresh names, the shared-memory allocator, what is known about the
 * parameters, and per-layout thread-index expressions computed once in the kernel's prologue.
 */
final class LowerContext {
    final Program program;
    final Specialization spec;
    final Divisibility divisibility;
    final NameGen names = new NameGen();
    final SharedAllocator smem = new SharedAllocator();
    final Align align;
    /** Global workspaces met so far ({@code allocate_global}), in program order. */
    final List<org.tilevm.codegen.ptx.tir.ThreadProgram.Workspace> workspaces = new ArrayList<>();

    private final List<TStmt> prologue = new ArrayList<>();
    private final Deque<List<TStmt>> out = new ArrayDeque<>();
    private final Deque<Map<String, Binding>> scopes = new ArrayDeque<>();
    private final Map<RegisterLayout, TExpr[]> threadParts = new HashMap<>();
    private final Map<RegisterLayout, TExpr> firstHolders = new HashMap<>();
    private final TExpr.Var tid;
    /** The instruction being lowered and its place, for error messages. */
    String where = "";

    LowerContext(Program program, Specialization spec) {
        this.program = program;
        this.spec = spec;
        this.divisibility = new Divisibility(spec);
        this.align = new Align(divisibility);
        ProgramNames.collect(program).forEach(names::reserve);
        this.tid = new TExpr.Var(names.fresh("tid"), ScalarType.I32);
        align.record(tid, T.i32(1));
        prologue.add(new TStmt.Let(tid, new TExpr.ThreadIdx()));
        out.push(new ArrayList<>());
        scopes.push(new HashMap<>());
    }

    // ---------------------------------------------------------------- statements

    void emit(TStmt s) { out.peek().add(s); }

    /** Runs {@code body} in a new scope and returns what it emitted. */
    TStmt.Seq block(Runnable body) {
        out.push(new ArrayList<>());
        scopes.push(new HashMap<>());
        try {
            body.run();
        } finally {
            scopes.pop();
        }
        return new TStmt.Seq(out.pop());
    }

    /** Declares a fresh per-thread variable holding {@code value} (constants are returned as they are). */
    TExpr let(String hint, TExpr value) {
        if (value instanceof TExpr.Const || value instanceof TExpr.Var) return value;
        TExpr.Var v = new TExpr.Var(names.fresh(hint), value.type());
        align.record(v, value);
        emit(new TStmt.Let(v, value));
        return v;
    }

    /** Declares a fresh register array of {@code words} words and returns its name. */
    String array(String hint, int words) {
        String name = names.fresh(hint);
        emit(new TStmt.Array(name, words));
        return name;
    }

    TStmt.Seq finish() {
        List<TStmt> all = new ArrayList<>(prologue);
        all.addAll(out.peek());
        return new TStmt.Seq(all);
    }

    // ---------------------------------------------------------------- tensors

    Binding binding(TensorVar v) {
        for (Map<String, Binding> s : scopes) {
            Binding b = s.get(v.name());
            if (b != null) return b;
        }
        throw error("tensor '" + v.name() + "' is not defined");
    }

    boolean isBound(TensorVar v) {
        for (Map<String, Binding> s : scopes) if (s.containsKey(v.name())) return true;
        return false;
    }

    void bind(TensorVar v, Binding b) { scopes.peek().put(v.name(), b); }

    Binding.Reg reg(TensorVar v) {
        if (binding(v) instanceof Binding.Reg r) return r;
        throw error("tensor '" + v.name() + "' is not a register tensor");
    }

    /**
     * The register array an instruction writes its output {@code v} to: the tensor's array when
     * {@code v} is already defined (the instruction overwrites it), else a new one.
     */
    Binding.Reg output(TensorVar v) {
        if (isBound(v)) return reg(v);
        Binding.Reg r = new Binding.Reg(names.fresh(v.name()), v.type().dtype(), v.registerLayout());
        emit(new TStmt.Array(r.array(), r.words()));
        bind(v, r);
        return r;
    }

    Param param(String name) {
        return program.param(name).or(() -> workspaces.stream().filter(w -> w.param().equals(name)).findFirst()
                .map(w -> Param.pointer(w.param(), w.dtype()))).orElseThrow(() -> error("no parameter '" + name + "'"));
    }

    ScalarType paramType(String name) { return ScalarLowering.typeOf(param(name).dtype()); }

    // ---------------------------------------------------------------- thread indices

    TExpr.Var tid() { return tid; }

    /**
     * Per dimension, the part of a register element's index that depends on the thread:
     * {@code sum ((tid / divisor) % modulus) * weight} over the layout's spatial terms, declared
     * once in the prologue.
     */
    TExpr[] threadPart(RegisterLayout layout) {
        return threadParts.computeIfAbsent(layout, l -> {
            TExpr[] parts = new TExpr[l.rank()];
            java.util.Arrays.fill(parts, T.i32(0));
            for (RegisterLayout.SpatialTerm t : l.spatialTerms()) {
                parts[t.dim()] = T.add(parts[t.dim()], T.mul(T.digit(tid, t.divisor(), t.modulus()), T.i32(t.weight())));
            }
            String base = names.fresh("l" + threadParts.size());
            for (int d = 0; d < parts.length; d++) {
                if (parts[d] instanceof TExpr.Const) continue;
                TExpr.Var v = new TExpr.Var(names.fresh(base + "_i" + d), ScalarType.I32);
                align.record(v, parts[d]);
                prologue.add(new TStmt.Let(v, parts[d]));
                parts[d] = v;
            }
            return parts;
        });
    }

    /** The index along each dimension of local element {@code local} of the executing thread. */
    TExpr[] elementIndex(RegisterLayout layout, int local) {
        TExpr[] part = threadPart(layout);
        int[] c = layout.indexOf(0, local);
        TExpr[] idx = new TExpr[c.length];
        for (int d = 0; d < c.length; d++) idx[d] = T.add(part[d], T.i32(c[d]));
        return idx;
    }

    /** True in the threads that are the first holders of their elements (all threads without replication). */
    TExpr firstHolder(RegisterLayout layout) {
        return firstHolders.computeIfAbsent(layout, l -> {
            TExpr p = T.TRUE;
            for (RegisterLayout.SpatialTerm t : l.replicationTerms()) {
                p = T.and(p, T.eq(T.digit(tid, t.divisor(), t.modulus()), T.i32(0)));
            }
            if (p instanceof TExpr.Const) return p;
            TExpr.Var v = new TExpr.Var(names.fresh("first_holder"), ScalarType.PRED);
            prologue.add(new TStmt.Let(v, p));
            return v;
        });
    }

    // ---------------------------------------------------------------- errors

    LoweringException error(String message) {
        return new LoweringException((where.isEmpty() ? "" : where + ": ") + message);
    }

    void at(String place, Instruction ins) { this.where = place + " " + ins.opName(); }
}
