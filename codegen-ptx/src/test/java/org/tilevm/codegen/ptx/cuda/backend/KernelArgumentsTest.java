package org.tilevm.codegen.ptx.cuda.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;

/** Argument binding and grid evaluation of the CUDA backend, against the same formulas in Java. */
class KernelArgumentsTest {
    static final Param N = Param.scalar("n", DTypes.I32), K = Param.scalar("k", DTypes.I32), F = Param.scalar("f", DTypes.F32),
            H = Param.scalar("h", DTypes.F16), P = Param.pointer("p", DTypes.F32);

    static Expr bin(BinaryOp op, Expr a, Expr b) { return new Expr.Binary(op, a, b); }

    static Program program(List<Expr> grid) {
        return new Program("g", List.of(N, K, F, H, P), grid, 1, new Stmt.Seq(List.of()));
    }

    /** grid = [min(n, 7), k > 3 ? (n + k) / 2 : 1, n % 5 + (k & 3)] */
    static final List<Expr> GRID = List.of(bin(BinaryOp.MIN, N.var(), Expr.i32(7)),
            new Expr.Select(bin(BinaryOp.GT, K.var(), Expr.i32(3)), bin(BinaryOp.DIV, bin(BinaryOp.ADD, N.var(), K.var()), Expr.i32(2)), Expr.i32(1)),
            bin(BinaryOp.ADD, bin(BinaryOp.MOD, N.var(), Expr.i32(5)), bin(BinaryOp.BIT_AND, K.var(), Expr.i32(3))));

    static Map<String, Object> args(int n, int k) {
        return Map.of("n", n, "k", k, "f", 0.1, "h", 65519.0, "p", MemorySegment.ofArray(new byte[4]));
    }

    @Test
    void gridIsEvaluatedFromTheIntegerScalars() {
        Random rnd = new Random(42);
        for (int i = 0; i < 200; i++) {
            int n = rnd.nextInt(1000), k = rnd.nextInt(10);
            KernelArguments a = KernelArguments.bind(program(GRID), args(n, k));
            assertArrayEquals(new int[] {Math.min(n, 7), k > 3 ? (n + k) / 2 : 1, n % 5 + (k & 3)}, a.grid, "n=" + n + " k=" + k);
        }
    }

    @Test
    void floatScalarsAreKeptAsTheirCodes() {
        KernelArguments a = KernelArguments.bind(program(GRID), args(3, 4));
        assertEquals(Float.floatToRawIntBits(0.1f), (int) (long) a.scalars.get("f"));
        assertEquals(0x7bff, a.scalars.get("h"), "65519 rounds to the largest f16, 65504");
        assertEquals(3L, a.scalars.get("n"));
    }

    @Test
    void badGridsAreLaunchExceptions() {
        LaunchException neg = assertThrows(LaunchException.class,
                () -> KernelArguments.bind(program(List.of(bin(BinaryOp.SUB, N.var(), Expr.i32(10)))), args(3, 4)));
        assertTrue(neg.getMessage().contains("grid[0] evaluates to -7"), neg.getMessage());
        LaunchException div = assertThrows(LaunchException.class,
                () -> KernelArguments.bind(program(List.of(Expr.i32(1), bin(BinaryOp.DIV, N.var(), K.var()))), args(3, 0)));
        assertTrue(div.getMessage().contains("grid[1]: integer division by zero"), div.getMessage());
        assertThrows(LaunchException.class, () -> KernelArguments.bind(program(List.of()), args(3, 4)));
    }
}
