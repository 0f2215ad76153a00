package org.tilevm.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.I32;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.frontend.dsl.SharedTensor;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

/**
 * Global memory (ragged, negative offsets, column-major strides, rank 3, sub-byte neighbours that
 * must keep their bits), shared memory (swizzled and padded layouts, run-time windows) and
 * copy_async groups, for every dtype; and the memory errors, which must read as the interpreter's.
 */
class MemoryTest {
    static final int M = 21, N = 13;

    static Stream<DType> dtypes() { return DTypes.all().stream(); }

    static Program globalProgram(DType t) {
        return Kernel.build("global_" + t.name(), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), d1 = k.param("d", I32);
            Pointer x = k.pointer("x", t), y1 = k.pointer("y1", t), y2 = k.pointer("y2", t), y3 = k.pointer("y3", t);
            k.warps(1);
            k.grid(m.ceilDiv(16).plus(1), n.ceilDiv(8));
            // tiles start 3 rows and 2 columns before their block's corner: some lie partly before the matrix
            Scalar r0 = k.blockIdx(0).times(16).minus(3), c0 = k.blockIdx(1).times(8).minus(2);
            RegisterLayout tile = Layouts.spatial(8, 4).local(2, 2);
            GlobalTensor gx = k.globalView(x, m, n);
            RegisterTensor a = k.loadGlobal(gx, tile, r0, c0);
            k.storeGlobal(a, k.globalView(y1, m, n), r0.plus(1), c0);
            // column-major view of the same memory: element (i, j) at i + j*m
            GlobalTensor cm = k.globalView(y2, List.of(m, n), List.of(Scalar.i32(1), m));
            RegisterTensor b = k.loadGlobal(k.globalView(x, List.of(m, n), List.of(Scalar.i32(1), m)), tile, r0, c0);
            k.storeGlobal(b.plus(a).minus(a), cm, r0, c0);
            // rank 3: [m, d, 3] over the same buffers
            RegisterLayout cube = Layouts.spatial(4, 4, 2).local(2, 2, 1);
            GlobalTensor g3x = k.globalView(x, m, d1, Scalar.i32(3)), g3y = k.globalView(y3, m, d1, Scalar.i32(3));
            RegisterTensor c = k.loadGlobal(g3x, cube, r0, k.blockIdx(1).times(8), Scalar.i32(1));
            k.storeGlobal(c, g3y, r0, k.blockIdx(1).times(8), Scalar.i32(1));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void globalTransfersMatchTheInterpreter(DType t) {
        Program p = globalProgram(t);
        Random rnd = new Random(7000 + t.hashCode());
        int size = M * N + 3 * M;
        Differential.checkOk(p, args("m", M, "n", N, "d", 5), Map.of("x", Differential.random(rnd, t, size),
                "y1", Differential.random(rnd, t, size), "y2", Differential.random(rnd, t, size),
                "y3", Differential.random(rnd, t, size)));
    }

    /** Shared round trips through a swizzled and a padded layout, run-time windows and two copy_async groups. */
    static Program sharedProgram(DType t) {
        return Kernel.build("shared_" + t.name(), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer x = k.pointer("x", t), y = k.pointer("y", t), z = k.pointer("z", t);
            k.warps(1);
            k.grid(m.ceilDiv(32), n.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(32), c0 = k.blockIdx(1).times(8);
            GlobalTensor gx = k.globalView(x, m, n), gy = k.globalView(y, m, n), gz = k.globalView(z, m, n);
            RegisterLayout tile = Layouts.spatial(8, 4).local(2, 2);
            int bytes = Math.max(1, t.bits() / 8);
            SharedLayout swz = t.bits() % 8 == 0 && t.bits() >= 16 ? SharedLayout.swizzledRowMajor(32, 8, bytes)
                    : SharedLayout.rowMajor(32, 8);
            SharedTensor s1 = k.sharedTensor("s1", t, swz);
            SharedTensor s2 = k.sharedTensor("s2", t, SharedLayout.of(new int[] {32, 8}, new int[] {32, 8}, new int[] {9, 1}));
            k.copyAsync(s1, gx, r0, c0);
            k.copyAsyncCommitGroup();
            k.copyAsync(s2, gx, r0.plus(5), c0);
            k.copyAsyncCommitGroup();
            k.copyAsyncWaitGroup(1);
            k.forRange("h", 2, h -> {
                RegisterTensor a = k.loadShared(s1, tile, h.times(16), Scalar.i32(0));
                k.storeGlobal(a, gy, r0.plus(h.times(16)), c0);
            });
            k.copyAsyncWaitAll();
            k.sync();
            RegisterTensor b = k.loadShared(s2, Layouts.local(2, 1).spatial(8, 4).local(1, 2), 16, 0);
            k.storeShared(b, s1, Scalar.i32(16), Scalar.i32(0));
            k.sync();
            RegisterTensor c = k.loadShared(s1, Layouts.columnSpatial(4, 8).local(8, 1), 0, 0);
            k.storeGlobal(c, gz, r0, c0);
            k.freeShared(s2);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void sharedMemoryAndCopiesMatchTheInterpreter(DType t) {
        Program p = sharedProgram(t);
        Random rnd = new Random(7100 + t.hashCode());
        int m = 45, n = 13;
        Differential.checkOk(p, args("m", m, "n", n), Map.of("x", Differential.random(rnd, t, m * n),
                "y", Differential.random(rnd, t, m * n), "z", Differential.random(rnd, t, m * n)));
    }

    // ------------------------------------------------------------------ errors

    /** A view whose declared shape exceeds its segment: the first element outside fails, with its offset. */
    @Test
    void elementOutsideTheSegmentFailsLikeTheInterpreter() {
        Program p = Kernel.build("seg", k -> {
            ScalarParam m = k.param("m", I32);
            Pointer x = k.pointer("x", DTypes.U4), y = k.pointer("y", DTypes.U4);
            k.warps(1);
            k.grid(1);
            RegisterTensor a = k.loadGlobal(k.globalView(y, m, Scalar.i32(8)), Layouts.spatial(8, 4).local(2, 2), 0, 0);
            k.storeGlobal(a, k.globalView(x, m, Scalar.i32(8)), 0, 0);
        });
        Random rnd = new Random(71);
        // y holds all 16 rows; x only 10 of them: the store writes rows 0..9 and fails at element [10, 0]
        Differential.Outcome o = Differential.check(p, args("m", 16), Map.of("x", Differential.random(rnd, DTypes.U4, 80),
                "y", Differential.random(rnd, DTypes.U4, 128)));
        assertNotNull(o.error());
        assertTrue(o.error().contains("element [10, 0] of global tensor g_x is at element offset 80, outside the 40-byte "
                + "segment of pointer parameter x (80 elements of u4)"), o.error());
    }

    /** The shared-memory errors: window outside the tensor, read before the copy completed, free while pending. */
    @Test
    void sharedMemoryErrorsReadAsTheInterpreters() {
        for (int mode = 0; mode < 4; mode++) {
            int which = mode;
            Program p = Kernel.build("sherr" + which, k -> {
                ScalarParam o = k.param("o", I32);
                Pointer x = k.pointer("x", DTypes.F16), y = k.pointer("y", DTypes.F16);
                k.warps(1);
                k.grid(1);
                GlobalTensor gx = k.globalView(x, Scalar.i32(16), Scalar.i32(8)), gy = k.globalView(y, Scalar.i32(16), Scalar.i32(8));
                SharedTensor s = k.sharedTensor("s", DTypes.F16, SharedLayout.rowMajor(16, 8));
                RegisterLayout tile = Layouts.spatial(8, 4).local(1, 2);
                k.copyAsync(s, gx, 0, 0);
                k.copyAsyncCommitGroup();
                switch (which) {
                    case 0 -> k.copyAsyncWaitAll();
                    case 1 -> { }
                    case 2 -> k.freeShared(s);
                    default -> k.storeShared(k.loadGlobal(gx, tile, 0, 0), s, 0, 0);
                }
                if (which != 2) k.storeGlobal(k.loadShared(s, tile, o, Scalar.i32(0)), gy, 0, 0);
            });
            Random rnd = new Random(72 + mode);
            Differential.Outcome out = Differential.check(p, args("o", which == 0 ? 9 : 0), Map.of("x", Differential.random(rnd, DTypes.F16, 128),
                    "y", Differential.random(rnd, DTypes.F16, 128)));
            assertNotNull(out.error(), "mode " + mode);
            String expected = switch (which) {
                case 0 -> "load_shared reads indices [9, 0] to [17, 8] (exclusive) of shared tensor s of shape [16, 8]: "
                        + "dimension 0 is outside the tensor";
                case 1 -> "read of shared tensor s before copy_async completed";
                case 2 -> "free_shared of shared tensor s while a copy_async into it has not completed";
                default -> "write to shared tensor s before copy_async into it completed";
            };
            assertTrue(out.error().contains(expected), out.error());
        }
    }

    /** An error's message names the statement path and the loop values (SPEC S8). */
    @Test
    void errorsNameThePathAndTheLoopValues() {
        Program p = Kernel.build("k", k -> {
            ScalarParam n = k.param("n", I32);
            Pointer a = k.pointer("a", DTypes.U8);
            k.warps(1);
            k.grid(2);
            GlobalTensor ga = k.globalView(a, Scalar.i32(100), Scalar.i32(8));
            k.forRange("kb", 4, kb -> {
                Scalar i = k.let("i", kb.times(4));
                k.loadGlobal(ga, Layouts.spatial(8, 4).local(1, 2), i, k.blockIdx(0));
            });
            k.whileLoop(n.gt(0), () -> k.let("q", Scalar.i32(7).div(n.minus(n))));
        });
        Differential.Outcome o = Differential.check(p, args("n", 1), Map.of("a", Differential.random(new Random(9), DTypes.U8, 80)));
        assertEquals("k: body[1].for kb.body[1] load_global: element [10, 0] of global tensor g_a is at element offset 80, "
                + "outside the 80-byte segment of pointer parameter a (80 elements of u8) (block (0, 0, 0), kb = 1)", o.error());
        Differential.Outcome w = Differential.check(p, args("n", 1), Map.of("a", Differential.random(new Random(9), DTypes.U8, 800)));
        assertEquals("k: body[2].while.body[0] let q: integer division by zero (i32 7 / 0) (block (0, 0, 0), iteration 0)", w.error());
    }
}
