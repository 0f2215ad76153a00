package org.tilevm.frontend.dsl;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.dtype.DTypes.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.interp.Interpreter;
import org.tilevm.spec.ir.Program;

/** Programs built with the DSL mean what the Java that built them says, on the reference interpreter. */
class InterpretedProgramsTest {
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Scalar control flow (while with break, if/else, for with break, let/assign) and build-time unrolling. */
    @Test
    void scalarControlFlow() {
        RegisterLayout lane = Layouts.spatial(32);
        Program p = Kernel.build("flow", k -> {
            ScalarParam n = k.param("n", I32);
            Pointer out = k.pointer("out", I32);
            k.warps(1);
            k.grid(4);
            GlobalTensor g = k.globalView(out, Scalar.i32(4 * 32));
            Variable s = k.let("s", Scalar.i32(0));
            Variable i = k.let("i", Scalar.i32(0));
            k.whileLoop(Scalar.bool(true), () -> {
                k.ifThen(i.ge(n), k::breakLoop);
                k.ifElse(i.mod(2).eq(0), () -> k.assign(s, s.plus(i)), () -> k.assign(s, s.minus(1)));
                k.assign(i, i.plus(1));
            });
            Variable firstSquare = k.let("first", Scalar.i32(-1));
            k.forRange("j", 100, j -> k.ifThen(j.times(j).gt(n), () -> {
                k.assign(firstSquare, j);
                k.breakLoop();
            }));
            RegisterTensor t = k.registerTensor(I32, lane, s.plus(firstSquare).plus(k.blockIdx(0)));
            for (int rep = 0; rep < 3; rep++) t = t.times(2); // staged three times
            k.storeGlobal(t, g, k.blockIdx(0).times(32));
        });
        for (int n : new int[] {0, 1, 7, 50}) {
            int s = 0;
            for (int i = 0; i < n; i++) s = i % 2 == 0 ? s + i : s - 1;
            int first = -1;
            for (int j = 0; j < 100; j++) if (j * j > n) { first = j; break; }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(4L * 128);
                new Interpreter().launch(p, Map.of("n", n, "out", out));
                for (int e = 0; e < 128; e++) {
                    assertEquals((s + first + e / 32) * 8, out.getAtIndex(I32_LE, e), "n = " + n + ", element " + e);
                }
            }
        }
    }

    /** where, reduce with keepDim and broadcasting back over the row, with ragged global bounds. */
    @Test
    void rowwiseTensorOps() {
        RegisterLayout tile = Layouts.spatial(8, 4).local(2, 2); // [16, 8]
        Program p = Kernel.build("rows", k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer x = k.pointer("x", I32), y = k.pointer("y", I32);
            k.warps(1);
            k.grid(m.ceilDiv(16));
            GlobalTensor gx = k.globalView(x, m, n), gy = k.globalView(y, m, n);
            Scalar row = k.blockIdx(0).times(16);
            RegisterTensor v = k.loadGlobal(gx, tile, row, Scalar.i32(0));
            RegisterTensor abs = k.where(v.gt(Scalar.i32(0)), v, v.neg());
            RegisterTensor rowSum = abs.reduceSum(1, true);        // [16, 1]
            RegisterTensor centered = abs.times(8).minus(rowSum);   // broadcast [16,8] - [16,1]
            k.storeGlobal(centered, gy, row, Scalar.i32(0));
        });
        Random rnd = new Random(11);
        int m = 37, n = 6; // ragged: last block and the last two columns of every row are out of range
        int[] xs = new int[m * n];
        for (int i = 0; i < xs.length; i++) xs[i] = rnd.nextInt(2001) - 1000;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sx = arena.allocate(4L * xs.length), sy = arena.allocate(4L * xs.length);
            for (int i = 0; i < xs.length; i++) sx.setAtIndex(I32_LE, i, xs[i]);
            new Interpreter().launch(p, Map.of("m", m, "n", n, "x", sx, "y", sy));
            for (int r = 0; r < m; r++) {
                int sum = 0;
                for (int c = 0; c < n; c++) sum += Math.abs(xs[r * n + c]); // out-of-range columns load as 0
                for (int c = 0; c < n; c++) {
                    assertEquals(Math.abs(xs[r * n + c]) * 8 - sum, sy.getAtIndex(I32_LE, r * n + c), "y[" + r + "," + c + "]");
                }
            }
        }
    }
}
