package org.tilevm.frontend.dsl;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.dtype.DTypes.*;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.UnaryOp;
import org.tilevm.spec.ir.Var;

class ScalarTest {

    /** Builds scalars inside a throwaway kernel (which needs a grid and warps to be complete). */
    private static void inKernel(java.util.function.Consumer<Kernel> body) {
        Kernel.build("k", k -> {
            body.accept(k);
            k.warps(1);
            k.grid(1);
        });
    }

    @Test
    void integerLiteralsTakeTheOtherOperandsType() {
        inKernel(k -> {
            ScalarParam m = k.param("m", I32);
            ScalarParam n = k.param("n", I64);
            assertEquals(new Expr.Binary(BinaryOp.ADD, new Var("m", I32), new Expr.IntConst(1, I32)), m.plus(1).expr());
            assertEquals(new Expr.Binary(BinaryOp.MUL, new Var("n", I64), new Expr.IntConst(3, I64)),
                    n.times(Scalar.i32(3)).expr());
            assertEquals(new Expr.Binary(BinaryOp.SUB, new Expr.IntConst(7, I64), new Var("n", I64)),
                    Scalar.i32(7).minus(n).expr());
            assertEquals(I64, n.plus(1).type());
        });
    }

    @Test
    void floatLiteralsAndFloatOperators() {
        inKernel(k -> {
            ScalarParam x = k.param("x", F16);
            assertEquals(new Expr.Binary(BinaryOp.MUL, new Var("x", F16), new Expr.FloatConst(0.5, F16)), x.times(0.5).expr());
            assertEquals(new Expr.Binary(BinaryOp.ADD, new Var("x", F16), new Expr.FloatConst(2, F16)), x.plus(2).expr());
            assertEquals(new Expr.Unary(UnaryOp.SQRT, new Var("x", F16)), x.sqrt().expr());
            assertEquals(new Expr.Cast(F32, new Var("x", F16)), x.cast(F32).expr());
            assertSame(x, x.cast(F16), "casting to the same type is the identity");
        });
    }

    @Test
    void comparisonsAndLogicGiveBool() {
        inKernel(k -> {
            ScalarParam m = k.param("m", I32);
            Scalar c = m.lt(4).and(m.ge(0)).or(m.eq(10).not());
            assertEquals(BOOL, c.type());
            assertEquals(BOOL, m.ne(0).type());
            Scalar s = Scalar.select(m.gt(3), m, Scalar.i32(3));
            assertEquals(new Expr.Select(new Expr.Binary(BinaryOp.GT, new Var("m", I32), new Expr.IntConst(3, I32)),
                    new Var("m", I32), new Expr.IntConst(3, I32)), s.expr());
        });
    }

    @Test
    void ceilDivAndArithmeticEvaluateCorrectly() {
        Random rnd = new Random(7);
        inKernel(k -> {
            ScalarParam a = k.param("a", I32);
            ScalarParam b = k.param("b", I32);
            for (int trial = 0; trial < 300; trial++) {
                long av = rnd.nextInt(10_000), bv = 1 + rnd.nextInt(200), c = 1 + rnd.nextInt(64);
                Map<String, Long> env = Map.of("a", av, "b", bv);
                assertEquals((av + bv - 1) / bv, eval(a.ceilDiv(b).expr(), env), "ceilDiv by a variable");
                assertEquals((av + c - 1) / c, eval(a.ceilDiv(c).expr(), env), "ceilDiv by a constant");
                assertEquals(Math.min(av, bv) * 3 - av % bv, eval(a.min(b).times(3).minus(a.mod(b)).expr(), env));
                assertEquals((av << 2) & 0xff ^ (bv >> 1), eval(a.shl(2).bitAnd(0xff).bitXor(b.shr(1)).expr(), env));
                assertEquals(Math.max(av, bv) / 2, eval(a.max(b).div(2).expr(), env));
            }
        });
    }

