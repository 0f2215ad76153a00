package org.tilevm.spec.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.layout.Sym;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;
import org.tilevm.spec.print.ProgramPrinter;

/**
 * Walks a program once, in program order, keeping the scope chain, the loop depth and the
 * statement path, and collects every error. Statement paths: the body is {@code body}; item i of
 * a sequence at path p is {@code p[i]}; the body of {@code for x} at p is {@code p.for x.body}, of
 * an if {@code p.if.then} / {@code p.if.else}, of a while {@code p.while.body}.
 */
final class Walker {
    static final int MAX_WARPS = 32;

    private final Program program;
    private final List<VerifyError> errors = new ArrayList<>();
    private Scope scope;
    private int loopDepth;

    Walker(Program program) {
        this.program = program;
    }

    List<VerifyError> run() {
        Scope root = new Scope(null);
        header(root);
        scope = root;
        if (program.body() == null) {
            error("body", "program", program.name(), "the program has no body (null)");
        } else {
            stmt(program.body(), "body");
        }
        return List.copyOf(errors);
    }

    // ---------------------------------------------------------------- program header

    private void header(Scope root) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < program.params().size(); i++) {
            Param p = program.params().get(i);
            String where = "params[" + i + "]";
            if (p == null) {
                error(where, "program", "null", "parameter is missing (null)");
                continue;
            }
            if (p.dtype() == null) {
                error(where, "program", p.name(), "parameter '" + p.name() + "' has no dtype (null)");
                continue;
            }
            Integer first = seen.putIfAbsent(p.name(), i);
            if (first != null) {
                error(where, "program", ProgramPrinter.print(p), "parameter name '" + p.name()
                        + "' is used twice (also params[" + first + "])");
                continue;
            }
            root.defineScalar(p.name(), p.dtype(), p.pointer() ? Scope.ScalarKind.POINTER : Scope.ScalarKind.PARAM);
        }
        String gridText = "grid " + program.grid().stream().map(ExprChecker::safePrint).toList();
        if (program.grid().isEmpty() || program.grid().size() > 3) {
            error("grid", "program", gridText, "the grid needs 1 to 3 dimensions, got " + program.grid().size());
        }
        for (int i = 0; i < program.grid().size(); i++) {
            Expr e = program.grid().get(i);
            String where = "grid[" + i + "]";
            boolean ok = ExprChecker.check(e, root, program.grid().size(), false,
                    reason -> error(where, "program", gridText, reason));
            if (ok && !e.type().isInteger()) {
                error(where, "program", gridText, "grid size `" + ExprChecker.safePrint(e)
                        + "` must be an integer, not " + e.type().name());
            }
        }
        if (program.numWarps() < 1 || program.numWarps() > MAX_WARPS) {
            error("program", "program", "warps " + program.numWarps(), "numWarps must be in 1.."
                    + MAX_WARPS + ", got " + program.numWarps());
        }
    }

    // ---------------------------------------------------------------- statements

    private void stmt(Stmt s, String path) {
        if (s == null) {
            error(path, "stmt", "null", "statement is missing (null)");
            return;
        }
        switch (s) {
            case Stmt.Seq seq -> {
                enter();
                for (int i = 0; i < seq.body().size(); i++) stmt(seq.body().get(i), path + "[" + i + "]");
                leave();
            }
            case Stmt.For f -> forLoop(f, path);
            case Stmt.If i -> {
                String head = head(s);
                if (expr(i.cond(), path, "if", head)) requireBool(i.cond(), path, "if", head);
                body(i.then(), path + ".if.then");
                if (i.otherwise() != null) body(i.otherwise(), path + ".if.else");
            }
            case Stmt.While w -> {
                String head = head(s);
                if (expr(w.cond(), path, "while", head)) requireBool(w.cond(), path, "while", head);
                loopDepth++;
                body(w.body(), path + ".while.body");
                loopDepth--;
            }
            case Stmt.Break b -> {
                if (loopDepth == 0) error(path, "break", "break", "break outside of a for or while loop");
            }
            case Stmt.Let l -> let(l, path);
            case Stmt.Assign a -> assign(a, path);
            case Stmt.Exec e -> exec(e.instruction(), path);
        }
    }

    private void forLoop(Stmt.For f, String path) {
        String head = head(f);
        Var iter = f.iter();
        boolean extentOk = expr(f.extent(), path, "for", head);
        if (extentOk && !f.extent().type().isInteger()) {
            error(path, "for", head, "extent `" + ExprChecker.safePrint(f.extent()) + "` must be an integer, not "
                    + f.extent().type().name());
        } else if (extentOk && iter != null && !iter.type().equals(f.extent().type())) {
            error(path, "for", head, "loop variable '" + iter.name() + "' has type " + iter.type().name()
                    + " but the extent has type " + f.extent().type().name() + " (they must be equal)");
        }
        if (f.unroll() < -1) {
            error(path, "for", head, "unroll must be -1 (full), 0 (none) or a positive factor, got " + f.unroll());
        }
        enter();
        if (iter == null) {
            error(path, "for", head, "loop variable is missing (null)");
        } else {
            noShadowing(iter.name(), path, "for", head);
            scope.defineScalar(iter.name(), iter.type(), Scope.ScalarKind.LOOP);
        }
        loopDepth++;
        body(f.body(), path + ".for " + (iter == null ? "?" : iter.name()) + ".body");
        loopDepth--;
        leave();
    }

    /** A loop or branch body: a scope of its own. */
    private void body(Stmt body, String path) {
        enter();
        stmt(body, path);
        leave();
    }

    private void let(Stmt.Let l, String path) {
        String head = head(l);
        if (l.var() == null) {
            error(path, "let", head, "variable is missing (null)");
            return;
        }
        if (expr(l.value(), path, "let", head) && !l.value().type().equals(l.var().type())) {
            error(path, "let", head, "value has type " + l.value().type().name() + " but '" + l.var().name()
                    + "' is declared " + l.var().type().name());
        }
        noShadowing(l.var().name(), path, "let", head);
        scope.defineScalar(l.var().name(), l.var().type(), Scope.ScalarKind.LET);
    }

    private void assign(Stmt.Assign a, String path) {
        String head = head(a);
        if (a.var() == null) {
            error(path, "set", head, "variable is missing (null)");
            return;
        }
        boolean valueOk = expr(a.value(), path, "set", head);
        Scope.ScalarBinding b = scope.scalar(a.var().name());
        if (b == null) {
            error(path, "set", head, "scalar '" + a.var().name() + "' is not defined in this scope");
        } else if (b.kind() != Scope.ScalarKind.LET) {
            error(path, "set", head, "only let variables can be assigned; '" + a.var().name() + "' is a "
                    + b.kind().description);
        } else if (!b.type().equals(a.var().type())) {
            error(path, "set", head, "scalar '" + a.var().name() + "' is used as " + a.var().type().name()
                    + " but the let variable has type " + b.type().name());
        } else if (valueOk && !a.value().type().equals(b.type())) {
            error(path, "set", head, "value has type " + a.value().type().name() + " but '" + a.var().name()
                    + "' has type " + b.type().name());
        }
    }

    private void noShadowing(String name, String path, String op, String head) {
        Scope.ScalarBinding b = scope.scalar(name);
        if (b != null) {
            error(path, op, head, "scalar '" + name + "' is already defined (a " + b.kind().description
                    + "); redefining or shadowing a scalar is not allowed");
        }
    }

    // ---------------------------------------------------------------- instructions

    private void exec(Instruction ins, String path) {
        if (ins == null) {
            error(path, "exec", "null", "instruction is missing (null)");
            return;
        }
        String text = text(ins);
        RuleContext cx = new RuleContext(program, scope, ins, path, text, errors);
        List<TensorVar> inputs;
        List<Expr> exprs;
        try {
            inputs = ins.inputs();
            exprs = ins.exprs();
        } catch (NullPointerException e) { // the IR's operand lists reject null operands
            cx.fail("an operand is missing (null)");
            return;
        }
        try {
            for (TensorVar t : inputs) input(t, ins, cx);
            for (Expr e : exprs) ExprChecker.check(e, scope, program.grid().size(), true, cx::fail);
            List<Check<Instruction>> rule = InstructionRules.rule(ins);
            if (rule == null) {
                cx.fail("no verification rule for instruction " + ins.getClass().getSimpleName());
            } else {
                for (Check<Instruction> c : rule) {
                    if (!c.test(ins, cx)) break;
                }
            }
        } catch (RuntimeException e) {
            unexpected(e, cx);
        }
        try {
            output(ins, cx);
        } catch (RuntimeException e) {
            unexpected(e, cx);
        }
    }

    /** Layout algebra (LayoutException) or any other failure while checking: an error here, never a crash. */
    private static void unexpected(RuntimeException e, RuleContext cx) {
        String what = e instanceof org.tilevm.layout.LayoutException ? "layout error: " : "cannot be checked: ";
        cx.fail(what + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private void input(TensorVar t, Instruction ins, RuleContext cx) {
        if (t == null) return; // the rule reports the missing operand by its role
        Scope.TensorBinding b = scope.tensor(t.name());
        if (b == null) {
            cx.fail("tensor '" + t.name() + "' is not defined in this scope");
        } else if (!b.type.equals(t.type())) {
            cx.fail("tensor '" + t.name() + "' is used with type " + typeText(t.type()) + " but was defined at "
                    + b.definedAt + " with type " + typeText(b.type));
        } else if (b.freedAt != null && !(ins instanceof FreeShared)) {
            cx.fail("shared tensor '" + t.name() + "' is used after free_shared at " + b.freedAt);
        }
    }

    private void output(Instruction ins, RuleContext cx) {
        TensorVar out = ins.output();
        if (out == null || out.type() == null) return;
        Scope.TensorBinding b = scope.tensor(out.name());
        if (b != null) {
            if (!b.type.equals(out.type())) {
                cx.fail("output '" + out.name() + "' has type " + typeText(out.type()) + " but names the tensor defined at "
                        + b.definedAt + " with type " + typeText(b.type)
                        + " (an output naming a defined tensor overwrites it and must have exactly its type)");
            } else if (ins instanceof AllocateShared) {
                b.freedAt = null; // allocated again
            }
            return;
        }
        if (newTensorType(out, cx)) scope.defineTensor(out.name(), out.type(), cx.path());
    }

    /** Checks that apply to every newly defined tensor type. */
    private boolean newTensorType(TensorVar out, RuleContext cx) {
        switch (out.type()) {
            case TensorType.Register r -> {
                if (r.layout().numThreads() != program.numThreads()) {
                    return cx.fail("register tensor '" + out.name() + "' has layout " + r.layout() + " over "
                            + r.layout().numThreads() + " threads, but the block has " + program.numThreads()
                            + " (" + program.numWarps() + " warps)");
                }
            }
            case TensorType.Shared s -> { }
            case TensorType.Global g -> {
                List<Sym> syms = new ArrayList<>(g.layout().shape());
                syms.addAll(g.layout().strides());
                for (Sym sym : syms) {
                    for (String v : sym.variables()) {
                        Scope.ScalarBinding p = scope.scalar(v);
                        if (p == null || p.kind() != Scope.ScalarKind.PARAM || !p.type().isInteger()) {
                            return cx.fail("global tensor '" + out.name() + "' has shape/stride `" + sym
                                    + "` over '" + v + "', which is not an integer scalar parameter");
                        }
                    }
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- helpers

    private boolean expr(Expr e, String path, String op, String head) {
        return ExprChecker.check(e, scope, program.grid().size(), true, reason -> error(path, op, head, reason));
    }

    private void requireBool(Expr cond, String path, String op, String head) {
        if (!cond.type().equals(DTypes.BOOL)) {
            error(path, op, head, "condition `" + ExprChecker.safePrint(cond) + "` must be u1 (bool), not "
                    + cond.type().name());
        }
    }

    private void enter() { scope = new Scope(scope); }

    private void leave() { scope = scope.parent(); }

    private void error(String path, String op, String text, String reason) {
        errors.add(new VerifyError(path, op, text, reason));
    }

    private static String head(Stmt s) {
        try {
            return ProgramPrinter.printHead(s);
        } catch (RuntimeException e) {
            return s.getClass().getSimpleName();
        }
    }

    private static String text(Instruction ins) {
        try {
            return ProgramPrinter.print(ins);
        } catch (RuntimeException e) {
            return ins.opName();
        }
    }

    private static String typeText(TensorType t) {
        try {
            return ProgramPrinter.print(t);
        } catch (RuntimeException e) {
            return String.valueOf(t);
        }
    }
}
