package org.tilevm.spec.ir;

import java.util.List;

/** Statements: structured control flow around instructions. Executed uniformly by the block. */
public sealed interface Stmt permits Stmt.Seq, Stmt.For, Stmt.If, Stmt.While, Stmt.Break, Stmt.Let,
        Stmt.Assign, Stmt.Exec {

    /** Statements in order; also a scope for the scalars and tensors it defines. */
    record Seq(List<Stmt> body) implements Stmt {
        public Seq { body = List.copyOf(body); }
    }

    /**
     * {@code for (iter = 0; iter < extent; iter++) body}. {@code unroll} is a hint to code
     * generators: 0 = none, -1 = fully, n = by n; it never changes the meaning.
     */
    record For(Var iter, Expr extent, int unroll, Stmt body) implements Stmt {}

    /** {@code if (cond) then else otherwise}; {@code otherwise} may be null. */
    record If(Expr cond, Stmt then, Stmt otherwise) implements Stmt {}

    /** {@code while (cond) body}. */
    record While(Expr cond, Stmt body) implements Stmt {}

    /** Leaves the innermost enclosing {@code for} or {@code while}. */
    record Break() implements Stmt {}

    /** Declares a scalar variable with an initial value, visible until the end of the scope. */
    record Let(Var var, Expr value) implements Stmt {}

    /** Assigns a new value to a {@code let}-declared scalar variable. */
    record Assign(Var var, Expr value) implements Stmt {}

    /** Executes one instruction. */
    record Exec(Instruction instruction) implements Stmt {}
}
