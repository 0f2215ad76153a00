package org.tilevm.codegen.ptx.tir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.tir.TExpr.BOp.*;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.spec.dtype.DTypes;

/** The text form: exact output for a sample, C precedence, and tolerance of malformed programs. */
class TirTextTest {

    /** Every statement kind, one line each, bodies indented. */
    static final String KITCHEN_SINK = """
kernel t(a: ptr<f16>, c: ptr<f32>, n: i32, flag: u1, scale: f32, w8: u8) grid [n] threads 128 shared 4096 {
  // acc = dot(a, b, acc)
  array acc[4]
  array fa[4]
  array fb[2]
  let warp: i32 = threadIdx.x / 32
  let lane: i32 = threadIdx.x % 32
  let g: i64 = i64(blockIdx.x * 2048)
  for kt < n / 16 unroll 2 {
    cp.async.16 smem.byte[threadIdx.x * 16] <- a.byte[g + i64(threadIdx.x * 16)] if threadIdx.x < 128
    cp.async.commit
    cp.async.wait 0
    bar.sync
    ldmatrix.x4 fa.w[0+:4] <- smem.byte[lane * 16]
    ldmatrix.x2.trans fb.w[0+:2] <- smem.byte[2048 + lane % 16 * 16]
    mma.m16n8k16.f32.f16 acc.w[0+:4] = fa.w[0+:4] * fb.w[0+:2] + acc.w[0+:4]
    bar.sync
  }
  let s: f32 = bitcast.f32(acc[0+:32])
  for o < 5 unroll full {
    let x: u32 = bitcast.u32(s)
    let r: u32 = shfl.bfly(x, 1 << o)
    s = s + bitcast.f32(r)
  }
  array out[1]
  out[0+:32] = bitcast.u32(s * scale)
  store.global c.bit[i64(blockIdx.x) * 32l] <- out[0+:32] align 32 if lane == 0
  store.shared smem.bit[threadIdx.x * 16] <- out[0+:16] align 16
  load.shared out[16+:16] <- smem.bit[64] align 16
  let cnt: i32 = 0
  while (cnt < n) {
    cnt = cnt + 1
    if (flag && cnt >= 3) {
      break
    }
  }
  if (w8 != 0) {
    let h: u32 = f16x2.fma(out[0+:32], 0x3c003c00u, lop3(1u, 2u, out[0+:32], 0x96))
  } else {
    let h: u32 = prmt(0x1234567u, 0x89abcdefu, 0x3210u)
  }
  let q: u32 = encode.f8e4m3.cast(decode.f16(cast.f32.f16(acc[32+:32])))
  let m: f32 = flag ? sqrt(scale) : -scale
  printf("lane %d: %f\\n", lane, s) if threadIdx.x == 0
  atomic.wait.acquire c.byte[0l] == 1 if threadIdx.x == 0
  atomic.store.release c.byte[4l] = 2u if threadIdx.x == 0
}
""";

    @Test
    void kitchenSinkPrintsExactly() {
        assertEquals(KITCHEN_SINK, TirText.render(Samples.kitchenSink()));
    }

    @Test
    void headIsTheFirstLine() {
        TStmt loop = loop(i("j"), n, new BarSync());
        assertEquals("for j < n {", TirText.head(loop));
        assertEquals("for j < n {\n  bar.sync\n}", TirText.render(loop));
        assertEquals("{", TirText.head(TStmt.seq(new BarSync())));
    }

    @Test
    void precedenceAndParentheses() {
        TExpr a = i("a"), b = i("b"), c = i("c");
        assertEquals("a + b * c", TirText.render(bin(ADD, a, bin(MUL, b, c))));
        assertEquals("(a + b) * c", TirText.render(bin(MUL, bin(ADD, a, b), c)));
        assertEquals("a - (b - c)", TirText.render(bin(SUB, a, bin(SUB, b, c))));
        assertEquals("a - b - c", TirText.render(bin(SUB, bin(SUB, a, b), c)));
        // bitwise operands of another operator are always parenthesized
        assertEquals("(a & b) == 0", TirText.render(bin(EQ, bin(AND, a, b), TExpr.i32(0))));
        assertEquals("(a << 2) + b", TirText.render(bin(ADD, bin(SHL, a, TExpr.i32(2)), b)));
        assertEquals("a & b & c", TirText.render(bin(AND, bin(AND, a, b), c)));
        assertEquals("a - -3", TirText.render(bin(SUB, a, TExpr.i32(-3))));
        assertEquals("-(-a)", TirText.render(new Un(UOp.NEG, new Un(UOp.NEG, a))));
        assertEquals("-(a + b)", TirText.render(new Un(UOp.NEG, bin(ADD, a, b))));
        assertEquals("!(flag && flag)", TirText.render(new Un(UOp.LNOT, bin(LAND, flag, flag))));
        assertEquals("(flag ? a : b) + 1", TirText.render(bin(ADD, new Select(flag, a, b), TExpr.i32(1))));
        assertEquals("flag ? a : flag ? b : c", TirText.render(new Select(flag, a, new Select(flag, b, c))));
        assertEquals("flag ? (flag ? a : b) : c", TirText.render(new Select(flag, new Select(flag, a, b), c)));
        assertEquals("min(a + b, c)", TirText.render(bin(MIN, bin(ADD, a, b), c)));
    }

