package org.tilevm.spec.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tilevm.spec.print.Ir.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Whole programs printed to hand-checked text. */
class ProgramPrinterGoldenTest {

    @Test
    void scaleProgram() {
        assertEquals("""
                program scale(n: i32, x: ptr<f16>, y: ptr<f32>)
                  grid [(n + 31) / 32]  warps 1
                {
                  gx = global_view x : global<f16>[n] strides [1]
                  gy = global_view y : global<f32>[n] strides [1]
                  t = load_global gx[blockIdx.x * 32] : register<f16>[32] spatial(32)
                  s = binary_scalar t * 0.5_f16 : register<f16>[32] spatial(32)
                  f = cast s : register<f32>[32] spatial(32)
                  store_global f to gy[blockIdx.x * 32]
                }
                """, ProgramPrinter.print(SamplePrograms.scale()));
    }

    @Test
    void matmulProgram() {
        assertEquals("""
                program mm(m: i32, n: i32, k: i32, a: ptr<f16>, b: ptr<f16>, c: ptr<f32>)
                  grid [(m + 15) / 16, (n + 7) / 8]  warps 1
                {
                  ga = global_view a : global<f16>[m, k] strides [k, 1]
                  gb = global_view b : global<f16>[k, n] strides [n, 1]
                  gc = global_view c : global<f32>[m, n] strides [n, 1]
                  acc = allocate_register : register<f32>[16, 8] local(2,1).spatial(8,4).local(1,2)
                  sa = allocate_shared : shared<f16>[16, 16] strides [16, 1]
                  for kb in 0..((k + 15) / 16) unroll 2 {
                    copy_async ga[blockIdx.x * 16, kb * 16] to sa
                    copy_async_commit_group
                    copy_async_wait_group 0
                    sync
                    ta = load_shared sa[0, 0] : register<f16>[16, 16] local(2,1).spatial(8,4).local(1,4)
                    tb = load_global gb[kb * 16, blockIdx.y * 8] : register<f16>[16, 8] spatial(4,8).local(4,1)
                    acc = dot ta, tb, acc : register<f32>[16, 8] local(2,1).spatial(8,4).local(1,2)
                  }
                  free_shared sa
                  let i: i32 = 0
                  while i < 3 {
                    i = i + 1
                    if i == 2 {
                      break
                    }
                  }
                  store_global acc to gc[blockIdx.x * 16, blockIdx.y * 8]
                }
                """, ProgramPrinter.print(SamplePrograms.matmul()));
    }

    @Test
    void nestedScopesElseAndLoopVariants() {
        Param n = Param.scalar("n", DTypes.I64);
        Var j = new Var("j", DTypes.I64);
        Stmt body = seq(
                new Stmt.For(j, n.var(), -1, new Stmt.If(bin(BinaryOp.GT, j, new Expr.IntConst(2, DTypes.I64)),
                        seq(exec(new SyncThreads())),
                        seq(seq(exec(new CopyAsyncWaitAll())), new Stmt.Break()))),
                new Stmt.For(i32("q"), c(4), 0, exec(new SyncThreads())));
        Program p = new Program("nest", List.of(n), List.of(c(1)), 2, body);
        assertEquals("""
                program nest(n: i64)
                  grid [1]  warps 2
                {
                  for j: i64 in 0..n unroll full {
                    if j > 2_i64 {
                      sync
                    } else {
                      {
                        copy_async_wait_all
                      }
                      break
                    }
                  }
                  for q in 0..4 {
                    sync
                  }
                }
                """, ProgramPrinter.print(p));
    }

    @Test
    void statementsPrintAlone() {
        Var i = i32("i");
        assertEquals("let i: i32 = blockIdx.x * 2", ProgramPrinter.print(new Stmt.Let(i, mul(bx(), c(2)))));
        assertEquals("i = i - 1", ProgramPrinter.print(new Stmt.Assign(i, sub(i, c(1)))));
        assertEquals("break", ProgramPrinter.print(new Stmt.Break()));
        Stmt loop = new Stmt.For(i, c(8), 4, seq(exec(new SyncThreads())));
        assertEquals("for i in 0..8 unroll 4 {\n  sync\n}", ProgramPrinter.print(loop));
        assertEquals("for i in 0..8 unroll 4 {", ProgramPrinter.printHead(loop));
        assertEquals("sync", ProgramPrinter.printHead(exec(new SyncThreads())));
    }
}
