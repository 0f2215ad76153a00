package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.TExpr.BOp.*;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.codegen.ptx.tir.TStmt.*;

/**
 * Block uniformity: loop extents and branch conditions must not depend on threadIdx, register
 * arrays or shuffled values, directly or through variables; the message names the chain.
 */
class TirVerifierUniformityTest {

    private static final String HINT = "(control flow must be the same in every thread; use a predicate or a select instead)";

    @Test
    void conditionsOnThreadIdx() {
        expect(prog(when(bin(LT, TID, TExpr.i32(32)), new BarSync())), "body[0]", "if",
                "cond `threadIdx.x < 32` is not block-uniform: it depends on threadIdx.x " + HINT);
        expect(prog(new While(bin(EQ, TID, TExpr.i32(0)), new Break())), "body[0]", "while",
                "cond `threadIdx.x == 0` is not block-uniform: it depends on threadIdx.x");
        expect(prog(loop(i("j"), bin(ADD, n, TID))), "body[0]", "for",
                "extent `n + threadIdx.x` is not block-uniform: it depends on threadIdx.x");
    }

    @Test
    void throughVariables() {
        expect(prog(let(i("lane"), bin(REM, TID, TExpr.i32(32))), let(i("m"), bin(ADD, i("lane"), TExpr.i32(1))),
                        loop(i("j"), i("m"))), "body[2]", "for",
                "extent `m` is not block-uniform: it depends on 'm' <- 'lane' <- threadIdx.x");
        expect(prog(let(i("x"), new Select(flag, TID, TExpr.i32(0))), when(bin(GT, i("x"), n))), "body[1]", "if",
                "it depends on 'x' <- threadIdx.x");
    }

    @Test
    void onLoadedOrShuffledData() {
        expect(prog(array("r", 1), ldShared("r", 0, 32, TExpr.i32(0), 32),
                        when(bin(NE, new GetBits("r", 0, 32), TExpr.u32(0)))), "body[2]", "if",
                "cond `r[0+:32] != 0u` is not block-uniform: it depends on register array 'r'");
        expect(prog(new Shfl(u("s"), ShflMode.IDX, TExpr.u32(7), TExpr.i32(0)), new While(bin(EQ, u("s"), TExpr.u32(7)), new Break())),
                "body[1]", "while", "it depends on 's' <- shfl.sync result");
    }

    /** An assignment later in a loop makes a use earlier in the loop varying (flow-insensitive). */
    @Test
    void assignmentsAnywhereCount() {
        expect(prog(let(i("x"), TExpr.i32(0)),
                        loop(i("j"), TExpr.i32(4), when(bin(LT, i("x"), TExpr.i32(2))), set(i("x"), TID))),
                "body[1].for(j).body[0]", "if", "cond `x < 2` is not block-uniform: it depends on 'x' <- threadIdx.x");
        // the fact travels backwards through a chain of assignments (several walks)
        expect(prog(let(i("a0"), TExpr.i32(0)), let(i("b0"), TExpr.i32(0)), let(i("c0"), TExpr.i32(0)),
                        loop(i("j"), TExpr.i32(4), when(bin(LT, i("c0"), TExpr.i32(1))),
                                set(i("c0"), i("b0")), set(i("b0"), i("a0")), set(i("a0"), TID))),
                "body[3].for(j).body[0]", "if", "it depends on 'c0' <- 'b0' <- 'a0' <- threadIdx.x");
    }

    @Test
    void uniformFactsFollowDeclarationsNotNames() {
        // the inner x is per-thread, the outer x stays uniform
        valid(prog(let(i("x"), TExpr.i32(0)), loop(i("j"), TExpr.i32(2), let(i("x"), TID)),
                when(bin(EQ, i("x"), TExpr.i32(0)), new BarSync())));
        // uniform reassignments of a uniform variable keep it uniform
        valid(prog(let(i("x"), new BlockIdx(0)), loop(i("j"), n, set(i("x"), bin(ADD, i("x"), i("j"))),
                when(bin(LT, i("x"), n), new BarSync()))));
    }

    @Test
    void perThreadPredicatesAreFine() {
        valid(prog(array("r", 1), let(i("lane"), bin(REM, TID, TExpr.i32(32))),
                new Load(Space.SHARED, "r", 0, 32, null, bin(MUL, i("lane"), TExpr.i32(32)), 32, bin(LT, i("lane"), TExpr.i32(8))),
                let(u("y"), new Select(bin(EQ, i("lane"), TExpr.i32(0)), new GetBits("r", 0, 32), TExpr.u32(1)))));
    }
}
