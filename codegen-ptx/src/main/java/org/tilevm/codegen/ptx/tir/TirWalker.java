package org.tilevm.codegen.ptx.tir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Var;
import org.tilevm.spec.print.ProgramPrinter;

/**
 * Walks a thread-level program in program order, keeping the scope chain, the loop depth and the
 * statement path, runs each statement's row of {@link StmtRules}, declares what statements declare
 * and records which variables hold per-thread values ({@link Uniformity}). Because an assignment
 * late in a loop can make a variable read earlier varying, the walk is repeated until the set of
 * varying variables stops growing; the errors of that last walk are the answer.
 *
 * <p>Scopes follow C++: the parameters; each {@link TStmt.Seq}; each branch and loop body, where a
 * body that is a sequence shares the scope of the loop variable (so a body cannot redeclare it).
 */
final class TirWalker {
    static final int MAX_THREADS = 1024;

    /** Names the printed CUDA C++ reserves. */
    private static final Set<String> RESERVED = Set.of("threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize",
            "int", "unsigned", "long", "float", "double", "bool", "char", "short", "void", "if", "else", "for",
            "while", "do", "break", "continue", "return", "switch", "case", "default", "const", "auto", "true",
            "false", "sizeof", "struct", "goto", "static", "register", "volatile", "signed", "asm");

    private final ThreadProgram program;
    private final Map<String, String> varying;
    private final List<TirError> errors = new ArrayList<>();
    private final String header;
    private TirScope scope;
    private int loopDepth;
    private boolean changed;

    private TirWalker(ThreadProgram program, Map<String, String> varying) {
        this.program = program;
        this.varying = varying;
        this.header = TirText.header(program);
    }

    /** Every error of the program (walking until the uniformity facts are stable). */
    static List<TirError> verify(ThreadProgram program) {
        Map<String, String> varying = new HashMap<>();
        while (true) {
            TirWalker w = new TirWalker(program, varying);
            w.run();
            if (!w.changed) return List.copyOf(w.errors);
        }
    }

    private void run() {
        scope = new TirScope(null);
        header();
        if (program.body() == null) {
            error("body", "program", "the program has no body (null)");
        } else {
            bodyScope(program.body(), "body");
        }
    }

    // ---------------------------------------------------------------- program header

