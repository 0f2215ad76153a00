package org.tilevm.codegen.ptx.tir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.tir.TExpr.BOp.*;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;

/** Header, scope, declaration and control-structure rules; error paths and messages. */
class TirVerifierScopeTest {

    private static ThreadProgram header(String name, List<Param> params, List<Expr> grid, int threads, TStmt body) {
        return new ThreadProgram(name, params, grid, threads, 0, body, null);
    }

    @Test
    void headerRules() {
        expect(prog(2048, 0, new BarSync()), "program", "program", "numThreads must be a multiple of 32 from 32 to 1024, got 2048");
        expect(header("my-kernel", PARAMS, List.of(N.var()), 32, TStmt.seq()), "program", "program",
                "kernel name must be a C identifier, got 'my-kernel'");
        expect(header("t", List.of(N, N), List.of(N.var()), 32, TStmt.seq()), "params[1]", "param",
                "parameter name 'n' is used twice (also params[0])");
        expect(header("t", List.of(new Param("z", null, false)), List.of(Expr.i32(1)), 32, TStmt.seq()), "params[0]", "param",
                "parameter 'z' has no dtype");
        expect(header("t", PARAMS, List.of(), 32, TStmt.seq()), "grid", "grid", "the grid needs 1 to 3 axes, got 0");
        expect(header("t", PARAMS, List.of(new org.tilevm.spec.ir.Var("m", DTypes.I32)), 32, TStmt.seq()), "grid[0]", "grid",
                "'m' is not a scalar parameter of type i32");
        expect(header("t", PARAMS, List.of(new Expr.BlockIdx(0)), 32, TStmt.seq()), "grid[0]", "grid", "reads blockIdx");
        expect(header("t", PARAMS, List.of(SCALE.var()), 32, TStmt.seq()), "grid[0]", "grid", "size `scale` must be an integer");
        expect(header("t", PARAMS, List.of(N.var()), 32, null), "body", "program", "the program has no body");
    }

    @Test
    void variablesAreDeclaredBeforeUseInAnEnclosingScope() {
        expect(prog(let(i("y"), i("x"))), "body[0]", "let", "'x' is not declared in an enclosing scope");
        expect(prog(loop(i("j"), n, let(i("x"), TExpr.i32(1))), let(i("y"), i("x"))), "body[1]", "let",
                "'x' is not declared");
        expect(prog(let(i("x"), i("y")), let(i("y"), TExpr.i32(0))), "body[0]", "let", "'y' is not declared");
        expect(prog(let(i("x"), TExpr.i32(0)), let(u("y"), u("x"))), "body[1]", "let",
                "'x' is used as u32 but the let variable at body[0] has type i32");
        expect(prog(array("r", 1), let(u("y"), u("r"))), "body[1]", "let", "'r' is a register array, not a scalar");
        expect(prog(let(i("y"), i("a"))), "body[0]", "let", "'a' is a pointer parameter, not a scalar");
    }

    @Test
    void scalarParametersUseTheirScalarType() {
        expect(prog(let(u("y"), u("w8"))), "body[0]", "let", "'w8' is used as u32 but the scalar parameter at params[5] has type i32");
    }

    @Test
    void noRedeclarationInOneScopeAndNoHiddenParameters() {
        expect(prog(let(i("x"), TExpr.i32(0)), array("x", 1)), "body[1]", "array",
                "'x' is already declared in this scope (a let variable at body[0])");
        // a loop's body shares the scope of its variable (as in C++)
        expect(prog(loop(i("j"), n, let(i("j"), TExpr.i32(0)))), "body[0].for(j).body[0]", "let",
                "'j' is already declared in this scope (a loop variable at body[0])");
        expect(prog(loop(i("j"), n, new Shfl(u("n"), ShflMode.IDX, TExpr.u32(1), TExpr.i32(0)))),
                "body[0].for(j).body[0]", "shfl", "'n' is the name of a scalar parameter; declarations must not hide parameters");
        expect(prog(array("a", 2)), "body[0]", "array", "'a' is the name of a pointer parameter");
        expect(prog(let(i("2x"), TExpr.i32(0))), "body[0]", "let", "'2x' is not a usable name");
        expect(prog(let(i("threadIdx"), TExpr.i32(0))), "body[0]", "let", "'threadIdx' is not a usable name");
    }

