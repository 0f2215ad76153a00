package org.tilevm.spec.verify;

import static org.tilevm.spec.print.Ir.*;
import static org.tilevm.spec.verify.Fx.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Names, scopes, scalar expressions and control flow: one minimal bad program per rule. */
class VerifierScopeTest {
    private static final Var I = i32("i"), KB = i32("kb");
    private static final Var F = new Var("f", DTypes.F32);

    private static Stmt loop(Var v, Stmt... body) { return new Stmt.For(v, c(4), 0, seq(body)); }

    // ---------------------------------------------------------------- tensors and scopes

    @Test
    void tensorUsedBeforeDefinition() {
        expect(prog(VIEW_X, exec(new StoreGlobal(A, GX, TILE)), LOAD_A), "body[1]", "store_global",
                "tensor 'a' is not defined in this scope");
    }

    @Test
    void tensorDefinedInALoopIsNotVisibleAfterIt() {
        expect(prog(VIEW_X, loop(KB, LOAD_A), exec(new StoreGlobal(A, GX, TILE))), "body[2]", "store_global",
                "tensor 'a' is not defined");
        expect(prog(VIEW_X, new Stmt.If(Expr.bool(true), seq(LOAD_A), null), exec(new StoreGlobal(A, GX, TILE))),
                "body[2]", "store_global", "tensor 'a' is not defined");
        // ...but a tensor defined before the loop is visible inside, at any depth
        valid(prog(VIEW_X, LOAD_A, loop(KB, loop(I, exec(new StoreGlobal(A, GX, TILE))))));
    }

