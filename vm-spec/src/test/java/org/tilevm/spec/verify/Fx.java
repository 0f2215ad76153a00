package org.tilevm.spec.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.spec.print.Ir.*;

import java.util.List;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Fixtures for verifier tests: a one-warp program with parameters m, n, x: ptr<f16>, y: ptr<f32>. */
final class Fx {
    private Fx() {}

    static final Param M = Param.scalar("m", DTypes.I32), N = Param.scalar("n", DTypes.I32);
    static final Param X = Param.pointer("x", DTypes.F16), Y = Param.pointer("y", DTypes.F32);
    static final TensorVar GX = global("gx", DTypes.F16, rowMajor("m", "n"));
    static final TensorVar GY = global("gy", DTypes.F32, rowMajor("m", "n"));
    /** {@code gx = global_view x}, {@code gy = global_view y}. */
    static final Stmt VIEW_X = exec(new GlobalView(GX, X)), VIEW_Y = exec(new GlobalView(GY, Y));
    /** Register tiles [16, 8] in the mma accumulator layout. */
    static final TensorVar A = reg("a", DTypes.F16, MMA_C), B = reg("b", DTypes.F16, MMA_C);
    static final TensorVar ACC = reg("acc", DTypes.F32, MMA_C);
    static final List<Expr> TILE = List.of(mul(bx(), c(16)), c(0));
    /** {@code a = load_global gx[blockIdx.x * 16, 0]}. */
    static final Stmt LOAD_A = exec(new LoadGlobal(A, GX, TILE));
    static final Stmt LOAD_B = exec(new LoadGlobal(B, GX, TILE));

    static Program prog(Stmt... body) {
        return program("t", List.of(M, N, X, Y), List.of(ceilDiv(M.var(), 16)), 1, body);
    }

    static void valid(Program p) {
        List<VerifyError> errors = Verifier.verify(p);
        assertTrue(errors.isEmpty(), () -> "expected no errors, got:\n" + errors.stream()
                .map(VerifyError::message).reduce("", (a, b) -> a + b + "\n"));
        Verifier.check(p);
    }

    /**
     * The program has exactly one error, at {@code path}, for {@code op}, whose reason contains
     * every part; its message names path, op, reason and the printed text.
     */
    static VerifyError expect(Program p, String path, String op, String... reasonParts) {
        List<VerifyError> errors = Verifier.verify(p);
        assertEquals(1, errors.size(), () -> "expected one error, got:\n" + errors.stream()
                .map(VerifyError::message).reduce("", (a, b) -> a + b + "\n"));
        VerifyError e = errors.get(0);
        assertEquals(path, e.path(), e.message());
        assertEquals(op, e.op(), e.message());
        for (String part : reasonParts) {
            assertTrue(e.reason().contains(part), () -> "reason lacks '" + part + "': " + e.message());
        }
        String msg = e.message();
        assertTrue(msg.startsWith(path + ": " + op + ": ") && msg.contains(e.reason()) && msg.contains(e.text()), msg);
        return e;
    }
}
