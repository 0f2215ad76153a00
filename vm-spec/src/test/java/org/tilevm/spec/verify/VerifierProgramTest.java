package org.tilevm.spec.verify;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.print.Ir.*;
import static org.tilevm.spec.verify.Fx.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;
import org.tilevm.spec.print.ProgramPrinter;
import org.tilevm.spec.print.SamplePrograms;

/** Whole programs: valid ones pass; program-level rules; the exception; the rule table. */
class VerifierProgramTest {

    @Test
    void matmulWithLoopsSharedMemoryAndControlFlowIsValid() {
        valid(SamplePrograms.matmul());
        valid(SamplePrograms.scale());
    }

    /** Row softmax-like: subtract the row max (broadcast along dim 1), exp, divide by the row sum. */
    @Test
    void broadcastOfAReducedRowIsValid() {
        RegisterLayout row = MMA_C.reduce(new int[] {1}, true);
        TensorVar mx = reg("mx", DTypes.F16, row), sm = reg("sm", DTypes.F16, row);
        TensorVar d = reg("d", DTypes.F16, MMA_C), e = reg("e", DTypes.F16, MMA_C);
        TensorVar ok = reg("ok", DTypes.BOOL, MMA_C), w = reg("w", DTypes.F16, MMA_C);
        valid(prog(VIEW_X, LOAD_A,
                exec(new Reduce(mx, A, 1, ReduceOp.MAX, true)),
                exec(new ElementwiseBinary(d, BinaryOp.SUB, A, mx)),
                exec(new ElementwiseUnary(e, UnaryOp.EXP, d)),
                exec(new Reduce(sm, e, 1, ReduceOp.SUM, true)),
                exec(new ElementwiseBinary(e, BinaryOp.DIV, e, sm)),
                exec(new ElementwiseBinary(ok, BinaryOp.GT, e, mx)),
                exec(new Where(w, ok, e, mx)),
                exec(new ElementwiseScalar(w, BinaryOp.MUL, w, new Expr.FloatConst(0.25, DTypes.F16))),
                exec(new StoreGlobal(w, GX, TILE))));
    }

    @Test
    void layoutOpsViewsAndSemaphoresAreValid() {
        RegisterLayout l = Layouts.spatial(8, 4).local(2, 2);                 // [16, 8], 4 per thread
        TensorVar t = reg("t", DTypes.F16, l);
        TensorVar tt = reg("tt", DTypes.F16, l.permute(1, 0));
        TensorVar r = reg("r", DTypes.F16, l.reshape(2, 8, 8));
        TensorVar u = reg("u", DTypes.F16, l.unsqueeze(0));
        TensorVar s = reg("s", DTypes.F16, l.unsqueeze(0).squeeze(0));
        TensorVar v = reg("v", DTypes.U32, Layouts.spatial(8, 4).local(2, 1));   // 2 x 32 bits = 4 x 16 bits
        TensorVar q = reg("q", DTypes.U4, Layouts.spatial(8, 4).local(2, 8));     // 16 x 4 bits = 64 bits
        TensorVar sem = global("sem", DTypes.I32, rowMajor("m"));
        valid(prog(VIEW_X,
                exec(new LoadGlobal(t, GX, TILE)),
                exec(new Transpose(tt, t)),
                exec(new Reshape(r, t)),
                exec(new Unsqueeze(u, t, List.of(0))),
                exec(new Squeeze(s, u, List.of(0))),
                exec(new View(v, t)),
                exec(new View(q, v)),
                exec(new AssignTensor(t, s)),
                exec(new AllocateGlobal(sem)),
                exec(new LockSemaphore(sem, List.of(bx()), c(0))),
                exec(new ReleaseSemaphore(sem, List.of(bx()), c(1))),
                exec(new Print("t", List.of(bx()), t))));
    }

    @Test
    void fourWarpsAndA3dGridAreValid() {
        RegisterLayout l = Layouts.spatial(4, 1).compose(MMA_C);             // [64, 8], 128 threads
        TensorVar t = reg("t", DTypes.F16, l);
        Program p = program("w4", List.of(M, N, X), List.of(ceilDiv(M.var(), 64), N.var(), c(2)), 4,
                VIEW_X, exec(new LoadGlobal(t, GX, List.of(mul(bx(), c(64)), mul(new Expr.BlockIdx(2), by())))));
        valid(p);
    }

