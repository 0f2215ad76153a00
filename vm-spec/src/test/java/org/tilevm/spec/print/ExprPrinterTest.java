package org.tilevm.spec.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.tilevm.spec.print.Ir.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.UnaryOp;
import org.tilevm.spec.ir.Var;

class ExprPrinterTest {
    private static final Var A = i32("a"), B = i32("b"), C = i32("c");

    private static String p(Expr e) { return ProgramPrinter.print(e); }

    @Test
    void precedenceAndAssociativity() {
        assertEquals("(a + b) * c", p(mul(add(A, B), C)));
        assertEquals("a + b * c", p(add(A, mul(B, C))));
        assertEquals("a - b - c", p(sub(sub(A, B), C)));
        assertEquals("a - (b - c)", p(sub(A, sub(B, C))));
        assertEquals("a / (b * c)", p(div(A, mul(B, C))));
        assertEquals("a * b / c", p(div(mul(A, B), C)));
        assertEquals("a & b == c", p(bin(BinaryOp.BIT_AND, A, bin(BinaryOp.EQ, B, C))));
        assertEquals("(a & b) == c", p(bin(BinaryOp.EQ, bin(BinaryOp.BIT_AND, A, B), C)));
        assertEquals("a << b + 1", p(bin(BinaryOp.SHL, A, add(B, c(1)))));
        assertEquals("(a << b) + 1", p(add(bin(BinaryOp.SHL, A, B), c(1))));
        Expr lt = bin(BinaryOp.LT, A, B), gt = bin(BinaryOp.GT, B, C);
        assertEquals("a < b && b > c", p(bin(BinaryOp.AND, lt, gt)));
        assertEquals("(a < b || b > c) && a < b", p(bin(BinaryOp.AND, bin(BinaryOp.OR, lt, gt), lt)));
        assertEquals("a < b || b > c && a < b", p(bin(BinaryOp.OR, lt, bin(BinaryOp.AND, gt, lt))));
        assertEquals("a % 4 ^ b | c", p(bin(BinaryOp.BIT_OR, bin(BinaryOp.BIT_XOR, bin(BinaryOp.MOD, A, c(4)), B), C)));
    }

    @Test
    void prefixOperatorsAndNegativeLiterals() {
        assertEquals("-(a + b)", p(new Expr.Unary(UnaryOp.NEG, add(A, B))));
        assertEquals("-a * b", p(mul(new Expr.Unary(UnaryOp.NEG, A), B)));
        assertEquals("-(-a)", p(new Expr.Unary(UnaryOp.NEG, new Expr.Unary(UnaryOp.NEG, A))));
        assertEquals("-(-3)", p(new Expr.Unary(UnaryOp.NEG, c(-3))));
        assertEquals("a * -3", p(mul(A, c(-3))));
        assertEquals("~a & 7", p(bin(BinaryOp.BIT_AND, new Expr.Unary(UnaryOp.BIT_NOT, A), c(7))));
        assertEquals("!(a < b)", p(new Expr.Unary(UnaryOp.NOT, bin(BinaryOp.LT, A, B))));
    }

    @Test
    void functionsCastSelectAndBlockIdx() {
        assertEquals("min(a + 1, b)", p(bin(BinaryOp.MIN, add(A, c(1)), B)));
        assertEquals("max(a, b) * 2", p(mul(bin(BinaryOp.MAX, A, B), c(2))));
        assertEquals("abs(a - b)", p(new Expr.Unary(UnaryOp.ABS, sub(A, B))));
        Var x = new Var("x", DTypes.F32);
        assertEquals("rsqrt(x + 1.0)", p(new Expr.Unary(UnaryOp.RSQRT, add(x, Expr.f32(1)))));
        assertEquals("exp(x) + log(x) * sqrt(x)", p(add(new Expr.Unary(UnaryOp.EXP, x),
                mul(new Expr.Unary(UnaryOp.LOG, x), new Expr.Unary(UnaryOp.SQRT, x)))));
        assertEquals("select(a < b, a, b)", p(new Expr.Select(bin(BinaryOp.LT, A, B), A, B)));
        assertEquals("cast<f32>(a + b) * x", p(mul(new Expr.Cast(DTypes.F32, add(A, B)), x)));
        assertEquals("blockIdx.x + blockIdx.y + blockIdx.z",
                p(add(add(bx(), by()), new Expr.BlockIdx(2))));
    }

    @Test
    void literals() {
        assertEquals("7", p(c(7)));
        assertEquals("-7", p(c(-7)));
        assertEquals("7_i64", p(new Expr.IntConst(7, DTypes.I64)));
        assertEquals("255_u8", p(new Expr.IntConst(255, DTypes.U8)));
        assertEquals("-9223372036854775808_i64", p(new Expr.IntConst(Long.MIN_VALUE, DTypes.I64)));
        assertEquals("true", p(Expr.bool(true)));
        assertEquals("false", p(Expr.bool(false)));
        assertEquals("0.5", p(Expr.f32(0.5)));
        assertEquals("-0.0", p(Expr.f32(-0.0)));
        assertEquals("0.0", p(Expr.f32(0.0)));
        assertEquals("1.0E10", p(Expr.f32(1e10)));
        assertEquals("0.1", p(Expr.f32(0.1)));
        assertEquals("0.5_f16", p(new Expr.FloatConst(0.5, DTypes.F16)));
        assertEquals("-1.5_f4e2m1", p(new Expr.FloatConst(-1.5, DTypes.F4E2M1)));
        assertEquals("nan", p(Expr.f32(Double.NaN)));
        assertEquals("inf_bf16", p(new Expr.FloatConst(Double.POSITIVE_INFINITY, DTypes.BF16)));
        assertEquals("-inf", p(Expr.f32(Double.NEGATIVE_INFINITY)));
        // A float literal always shows a '.' or an exponent, so it never reads as an integer.
        assertNotEquals(p(Expr.f32(3)), p(c(3)));
    }

    /** Random trees: printing is deterministic, and distinct trees (up to equal meaning) print differently. */
    @Test
    void randomTreesPrintDeterministicallyAndInjectively() {
        Random rnd = new Random(12345);
        Set<Expr> trees = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            Expr e = randomExpr(rnd, 4);
            String t = p(e);
            assertEquals(t, p(e));
            if (trees.add(e)) texts.add(t);
        }
        // Trees that differ print differently: parentheses are never dropped where they matter.
        assertEquals(trees.size(), texts.size());
    }

    private static Expr randomExpr(Random rnd, int depth) {
        if (depth == 0 || rnd.nextInt(4) == 0) {
            return switch (rnd.nextInt(3)) {
                case 0 -> c(rnd.nextInt(5));
                case 1 -> List.of(A, B, C).get(rnd.nextInt(3));
                default -> bx();
            };
        }
        List<BinaryOp> ops = new ArrayList<>(List.of(BinaryOp.values()));
        if (rnd.nextInt(6) == 0) {
            UnaryOp u = List.of(UnaryOp.NEG, UnaryOp.BIT_NOT, UnaryOp.ABS).get(rnd.nextInt(3));
            return new Expr.Unary(u, randomExpr(rnd, depth - 1));
        }
        return bin(ops.get(rnd.nextInt(ops.size())), randomExpr(rnd, depth - 1), randomExpr(rnd, depth - 1));
    }
}