    private void header() {
        if (program.name() == null || !StmtRules.IDENTIFIER.matcher(program.name()).matches()) {
            error("program", "program", "the kernel name must be a C identifier, got '" + program.name() + "'");
        }
        if (program.numThreads() < 32 || program.numThreads() > MAX_THREADS || program.numThreads() % 32 != 0) {
            error("program", "program", "numThreads must be a multiple of 32 from 32 to " + MAX_THREADS + ", got "
                    + program.numThreads());
        }
        if (program.sharedBytes() < 0) error("program", "program", "sharedBytes must be >= 0, got " + program.sharedBytes());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < program.params().size(); i++) {
            Param p = program.params().get(i);
            String where = "params[" + i + "]";
            if (p == null || p.dtype() == null) {
                error(where, "param", "parameter " + (p == null ? "is missing (null)" : "'" + p.name() + "' has no dtype (null)"));
                continue;
            }
            Integer first = seen.putIfAbsent(p.name(), i);
            if (first != null) {
                error(where, "param", "parameter name '" + p.name() + "' is used twice (also params[" + first + "])");
                continue;
            }
            scope.declare(p.pointer()
                    ? new TirScope.Decl(p.name(), TirScope.Kind.POINTER_PARAM, null, 0, where)
                    : new TirScope.Decl(p.name(), TirScope.Kind.SCALAR_PARAM, TExpr.scalarTypeOf(p.dtype()), 0, where));
        }
        if (program.grid().isEmpty() || program.grid().size() > 3) {
            error("grid", "grid", "the grid needs 1 to 3 axes, got " + program.grid().size());
        }
        for (int i = 0; i < program.grid().size(); i++) {
            String problem = gridProblem(program.grid().get(i));
            if (problem != null) error("grid[" + i + "]", "grid", problem);
        }
    }

    /** A grid size is an integer expression over scalar parameters (evaluated before launch). */
    private String gridProblem(Expr e) {
        if (e == null) return "the size is missing (null)";
        if (e.type() == null || !e.type().isInteger()) return "size `" + print(e) + "` must be an integer";
        List<Expr> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty()) {
            Expr x = todo.removeLast();
            switch (x) {
                case null -> { return "size `" + print(e) + "` has a missing part (null)"; }
                case Var v -> {
                    Param p = program.params().stream().filter(q -> q != null && q.name().equals(v.name())).findFirst()
                            .orElse(null);
                    if (p == null || p.pointer() || !v.type().equals(p.dtype())) {
                        return "size `" + print(e) + "`: '" + v.name() + "' is not a scalar parameter of type "
                                + (v.type() == null ? "null" : v.type().name());
                    }
                }
                case Expr.BlockIdx b -> { return "size `" + print(e) + "` reads blockIdx (the grid is computed before launch)"; }
                case Expr.Binary b -> { todo.add(b.a()); todo.add(b.b()); }
                case Expr.Unary u -> todo.add(u.a());
                case Expr.Select s -> { todo.add(s.cond()); todo.add(s.a()); todo.add(s.b()); }
                case Expr.Cast c -> todo.add(c.a());
                case Expr.IntConst c -> { }
                case Expr.FloatConst c -> { }
            }
        }
        return null;
    }

    private static String print(Expr e) {
        try {
            return ProgramPrinter.print(e);
        } catch (RuntimeException ex) {
            return String.valueOf(e);
        }
    }

    // ---------------------------------------------------------------- statements

    /** A body in a scope of its own. */
    private void bodyScope(TStmt body, String path) {
        enter();
        items(body, path);
        leave();
    }

    /** The statements of a body in the current scope: a sequence's items, or the one statement. */
    private void items(TStmt body, String path) {
        if (body instanceof TStmt.Seq seq) {
            for (int i = 0; i < seq.body().size(); i++) stmt(seq.body().get(i), path + "[" + i + "]");
        } else if (body != null) {
            stmt(body, path);
        } // a missing body is reported by the statement's row
    }

    private void stmt(TStmt s, String path) {
        if (s == null) {
            errors.add(new TirError(path, "stmt", "<null>", "statement is missing (null)"));
            return;
        }
        StmtRules.Row<TStmt> row = StmtRules.row(s);
        String kind = row == null ? s.getClass().getSimpleName() : row.kind().apply(s);
        TirRuleContext cx = new TirRuleContext(program, scope, varying, path, kind, head(s), errors);
        if (row == null) {
            cx.fail("no verification rule for statement " + s.getClass().getSimpleName());
        } else {
            try {
                for (StmtRules.Operand o : row.operands().apply(s)) {
                    if (o.expr() == null && o.optional()) continue;
                    if (!ExprRules.check(o.expr(), o.role(), cx) && o.expr() != null) cx.markBad(o.expr());
                }
                for (StmtRules.Check<TStmt> c : row.checks()) {
                    if (!c.test(s, cx)) break;
                }
            } catch (RuntimeException e) { // never crash on a malformed program
                cx.fail("cannot be checked: " + e);
            }
        }
        structure(s, path, cx);
    }

    /** Scopes, declarations, loop depth and uniformity facts of {@code s}; walks its bodies. */
    private void structure(TStmt s, String path, TirRuleContext cx) {
        switch (s) {
            case TStmt.Seq seq -> bodyScope(seq, path);
            case TStmt.For f -> {
                enter();
                if (f.var() != null) declare(f.var().name(), TirScope.Kind.LOOP, f.var().type(), 0, path, cx);
                loopDepth++;
                items(f.body(), path + ".for(" + (f.var() == null ? "?" : f.var().name()) + ").body");
                loopDepth--;
                leave();
            }
            case TStmt.If i -> {
                if (i.then() != null) bodyScope(i.then(), path + ".if.then");
                if (i.otherwise() != null) bodyScope(i.otherwise(), path + ".if.else");
            }
            case TStmt.While w -> {
                loopDepth++;
                if (w.body() != null) bodyScope(w.body(), path + ".while.body");
                loopDepth--;
            }
            case TStmt.Break b -> {
                if (loopDepth == 0) cx.fail("break outside of a for or while loop");
            }
            case TStmt.Let l -> {
                if (l.var() == null) return;
                TirScope.Decl d = declare(l.var().name(), TirScope.Kind.LET, l.var().type(), 0, path, cx);
                if (d != null) taint(d, l.value());
            }
            case TStmt.Assign a -> {
                TirScope.Decl d = a.var() == null ? null : scope.lookup(a.var().name());
                if (d != null && d.kind() == TirScope.Kind.LET) taint(d, a.value());
            }
            case TStmt.Shfl sh -> {
                if (sh.dst() != null) declare(sh.dst().name(), TirScope.Kind.SHFL, sh.dst().type(), 0, path, cx);
            }
            case TStmt.Array a -> declare(a.name(), TirScope.Kind.ARRAY, null, a.words(), path, cx);
            default -> { }
        }
    }

    /**
     * Declares a name in the current scope, after checking that it is a usable C identifier, is
     * not declared in this scope already and does not hide a parameter (memory operations name
     * pointer parameters, and the printed code must still reach them). Returns the declaration, or
     * null when it was refused.
     */
    private TirScope.Decl declare(String name, TirScope.Kind kind, ScalarType type, int words, String path,
                                  TirRuleContext cx) {
        if (name == null || !StmtRules.IDENTIFIER.matcher(name).matches() || RESERVED.contains(name)) {
            cx.fail("'" + name + "' is not a usable name (a C identifier that CUDA C++ does not reserve)");
            return null;
        }
        TirScope.Decl visible = scope.lookup(name);
        if (visible != null && visible.kind().isParam()) {
            cx.fail("'" + name + "' is the name of a " + visible.kind().description + "; declarations must not hide parameters");
            return null;
        }
        TirScope.Decl here = scope.local(name);
        if (here != null) {
            cx.fail("'" + name + "' is already declared in this scope (a " + here.kind().description + " at "
                    + here.where() + ")");
        }
        TirScope.Decl d = new TirScope.Decl(name, kind, type, words, path);
        scope.declare(d);
        return d;
    }

    /** Records that {@code d} is varying when {@code value} is. */
    private void taint(TirScope.Decl d, TExpr value) {
        if (varying.containsKey(d.key())) return;
        String cause = Uniformity.cause(value, scope, varying);
        if (cause != null) {
            varying.put(d.key(), cause);
            changed = true;
        }
    }

    // ---------------------------------------------------------------- helpers

    private void enter() { scope = new TirScope(scope); }

    private void leave() { scope = scope.parent(); }

    private void error(String path, String kind, String reason) {
        errors.add(new TirError(path, kind, header, reason));
    }

    private static String head(TStmt s) {
        try {
            return TirText.head(s);
        } catch (RuntimeException e) {
            return s.getClass().getSimpleName();
        }
    }
}