    @Test
    void checkThrowsWithEveryErrorOnItsOwnLine() {
        Program p = prog(exec(new StoreGlobal(A, GX, TILE)), new Stmt.Break());
        VerificationException e = assertThrows(VerificationException.class, () -> Verifier.check(p));
        assertEquals(3, e.errors().size(), e.getMessage());
        String[] lines = e.getMessage().split("\n");
        assertEquals(4, lines.length, e.getMessage());
        assertEquals("program 't' is not well formed (3 errors):", lines[0]);
        assertEquals("  body[0]: store_global: tensor 'a' is not defined in this scope (in: store_global a to gx[blockIdx.x * 16, 0])", lines[1]);
        assertEquals("  body[0]: store_global: tensor 'gx' is not defined in this scope (in: store_global a to gx[blockIdx.x * 16, 0])", lines[2]);
        assertEquals("  body[1]: break: break outside of a for or while loop (in: break)", lines[3]);
    }

    @Test
    void everyInstructionKindHasARule() {
        assertEquals(new HashSet<>(Arrays.asList(Instruction.class.getPermittedSubclasses())),
                new HashSet<>(InstructionRules.classes()));
    }

    @Test
    void missingPartsAreErrorsNotCrashes() {
        List<VerifyError> errors = Verifier.verify(prog(
                new Stmt.Exec(null),
                new Stmt.Let(i32("i"), new Expr.Binary(BinaryOp.ADD, null, c(1))),
                new Stmt.If(null, seq(), null),
                exec(new LoadGlobal(null, null, List.of())),
                new Stmt.For(i32("j"), c(2), 0, null)));
        assertEquals(List.of("body[0]", "body[1]", "body[2]", "body[3]", "body[4].for j.body"),
                errors.stream().map(VerifyError::path).toList(), errors.toString());
        assertTrue(errors.get(0).reason().contains("instruction is missing"));
        assertTrue(errors.get(1).reason().contains("missing operand"));
        assertTrue(errors.get(3).reason().contains("an operand is missing (null)"));
        assertTrue(errors.get(4).reason().contains("statement is missing"));
    }

    // ---------------------------------------------------------------- program-level rules

    @Test
    void duplicateParameterNames() {
        Program p = program("t", List.of(M, N, Param.scalar("m", DTypes.I64)), List.of(c(1)), 1, seq());
        expect(p, "params[2]", "program", "'m' is used twice", "params[0]");
    }

    @Test
    void gridNeedsOneToThreeDimensions() {
        expect(program("t", List.of(M), List.of(), 1), "grid", "program", "1 to 3 dimensions, got 0");
        expect(program("t", List.of(M), List.of(c(1), c(1), c(1), c(1)), 1), "grid", "program", "got 4");
    }

    @Test
    void gridUsesOnlyIntegerScalarParamsAndConstants() {
        expect(program("t", List.of(M), List.of(bx()), 1), "grid[0]", "program", "blockIdx is not allowed");
        expect(program("t", List.of(M), List.of(c(1), Expr.f32(2)), 1), "grid[1]", "program", "must be an integer", "f32");
        expect(program("t", List.of(M), List.of(add(M.var(), i32("q"))), 1), "grid[0]", "program", "'q' is not defined");
        expect(program("t", List.of(M, X), List.of(new Var("x", DTypes.F16)), 1), "grid[0]", "program",
                "'x' is a pointer parameter");
    }

    @Test
    void warpsBetweenOneAndThirtyTwo() {
        expect(program("t", List.of(M), List.of(c(1)), 0), "program", "program", "numWarps must be in 1..32, got 0");
        expect(program("t", List.of(M), List.of(c(1)), 33), "program", "program", "got 33");
        valid(program("t", List.of(M), List.of(c(1)), 32));
    }

    @Test
    void theTextOfAnErrorIsThePrintedInstruction() {
        TensorVar bad = reg("bad", DTypes.F16, Layouts.spatial(16, 8)); // 128 threads, block has 32
        Stmt s = exec(new AllocateRegister(bad, null));
        VerifyError e = expect(prog(s), "body[0]", "allocate_register", "over 128 threads", "block has 32");
        assertEquals(ProgramPrinter.print(((Stmt.Exec) s).instruction()), e.text());
    }
}
