package org.tilevm.codegen.ptx.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilevm.codegen.ptx.sim.SimBackend;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirText;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.SharedTensor;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

/** ldmatrix, mma.sync and the lop3/prmt casts on small programs, each run on the simulator against the interpreter. */
class TensorCoreLoweringTest {

    static Scalar c(int v) { return Scalar.i32(v); }

    /** C[16, 16] = A[16, 32] x B[32, 16] in one warp: A and B staged in shared memory, loaded in mma fragments. */
    static Program mmaProgram(DType ab, boolean swizzle) {
        return Kernel.build("mma_tile", k -> {
            Pointer pa = k.pointer("a", ab), pb = k.pointer("b", ab), pc = k.pointer("c", DTypes.F32);
            k.warps(1);
            k.grid(1);
            GlobalTensor ga = k.globalView(pa, c(16), c(32)), gb = k.globalView(pb, c(32), c(16)), gc = k.globalView(pc, c(16), c(16));
            SharedTensor sa = k.sharedTensor("sa", ab, swizzle ? SharedLayout.swizzledRowMajor(16, 32, 2) : SharedLayout.rowMajor(16, 32));
            SharedTensor sb = k.sharedTensor("sb", ab, SharedLayout.rowMajor(32, 16));
            k.copyAsync(sa, ga, c(0), c(0));
            k.copyAsync(sb, gb, c(0), c(0));
            k.copyAsyncWaitAll();
            k.sync();
            RegisterLayout aL = Layouts.local(1, 2).columnLocal(2, 2).spatial(8, 4).local(1, 2);
            RegisterLayout bL = Layouts.local(2, 2).local(2, 1).columnSpatial(4, 8).local(2, 1);
            RegisterLayout cL = Layouts.local(1, 2).local(2, 1).spatial(8, 4).local(1, 2);
            RegisterTensor a = k.loadShared(sa, aL, 0, 0), b = k.loadShared(sb, bL, 0, 0);
            RegisterTensor acc = k.registerTensor("acc", DTypes.F32, cL, 0.5);
            k.dot(a, b, acc, acc);
            k.storeGlobal(acc, gc, 0, 0);
        });
    }