    @Test
    void redefinitionWithAnotherTypeInTheSameScope() {
        TensorVar a32 = reg("a", DTypes.F32, MMA_C);
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(a32, null))), "body[2]", "allocate_register",
                "output 'a' has type register<f32>", "defined at body[1] with type register<f16>",
                "must have exactly its type");
    }

    @Test
    void outputNamingAnOuterTensorMustHaveItsType() {
        TensorVar a2 = reg("a", DTypes.F16, Layouts.spatial(8, 4).local(2, 2));
        expect(prog(VIEW_X, LOAD_A, loop(KB, exec(new AllocateRegister(a2, null)))),
                "body[2].for kb.body[0]", "allocate_register", "names the tensor defined at body[1]");
        // Same type: an overwrite, fine (also across scopes).
        valid(prog(VIEW_X, LOAD_A, loop(KB, exec(new AllocateRegister(A, Expr.f32(1))), LOAD_A),
                exec(new StoreGlobal(A, GX, TILE))));
    }

    @Test
    void inputUsedWithADifferentTypeThanDefined() {
        TensorVar a2 = reg("a", DTypes.F16, Layouts.spatial(8, 4).local(2, 2));
        expect(prog(VIEW_X, LOAD_A, exec(new StoreGlobal(a2, GX, TILE))), "body[2]", "store_global",
                "'a' is used with type register<f16>[16, 8] spatial(8,4).local(2,2)", "defined at body[1]");
    }

    @Test
    void registerLayoutMustSpanTheBlocksThreads() {
        TensorVar t = reg("t", DTypes.F16, Layouts.spatial(16, 4).local(1, 2)); // 64 threads
        expect(prog(VIEW_X, exec(new LoadGlobal(t, GX, TILE))), "body[1]", "load_global",
                "over 64 threads", "the block has 32 (1 warps)");
    }

    @Test
    void globalShapesUseIntegerScalarParameters() {
        TensorVar g = global("g", DTypes.F16, rowMajor("m", "q"));
        expect(prog(exec(new GlobalView(g, X))), "body[0]", "global_view", "over 'q'", "not an integer scalar parameter");
        TensorVar gp = global("g", DTypes.F16, rowMajor("m", "x"));
        expect(prog(exec(new GlobalView(gp, X))), "body[0]", "global_view", "over 'x'");
    }

    // ---------------------------------------------------------------- scalars

    @Test
    void undefinedScalar() {
        expect(prog(new Stmt.Let(I, add(KB, c(1)))), "body[0]", "let", "in `kb + 1`", "scalar 'kb' is not defined");
    }

    @Test
    void loopVariableIsNotVisibleAfterTheLoop() {
        expect(prog(loop(KB), new Stmt.Let(I, KB)), "body[1]", "let", "'kb' is not defined");
    }

    @Test
    void scalarUsedWithAnotherType() {
        expect(prog(new Stmt.Let(I, new Var("m", DTypes.I64))), "body[0]", "let",
                "'m' is used as i64 but the scalar parameter has type i32");
    }

    @Test
    void pointerParameterIsNotAScalar() {
        expect(prog(new Stmt.Let(I, new Var("x", DTypes.I32))), "body[0]", "let", "'x' is a pointer parameter");
    }

    @Test
    void binaryOperandsMustHaveEqualTypes() {
        expect(prog(new Stmt.Let(I, add(M.var(), new Expr.IntConst(1, DTypes.I64)))), "body[0]", "let",
                "operands of + have different types i32 and i64");
    }

    @Test
    void integerOnlyOperatorsOnFloats() {
        expect(prog(new Stmt.Let(F, bin(BinaryOp.MOD, Expr.f32(3), Expr.f32(2)))), "body[0]", "let",
                "operator % is defined only on integers, not f32");
        expect(prog(new Stmt.Let(F, new Expr.Unary(UnaryOp.BIT_NOT, Expr.f32(3)))), "body[0]", "let",
                "operator bit_not is defined only on integers");
    }

    @Test
    void floatOnlyOperatorsOnIntegers() {
        expect(prog(new Stmt.Let(I, new Expr.Unary(UnaryOp.SQRT, M.var()))), "body[0]", "let",
                "operator sqrt is defined only on floats, not i32");
    }

    @Test
    void logicOperatorsNeedBooleans() {
        Var b = new Var("b", DTypes.BOOL);
        expect(prog(new Stmt.Let(b, bin(BinaryOp.AND, M.var(), N.var()))), "body[0]", "let",
                "operator && needs u1 (bool) operands, not i32");
    }

    @Test
    void literalMustFitItsType() {
        expect(prog(new Stmt.Let(new Var("u", DTypes.U4), new Expr.IntConst(16, DTypes.U4))), "body[0]", "let",
                "literal 16 does not fit in u4 [0, 15]");
    }

    @Test
    void letValueTypeMustMatch() {
        expect(prog(new Stmt.Let(I, Expr.f32(1))), "body[0]", "let", "value has type f32 but 'i' is declared i32");
    }

    @Test
    void letMayNotShadow() {
        expect(prog(new Stmt.Let(new Var("m", DTypes.I32), c(1))), "body[0]", "let",
                "'m' is already defined (a scalar parameter)");
        expect(prog(loop(I, loop(I))), "body[0].for i.body[0]", "for", "'i' is already defined (a loop variable)");
        valid(prog(loop(I), loop(I), new Stmt.Let(I, c(1))));
    }

    @Test
    void selectConditionAndBranches() {
        expect(prog(new Stmt.Let(I, new Expr.Select(M.var(), c(1), c(2)))), "body[0]", "let",
                "select condition must be u1 (bool), not i32");
        expect(prog(new Stmt.Let(I, new Expr.Select(Expr.bool(true), c(1), Expr.f32(2)))), "body[0]", "let",
                "select branches have different types i32 and f32");
    }

    @Test
    void blockIdxMustNameAGridAxis() {
        expect(prog(new Stmt.Let(I, by())), "body[0]", "let", "blockIdx.y used but the grid has only 1 axis");
    }

    // ---------------------------------------------------------------- control flow

    @Test
    void conditionsAreBooleans() {
        expect(prog(new Stmt.If(M.var(), seq(), null)), "body[0]", "if", "condition `m` must be u1 (bool), not i32");
        expect(prog(new Stmt.While(N.var(), seq())), "body[0]", "while", "condition `n` must be u1");
    }

    @Test
    void forExtentIsAnIntegerOfTheLoopVariablesType() {
        expect(prog(new Stmt.For(I, Expr.f32(4), 0, seq())), "body[0]", "for", "extent `4.0` must be an integer, not f32");
        expect(prog(new Stmt.For(I, new Expr.IntConst(4, DTypes.I64), 0, seq())), "body[0]", "for",
                "loop variable 'i' has type i32 but the extent has type i64");
        expect(prog(new Stmt.For(I, c(4), -2, seq())), "body[0]", "for", "unroll must be -1 (full), 0 (none)");
    }

    @Test
    void breakOnlyInsideLoops() {
        expect(prog(new Stmt.If(Expr.bool(true), seq(new Stmt.Break()), null)), "body[0].if.then[0]", "break",
                "break outside of a for or while loop");
        valid(prog(new Stmt.While(Expr.bool(true), seq(new Stmt.If(Expr.bool(true), seq(new Stmt.Break()), null)))));
    }

    @Test
    void assignOnlyToLetVariables() {
        expect(prog(new Stmt.Assign(M.var(), c(1))), "body[0]", "set", "only let variables can be assigned; 'm' is a scalar parameter");
        expect(prog(loop(I, new Stmt.Assign(I, c(1)))), "body[0].for i.body[0]", "set", "'i' is a loop variable");
        expect(prog(new Stmt.Assign(I, c(1))), "body[0]", "set", "scalar 'i' is not defined");
        expect(prog(new Stmt.Let(I, c(0)), new Stmt.Assign(I, new Expr.IntConst(1, DTypes.I64))), "body[1]", "set",
                "value has type i64 but 'i' has type i32");
        valid(prog(new Stmt.Let(I, c(0)), loop(KB, new Stmt.Assign(I, add(I, KB)))));
    }

    @Test
    void pathsNameNestedBodies() {
        Stmt bad = new Stmt.Let(F, Expr.f32(1));
        Stmt badBreak = new Stmt.If(Expr.bool(false), seq(), seq(new Stmt.Let(I, Expr.f32(1))));
        expect(prog(new Stmt.While(Expr.bool(true), seq(bad, badBreak))), "body[0].while.body[1].if.else[0]", "let",
                "value has type f32");
        expect(prog(seq(new Stmt.Break())), "body[0][0]", "break", "outside");
    }
}