    @Test
    void constantsAndCalls() {
        assertEquals("-7", TirText.render(TExpr.i32(-7)));
        assertEquals("0xffffffffu", TirText.render(TExpr.u32(-1)));
        assertEquals("0xffffu", TirText.render(TExpr.u32(0xFFFF)));
        assertEquals("255u", TirText.render(TExpr.u32(255)));
        assertEquals("-5l", TirText.render(TExpr.i64(-5)));
        assertEquals("0xfffffffffffffffful", TirText.render(new Const(-1, ScalarType.U64)));
        assertEquals("true", TirText.render(TExpr.pred(true)));
        assertEquals("1.5f", TirText.render(TExpr.f32(1.5f)));
        assertEquals("f32bits(0x7fc00000)", TirText.render(TExpr.f32(Float.NaN)));
        assertEquals("-0.25d", TirText.render(new Const(Double.doubleToRawLongBits(-0.25), ScalarType.F64)));
        assertEquals("f64bits(0xfff0000000000000)",
                TirText.render(new Const(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), ScalarType.F64)));
        assertEquals("blockIdx.z", TirText.render(new BlockIdx(2)));
        assertEquals("u32(abs(a))", TirText.render(new Convert(ScalarType.U32, new Un(UOp.ABS, i("a")))));
        assertEquals("bf16x2.mul(x, y)", TirText.render(new Half2(H2Op.MUL, true, u("x"), u("y"), null)));
        assertEquals("cast.f16.f4e2m1(x)", TirText.render(new CastCode(DTypes.F16, DTypes.F4E2M1, u("x"))));
        assertEquals("encode.i8(a)", TirText.render(new Encode(DTypes.I8, i("a"), null)));
    }

    @Test
    void statementsWithOptionalParts() {
        assertEquals("cp.async.8 smem.byte[0] <- a.byte[8l] src_bytes 4",
                TirText.render(new CpAsync(TExpr.i32(0), "a", TExpr.i64(8), 8, TExpr.i32(4), TRUE)));
        assertEquals("load.global r[0+:8] <- a.bit[0l] align 8 if flag",
                TirText.render(ldGlobal("r", 0, 8, "a", TExpr.i64(0), 8, flag)));
        assertEquals("if (flag) {\n  break\n} else {\n  // no\n}",
                TirText.render(new If(flag, new Break(), new Comment("no"))));
        assertEquals("for j: u32 < 4u unroll 3 {\n  {\n    bar.sync\n  }\n}",
                TirText.render(new For(u("j"), TExpr.u32(4), 3, TStmt.seq(TStmt.seq(new BarSync())))));
        assertEquals("printf(\"a\\\"b\\n\")", TirText.render(new Printf("a\"b\n", List.of(), TRUE)));
        assertEquals("// two\\nlines", TirText.render(new Comment("two\nlines")));
    }

    @Test
    void malformedPartsPrintAsNull() {
        assertEquals("let <null> = a + <null>", TirText.render(new Let(null, bin(ADD, i("a"), null))));
        assertEquals("load.<null> <null>[0+:8] <- <null>.bit[<null>] align 8 if <null>",
                TirText.render(new Load(null, null, 0, 8, null, null, 8, null)));
        assertEquals("mma.<null>.<null>.<null> d.w[0+:1] = a.w[0+:1] * b.w[0+:1] + c.w[0+:1]",
                TirText.render(new Mma(null, null, null, "d", 0, "a", 0, "b", 0, "c", 0)));
        assertTrue(TirText.render(prog(new Let(null, null), new While(TRUE, null)))
                .endsWith("  let <null> = <null>\n  while (true) {\n    <null>\n  }\n}\n"));
    }

    /** Printing keeps the tree: the infix text of random expressions parses back to the same expression. */
    @Test
    void infixTextParsesBackToTheSameTree() {
        Random rnd = new Random(7);
        RandomExprs gen = new RandomExprs(rnd, true);
        for (int round = 0; round < 3000; round++) {
            ScalarType t = List.of(ScalarType.I32, ScalarType.U32, ScalarType.PRED).get(rnd.nextInt(3));
            TExpr e = gen.expr(t, 5);
            String text = TirText.render(e);
            assertEquals(e, InfixParser.parse(text), text);
        }
    }
}
