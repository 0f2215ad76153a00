package org.tilevm.codegen.jvm.gen;

import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.spec.ir.Stmt;

/**
 * Statements as bytecode control flow (SPEC S4): sequences and loop/branch bodies open compile-time
 * scopes, {@code for} counts in a long local (its extent evaluated once), {@code while} tests its
 * condition before every iteration, {@code break} jumps to the end of the innermost loop. Before
 * each statement that can fail, the current error site is recorded; loops mirror their variable
 * (or iteration count) into the block's {@code loops} array, so an error names the loop values
 * exactly as the interpreter does.
 */
final class StmtGen {
    private final MethodCtx c;
    private final GeneratorAdapter g;
    private final ExprGen expr;

    StmtGen(MethodCtx c) {
        this.c = c;
        this.g = c.g;
        this.expr = new ExprGen(c);
    }

    ExprGen expr() { return expr; }

    /** The program body (path {@code body}). */
    void body(Stmt body) { stmt(body, "body", Loops.NONE, null); }

    private void stmt(Stmt s, String path, Loops loops, Label brk) {
        switch (s) {
            case Stmt.Seq q -> {
                c.pushScope();
                List<Stmt> items = q.body();
                for (int i = 0; i < items.size(); i++) stmt(items.get(i), path + "[" + i + "]", loops, brk);
                c.popScope();
            }
            case Stmt.For f -> forLoop(f, path, loops);
            case Stmt.If i -> {
                c.site(path + ".if.cond", loops);
                Label otherwise = new Label(), end = new Label();
                expr.branchIfZero(i.cond(), otherwise);
                scoped(i.then(), path + ".if.then", loops, brk);
                g.goTo(end);
                g.mark(otherwise);
                if (i.otherwise() != null) scoped(i.otherwise(), path + ".if.else", loops, brk);
                g.mark(end);
            }
            case Stmt.While w -> whileLoop(w, path, loops);
            case Stmt.Break b -> {
                if (brk == null) throw new IllegalStateException(path + ": break outside of a for or while loop");
                g.goTo(brk);
            }
            case Stmt.Let l -> {
                c.site(path + " let " + l.var().name(), loops);
                expr.value(l.value());
                MethodCtx.Scalar v = c.defineScalar(l.var().name(), l.var().type());
                g.storeLocal(v.local());
            }
            case Stmt.Assign a -> {
                c.site(path + " set " + a.var().name(), loops);
                expr.value(a.value());
                g.storeLocal(c.scalar(a.var().name()).local());
            }
            case Stmt.Exec x -> {
                c.site(path + " " + x.instruction().opName(), loops);
                DequantDotFusion.Chain chain = c.info.fusions.get(x.instruction());
                if (chain != null) DequantDotGen.emit(x.instruction(), chain, c, expr);
                else InstructionGen.emit(x.instruction(), c, expr);
            }
        }
    }

    /** A loop or branch body: a scope of its own (a sequence opens one itself). */
    private void scoped(Stmt body, String path, Loops loops, Label brk) {
        if (body instanceof Stmt.Seq) {
            stmt(body, path, loops, brk);
            return;
        }
        c.pushScope();
        stmt(body, path, loops, brk);
        c.popScope();
    }

    private void forLoop(Stmt.For f, String path, Loops loops) {
        String name = f.iter().name();
        c.site(path + ".for " + name + ".extent", loops);
        expr.value(f.extent());
        int n = g.newLocal(Type.LONG_TYPE);
        g.storeLocal(n);
        c.pushScope();
        MethodCtx.Scalar iv = c.defineScalar(name, f.iter().type());
        int slot = c.newLoopSlot();
        Loops inner = loops.with(slot, name);
        g.push(0L);
        g.storeLocal(iv.local());
        Label head = g.mark(), end = new Label();
        g.loadLocal(iv.local());
        g.loadLocal(n);
        g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.GE, end);
        mirror(slot, iv.local());
        scoped(f.body(), path + ".for " + name + ".body", inner, end);
        g.loadLocal(iv.local());
        g.push(1L);
        g.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
        g.storeLocal(iv.local());
        g.goTo(head);
        g.mark(end);
        c.popScope();
    }

    private void whileLoop(Stmt.While w, String path, Loops loops) {
        int it = g.newLocal(Type.LONG_TYPE);
        g.push(0L);
        g.storeLocal(it);
        int slot = c.newLoopSlot();
        Loops inner = loops.with(slot, null);
        Label head = g.mark(), end = new Label();
        mirror(slot, it);
        c.site(path + ".while.cond", inner);
        expr.branchIfZero(w.cond(), end);
        scoped(w.body(), path + ".while.body", inner, end);
        g.loadLocal(it);
        g.push(1L);
        g.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
        g.storeLocal(it);
        g.goTo(head);
        g.mark(end);
    }

    /** loops[slot] = local (the value an error message reports). */
    private void mirror(int slot, int local) {
        if (c.loopsLocal < 0) return;
        g.loadLocal(c.loopsLocal);
        g.push(slot);
        g.loadLocal(local);
        g.arrayStore(Type.LONG_TYPE);
    }
}