    @ParameterizedTest(name = "{0} swizzled={1}")
    @CsvSource({"f16, false", "f16, true", "bf16, false"})
    void mmaFromLdmatrixFragments(String type, boolean swizzle) {
        DType ab = DType.parse(type);
        Program p = mmaProgram(ab, swizzle);
        ThreadProgram tp = Lowering.lower(p);
        String text = TirText.render(tp);
        assertEquals(4, LoweringTest.all(tp, TStmt.Mma.class).size(), "2 n-fragments x 2 k-steps:\n" + text);
        var ldm = LoweringTest.all(tp, TStmt.Ldmatrix.class);
        assertTrue(ldm.stream().anyMatch(l -> !l.trans()) && ldm.stream().anyMatch(TStmt.Ldmatrix::trans), text);
        assertEquals(4, LoweringTest.all(tp, TStmt.CpAsync.class).size(), "1 KB per tile = 64 chunks of 16 bytes: two per lane and tile");
        Random rnd = new Random(ab.bits() + (swizzle ? 7 : 0));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = random(arena, ab, 16 * 32, rnd), b = random(arena, ab, 32 * 16, rnd);
            MemorySegment ci = arena.allocate(16 * 16 * 4, 16), cs = arena.allocate(16 * 16 * 4, 16);
            Backends.named("interp").launch(p, Map.of("a", a, "b", b, "c", ci));
            new SimBackend().launch(p, Map.of("a", a, "b", b, "c", cs));
            assertEquals(-1, ci.mismatch(cs), "sim (mma in the interpreter's order) equals interp");
        }
    }

    static MemorySegment random(Arena arena, DType t, int n, Random rnd) {
        MemorySegment s = arena.allocate((long) (n * t.bits() + 7) / 8 + 16, 16);
        for (int e = 0; e < n; e++) ReduceLoweringTest.put(s, e, t.bits(), t.isFloat() ? t.encode(rnd.nextGaussian()) : rnd.nextLong());
        return s;
    }

    /** codes[8, 32] of `from` (4 per thread... a run of 8 per thread) viewed from bytes and cast to `to`. */
    static Program castProgram(DType from, DType to) {
        return Kernel.build("cast_codes", k -> {
            Pointer pw = k.pointer("w", DTypes.U8), po = k.pointer("o", to);
            k.warps(1);
            k.grid(1);
            GlobalTensor gw = k.globalView(pw, c(8), c(4 * from.bits())), go = k.globalView(po, c(8), c(32));
            RegisterLayout bytes = Layouts.spatial(8, 4).local(1, from.bits());
            RegisterLayout codes = Layouts.spatial(8, 4).local(1, 8);
            RegisterTensor raw = k.loadGlobal(gw, bytes, 0, 0);
            RegisterTensor v = k.view(raw, from, codes);
            k.storeGlobal(k.cast(v, to), go, 0, 0);
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"u4, f16", "i4, f16", "u4, bf16", "i4, bf16", "u8, f16", "i8, f16", "u8, bf16", "i8, bf16",
                "u4, f32", "i4, f32", "u8, f32", "i8, f32"})
    void bitTrickCastsEqualTheSpecsConversion(String fromName, String toName) {
        DType from = DType.parse(fromName), to = DType.parse(toName);
        Program p = castProgram(from, to);
        ThreadProgram tp = Lowering.lower(p);
        String text = TirText.render(tp);
        assertTrue(text.contains("prmt(") || text.contains("lop3("), "bit tricks used:\n" + text);
        assertTrue(!text.contains("cast." + from.name()), "no per-element conversion:\n" + text);
        Random rnd = new Random(from.bits() * 31L + to.bits());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = arena.allocate(8 * 4L * from.bits(), 16);
            for (long i = 0; i < w.byteSize(); i++) w.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt(256));
            long outBytes = 8 * 32L * to.bits() / 8;
            MemorySegment oi = arena.allocate(outBytes, 16), os = arena.allocate(outBytes, 16);
            Map<String, Object> args = new HashMap<>(Map.of("w", w, "o", oi));
            Backends.named("interp").launch(p, args);
            args.put("o", os);
            new SimBackend().launch(p, args);
            assertEquals(-1, oi.mismatch(os), "bit trick differs from the spec's conversion");
        }
    }

    @Test
    void castsOfOtherWidthsConvertPerElement() {
        ThreadProgram tp = Lowering.lower(castProgram(DTypes.U3, DTypes.F16));
        assertTrue(TirText.render(tp).contains("cast.u3.f16"));
        assertTrue(LoweringTest.flatten(tp.body()).stream().noneMatch(s -> s.toString().contains(TExpr.Prmt.class.getSimpleName())));
    }

    /** C[16, 8] (i32) = A[16, 64] x B[64, 8] of int8 in one warp: two m16n8k32 steps, fragments loaded from global. */
    static Program int8Program(DType ab) {
        return Kernel.build("mma_i8", k -> {
            Pointer pa = k.pointer("a", ab), pb = k.pointer("b", ab), pc = k.pointer("c", DTypes.I32);
            k.warps(1);
            k.grid(1);
            GlobalTensor ga = k.globalView(pa, c(16), c(64)), gb = k.globalView(pb, c(64), c(8)), gc = k.globalView(pc, c(16), c(8));
            RegisterLayout aL = Layouts.local(1, 2).columnLocal(2, 2).spatial(8, 4).local(1, 4);
            RegisterLayout bL = Layouts.local(2, 1).local(2, 1).columnSpatial(4, 8).local(4, 1);
            RegisterLayout cL = Layouts.local(2, 1).spatial(8, 4).local(1, 2);
            RegisterTensor a = k.loadGlobal(ga, aL, 0, 0), b = k.loadGlobal(gb, bL, 0, 0);
            RegisterTensor acc = k.registerTensor("acc", DTypes.I32, cL, 7L);
            k.dot(a, b, acc, acc);
            k.storeGlobal(acc, gc, 0, 0);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"i8", "u8"})
    void int8MmaWrapsExactly(String type) {
        DType ab = DType.parse(type);
        Program p = int8Program(ab);
        ThreadProgram tp = Lowering.lower(p);
        var mmas = LoweringTest.all(tp, TStmt.Mma.class);
        assertEquals(2, mmas.size(), TirText.render(tp));
        assertEquals(TStmt.MmaShape.M16N8K32, mmas.get(0).shape());
        Random rnd = new Random(ab.isSigned() ? 3 : 4);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = random(arena, ab, 16 * 64, rnd), b = random(arena, ab, 64 * 8, rnd);
            MemorySegment ci = arena.allocate(16 * 8 * 4, 16), cs = arena.allocate(16 * 8 * 4, 16);
            Backends.named("interp").launch(p, Map.of("a", a, "b", b, "c", ci));
            new SimBackend().launch(p, Map.of("a", a, "b", b, "c", cs));
            assertEquals(-1, ci.mismatch(cs), "integer mma is exact");
        }
    }
}