    @Test
    void assignments() {
        expect(prog(set(i("x"), TExpr.i32(1))), "body[0]", "assign", "'x' is not declared in an enclosing scope");
        expect(prog(loop(i("j"), n, set(i("j"), TExpr.i32(1)))), "body[0].for(j).body[0]", "assign",
                "only let variables and shfl results can be assigned; 'j' is a loop variable (at body[0])");
        expect(prog(set(n, TExpr.i32(1))), "body[0]", "assign", "'n' is a scalar parameter");
        expect(prog(let(i("x"), TExpr.i32(0)), set(i("x"), TExpr.u32(1))), "body[1]", "assign",
                "value `1u` has type u32 but 'x' is i32");
        expect(prog(let(i("x"), TExpr.i32(0)), set(u("x"), TExpr.u32(1))), "body[1]", "assign",
                "'x' is assigned as u32 but is declared i32 at body[0]");
        expect(prog(let(v("x", ScalarType.F32), TExpr.i32(0))), "body[0]", "let", "value `0` has type i32 but 'x' is f32");
    }

    @Test
    void controlStructures() {
        expect(prog(when(flag, new Break())), "body[0].if.then[0]", "break", "break outside of a for or while loop");
        expect(prog(new For(u("j"), TExpr.u32(4), 0, new BarSync())), "body[0]", "for", "loop variable 'j' must be i32, not u32");
        expect(prog(new For(i("j"), TExpr.i64(4), 0, new BarSync())), "body[0]", "for", "extent `4l` must be i32, not i64");
        expect(prog(new For(i("j"), n, -2, new BarSync())), "body[0]", "for", "unroll must be -1 (full), 0 (none) or a positive factor, got -2");
        expect(prog(new For(i("j"), n, 0, null)), "body[0]", "for", "the body is missing");
        expect(prog(new If(n, new BarSync(), null)), "body[0]", "if", "cond `n` must be pred, not i32");
        expect(prog(new If(flag, null, new BarSync())), "body[0]", "if", "the then branch is missing");
        expect(prog(new While(TExpr.i32(1), new Break())), "body[0]", "while", "cond `1` must be pred, not i32");
        expect(prog(new Comment("a\nb")), "body[0]", "comment", "a comment is one line");
        // a break in a while's branch is fine; a plain block does not open a loop
        valid(prog(new While(flag, TStmt.seq(when(flag, new Break())))));
        expect(prog(TStmt.seq(new Break())), "body[0][0]", "break", "break outside");
    }

    @Test
    void pathsNameNestedStatements() {
        TirError e = expect(prog(array("r", 1), new BarSync(), let(i("kk"), TExpr.i32(0)),
                        loop(i("k"), n, new Comment("x"), ldShared("r", 0, 64, TExpr.i32(0), 32))),
                "body[3].for(k).body[1]", "load shared", "bits [0, 64) are outside register array 'r' (1 words = 32 bits)");
        assertEquals("body[3].for(k).body[1] load shared: bits [0, 64) are outside register array 'r' (1 words = 32 bits)"
                + " (in: load.shared r[0+:64] <- smem.bit[0] align 32)", e.message());
        expect(prog(new If(flag, new BarSync(), TStmt.seq(new While(flag, TStmt.seq(new Comment(null)))))),
                "body[0].if.else[0].while.body[0]", "comment", "the text is missing");
    }

    @Test
    void checkThrowsWithEveryError() {
        ThreadProgram p = prog(let(i("x"), i("nope")), new Break(), set(i("x"), TExpr.u32(0)));
        TirVerificationException ex = assertThrows(TirVerificationException.class, () -> TirVerifier.check(p));
        assertEquals(3, ex.errors().size(), ex.getMessage());
        String[] lines = ex.getMessage().split("\n");
        assertEquals("thread-level program 't' is not well formed (3 errors):", lines[0]);
        assertTrue(lines[1].startsWith("  body[0] let: 'nope' is not declared"), lines[1]);
        assertTrue(lines[2].startsWith("  body[1] break: break outside"), lines[2]);
        assertTrue(lines[3].startsWith("  body[2] assign: value `0u` has type u32 but 'x' is i32"), lines[3]);
    }

    @Test
    void nullStatementsAndOperandsAreErrorsNotCrashes() {
        expect(prog(new Let(null, TExpr.i32(0))), "body[0]", "let", "the variable is missing");
        expect(prog(let(i("x"), null)), "body[0]", "let", "value is missing (null)");
        expect(prog(new If(null, new BarSync(), null)), "body[0]", "if", "cond is missing (null)");
        expect(prog(array("r", 1), new Load(TStmt.Space.SHARED, "r", 0, 8, null, TExpr.i32(0), 8, null)), "body[1]",
                "load shared", "pred is missing (null)");
    }
}