    @Test
    void mismatchedTypesAreRejected() {
        inKernel(k -> {
            ScalarParam m = k.param("m", I32);
            ScalarParam n = k.param("n", I64);
            DslException e = assertThrows(DslException.class, () -> m.plus(n));
            assertTrue(e.getMessage().contains("different dtypes i32") && e.getMessage().contains("i64")
                    && e.getMessage().contains("kernel 'k'"), e.getMessage());
            assertEquals(I64, m.cast(I64).plus(n).type());
        });
    }

    @Test
    void operatorsCheckTheirOperandKinds() {
        inKernel(k -> {
            ScalarParam x = k.param("x", F32);
            ScalarParam m = k.param("m", I32);
            ScalarParam u = k.param("u", U8);
            assertTrue(assertThrows(DslException.class, () -> x.mod(2)).getMessage().contains("integer operands"));
            assertTrue(assertThrows(DslException.class, () -> x.shl(1)).getMessage().contains("integer"));
            assertTrue(assertThrows(DslException.class, () -> m.exp()).getMessage().contains("float operand"));
            assertTrue(assertThrows(DslException.class, () -> m.and(m)).getMessage().contains("u1"));
            assertTrue(assertThrows(DslException.class, () -> m.plus(0.5)).getMessage().contains("not an integer"));
            assertTrue(assertThrows(DslException.class, () -> u.plus(300)).getMessage().contains("does not fit u8"));
            assertTrue(assertThrows(DslException.class, () -> Scalar.select(m, m, m)).getMessage().contains("u1"));
            assertTrue(assertThrows(DslException.class, () -> m.ceilDiv(0)).getMessage().contains("positive"));
            // a negative literal for an unsigned type is its bit pattern; the stored value fits the type
            assertEquals(new Expr.IntConst(255, U8), ((Expr.Binary) u.bitAnd(-1).expr()).b());
        });
    }

    @Test
    void scalarsOfTwoKernelsDoNotMix() {
        AtomicReference<ScalarParam> first = new AtomicReference<>();
        inKernel(k -> first.set(k.param("m", I32)));
        DslException e = assertThrows(DslException.class, () -> inKernel(k -> {
            ScalarParam m = k.param("m", I32);
            m.plus(first.get());
        }));
        assertTrue(e.getMessage().contains("mixes scalars of kernel"), e.getMessage());
        DslException e2 = assertThrows(DslException.class, () -> inKernel(k -> k.let("x", first.get())));
        assertTrue(e2.getMessage().contains("uses variables of kernel 'k'"), e2.getMessage());
    }

    @Test
    void toStringIsReadable() {
        inKernel(k -> {
            ScalarParam m = k.param("m", I32);
            assertEquals("((m + 63) / 64)", m.ceilDiv(64).toString());
            assertEquals("min(m, 4)", m.min(4).toString());
        });
    }

    /** A small evaluator for integer expressions (Java long semantics, no wrapping: values stay small). */
    static long eval(Expr e, Map<String, Long> env) {
        return switch (e) {
            case Expr.IntConst c -> c.value();
            case Var v -> env.get(v.name());
            case Expr.Binary b -> {
                long x = eval(b.a(), env), y = eval(b.b(), env);
                yield switch (b.op()) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case MOD -> x % y;
                    case MIN -> Math.min(x, y); case MAX -> Math.max(x, y);
                    case BIT_AND -> x & y; case BIT_OR -> x | y; case BIT_XOR -> x ^ y; case SHL -> x << y; case SHR -> x >> y;
                    case LT -> x < y ? 1 : 0; case LE -> x <= y ? 1 : 0; case GT -> x > y ? 1 : 0; case GE -> x >= y ? 1 : 0;
                    case EQ -> x == y ? 1 : 0; case NE -> x != y ? 1 : 0;
                    case AND -> (x != 0 && y != 0) ? 1 : 0; case OR -> (x != 0 || y != 0) ? 1 : 0;
                };
            }
            default -> throw new IllegalArgumentException("not evaluated here: " + e);
        };
    }
}
