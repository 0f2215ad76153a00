package org.tilevm.codegen.ptx.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilevm.codegen.ptx.sim.SimBackend;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.ReduceOp;

/** reduce: butterfly shuffles where the order cannot matter, the exact shared-memory fold otherwise. */
class ReduceLoweringTest {

    /** Rows of a [16, 32] tile (one warp: 8 lanes down, 4 lanes across, 2x8 elements each) reduced along dim 1. */
    static Program rowReduce(DType t, ReduceOp op, boolean keep) {
        return rowReduce(t, op, keep, 1);
    }

    /** With 4 warps the columns are also spread over warps: [16, 128], warps side by side along dim 1. */
    static Program rowReduce(DType t, ReduceOp op, boolean keep, int warps) {
        int cols = 32 * warps;
        return Kernel.build("row_reduce", k -> {
            Pointer px = k.pointer("x", t), py = k.pointer("y", t);
            k.warps(warps);
            k.grid(1);
            Scalar s16 = Scalar.i32(16), s32 = Scalar.i32(cols), s1 = Scalar.i32(1);
            GlobalTensor gx = k.globalView(px, s16, s32);
            GlobalTensor gy = keep ? k.globalView(py, s16, s1) : k.globalView(py, s16);
            RegisterLayout l = Layouts.spatial(1, warps).local(2, 1).spatial(8, 4).local(1, 8);
            var x = k.loadGlobal(gx, l, 0, 0);
            var y = k.reduce(x, 1, op, keep);
            if (keep) k.storeGlobal(y, gy, 0, 0);
            else k.storeGlobal(y, gy, 0);
        });
    }

    @ParameterizedTest(name = "{0} {1} keepDim={2} shuffles={3} warps={4}")
    @CsvSource({"f32, MAX, true, true, 1", "f16, MIN, false, true, 1", "i8, SUM, true, true, 1", "u5, MAX, false, true, 1",
                "f32, SUM, true, false, 1", "bf16, SUM, false, false, 1",
                "f32, MAX, true, true, 4", "i32, SUM, false, true, 4", "u7, MIN, true, true, 4", "f32, SUM, false, false, 4"})
    void simulatedEqualsInterpreted(String type, String opName, boolean keep, boolean shuffles, int warps) {
        DType t = DType.parse(type);
        ReduceOp op = ReduceOp.valueOf(opName);
        Program p = rowReduce(t, op, keep, warps);
        ThreadProgram tp = Lowering.lower(p);
        long shfl = LoweringTest.all(tp, TStmt.Shfl.class).size();
        assertEquals(shuffles, shfl > 0, "shuffle path chosen: " + shfl + " shuffles");
        if (shuffles) assertEquals(2 * 2, shfl, "two row groups x log2(4 lanes) butterfly steps");
        if (shuffles && warps > 1) {
            assertEquals(2, LoweringTest.all(tp, TStmt.BarSync.class).size(),
                    "one barrier after publishing the warp partials, one after reading them");
        }
        Random rnd = new Random(17L * type.hashCode() + opName.hashCode());
        try (Arena arena = Arena.ofConfined()) {
            int n = 16 * 32 * warps;
            int bytes = (n * t.bits() + 7) / 8;
            MemorySegment x = arena.allocate(bytes, 16);
            for (int i = 0; i < bytes; i++) x.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt(256));
            if (t.isFloat()) { // finite values only: keep the sum meaningful
                for (int e = 0; e < n; e++) {
                    long code = t.encode(rnd.nextGaussian() * 4);
                    put(x, e, t.bits(), code);
                }
            }
            MemorySegment yi = arena.allocate(64, 16), ys = arena.allocate(64, 16);
            Backends.named("interp").launch(p, Map.of("x", x, "y", yi));
            new SimBackend().launch(p, Map.of("x", x, "y", ys));
            assertEquals(-1, yi.mismatch(ys), "sim and interp differ");
            assertTrue(yi.asByteBuffer().getLong(0) != 0 || yi.asByteBuffer().getLong(8) != 0, "degenerate result");
        }
    }

    /** Writes a code at element {@code e} of an LSB-first packed stream. */
    static void put(MemorySegment s, int e, int bits, long code) {
        for (int b = 0; b < bits; b++) {
            long bit = (long) e * bits + b;
            byte old = s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, bit / 8);
            int mask = 1 << (bit % 8);
            int v = ((code >> b) & 1) != 0 ? (old | mask) : (old & ~mask);
            s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, bit / 8, (byte) v);
        }
    }
}
