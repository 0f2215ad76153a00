package org.tilevm.frontend.dsl;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.interp.Interpreter;
import org.tilevm.spec.ir.CopyAsync;
import org.tilevm.spec.ir.CopyAsyncWaitAll;
import org.tilevm.spec.ir.Dot;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.LoadShared;
import org.tilevm.spec.ir.SyncThreads;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;

/** The DSL's worked matmul runs on the reference interpreter and matches a plain Java matmul. */
class MatmulEndToEndTest {
    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    @Test
    void programStructure() {
        Program p = MatmulExample.program();
        List<Stmt> top = IrWalk.top(p);
        Stmt.For loop = (Stmt.For) top.stream().filter(s -> s instanceof Stmt.For).findFirst().orElseThrow();
        List<Instruction> body = IrWalk.instructions(loop.body());
        long dots = body.stream().filter(i -> i instanceof Dot).count();
        assertEquals(MatmulExample.BK / MatmulExample.SUB, dots, "the Java loop unrolls into one dot per sub-step");
        assertTrue(body.stream().filter(i -> i instanceof Dot).allMatch(i -> ((Dot) i).out().name().equals("acc")));
        // the names DSL.md shows for this program
        assertEquals(List.of("m", "n", "k", "a", "b", "c", "g_a", "g_b", "g_c", "s", "s_1", "acc",
                "kb", "lds", "lds_1", "acc", "lds_2", "lds_3", "acc"), IrWalk.definedNames(p));
        assertEquals(List.of(CopyAsync.class, CopyAsync.class, CopyAsyncWaitAll.class, SyncThreads.class,
                LoadShared.class, LoadShared.class, Dot.class, LoadShared.class, LoadShared.class, Dot.class,
                SyncThreads.class), body.stream().map(Object::getClass).toList());
        List<Instruction> offsetsCheck = body.stream().filter(i -> i instanceof LoadShared).toList();
        assertEquals(List.of(Expr.i32(0), Expr.i32(8)), ((LoadShared) offsetsCheck.get(2)).offsets());
        assertEquals(List.of(Expr.i32(8), Expr.i32(0)), ((LoadShared) offsetsCheck.get(3)).offsets());
    }

    @Test
    void raggedShapesMatchJava() {
        Program p = MatmulExample.program();
        Random rnd = new Random(20260523);
        int[][] shapes = {{45, 70, 37}, {1, 33, 9}, {32, 32, 16}, {67, 5, 50}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            float[] expected = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float acc = 0f;
                    for (int x = 0; x < k; x++) acc += a[i * k + x] * b[x * n + j]; // f32, ascending k, like dot
                    expected[i * n + j] = acc;
                }
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment sa = segment(arena, a), sb = segment(arena, b);
                float[] sentinel = new float[m * n];
                java.util.Arrays.fill(sentinel, Float.NaN);
                MemorySegment sc = segment(arena, sentinel);
                new Interpreter().launch(p, Map.of("m", m, "n", n, "k", k, "a", sa, "b", sb, "c", sc));
                for (int e = 0; e < m * n; e++) {
                    float got = sc.getAtIndex(F32_LE, e);
                    // same operations in the same order: bit-exact
                    assertEquals(Float.floatToIntBits(expected[e]), Float.floatToIntBits(got),
                            "C[" + e / n + "," + e % n + "] for M,N,K = " + m + "," + n + "," + k
                                    + ": expected " + expected[e] + " got " + got);
                }
            }
        }
    }

    private static float[] random(Random rnd, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) v[i] = (float) (rnd.nextGaussian());
        return v;
    }

    private static MemorySegment segment(Arena arena, float[] values) {
        MemorySegment s = arena.allocate(4L * values.length);
        for (int i = 0; i < values.length; i++) s.setAtIndex(F32_LE, i, values[i]);
        return s;
    }
}
