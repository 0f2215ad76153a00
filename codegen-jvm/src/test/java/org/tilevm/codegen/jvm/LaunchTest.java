package org.tilevm.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.layout.Layouts;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;

/**
 * The launch: argument errors with the interpreter's messages, the grid, the kernel cache,
 * specialization, memory of every kind of arena, and discovery through the ServiceLoader.
 */
class LaunchTest {
    static Program scale() {
        return Kernel.build("scale", k -> {
            ScalarParam n = k.param("n", DTypes.I32), f = k.param("f", DTypes.F32), u = k.param("u", DTypes.U8);
            Pointer x = k.pointer("x", DTypes.F32), y = k.pointer("y", DTypes.F32);
            k.warps(1);
            k.grid(n.ceilDiv(32));
            Scalar i0 = k.blockIdx(0).times(32);
            RegisterTensor a = k.loadGlobal(k.globalView(x, n), Layouts.spatial(32), i0);
            k.storeGlobal(a.times(f).plus(u.cast(DTypes.F32)), k.globalView(y, n), i0);
        });
    }

    private static String error(Backend b, Program p, Map<String, Object> args) {
        return assertThrows(LaunchException.class, () -> b.launch(p, args)).getMessage();
    }

    @Test
    void argumentErrorsReadAsTheInterpreters() {
        Program p = scale();
        MemorySegment seg = Arena.global().allocate(400);
        List<Consumer<Map<String, Object>>> breakages = List.of(
                a -> a.remove("n"), a -> a.put("zz", 1), a -> a.put("x", 5), a -> a.put("n", 2.5), a -> a.put("u", 300),
                a -> a.put("f", "x"), a -> a.put("y", null), a -> a.put("n", -100));
        for (Consumer<Map<String, Object>> b : breakages) {
            Map<String, Object> args = new HashMap<>(Map.of("n", 100, "f", 2.0, "u", 3, "x", seg, "y", seg));
            b.accept(args);
            assertEquals(error(Differential.INTERP, p, args), error(Differential.JVM, p, args));
        }
    }

    @Test
    void unverifiableProgramsFailWithTheVerifiersMessage() {
        Program bad = new Program("bad", List.of(), List.of(Expr.i32(1)), 1, new Stmt.Seq(List.of(new Stmt.Break())));
        assertEquals(error(Differential.INTERP, bad, Map.of()), error(Differential.JVM, bad, Map.of()));
    }

    @Test
    void theCacheKeysOnTheProgramText() {
        CompiledProgram a = JvmBackend.compiled(scale(), Specialization.none());
        CompiledProgram b = JvmBackend.compiled(scale(), Specialization.none()); // another object, same text
        assertSame(a, b);
        CompiledProgram c = JvmBackend.compiled(scale(), Specialization.of(Map.of("n", 100L)));
        assertNotSame(a, c);
    }

    @Test
    void specializedKernelsComputeTheSameAndCheckTheirArguments() {
        Program p = scale();
        float[] x = new float[100];
        for (int i = 0; i < x.length; i++) x[i] = i * 0.37f - 5;
        float[] plain = run(p, x, Specialization.none(), 100), special = run(p, x, Specialization.of(Map.of("n", 100L)), 100);
        assertArrayEquals(plain, special);
        LaunchException e = assertThrows(LaunchException.class, () -> run(p, x, Specialization.of(Map.of("n", 100L)), 64));
        assertTrue(e.getMessage().contains("specialized for n = 100"), e.getMessage());
    }

    private static float[] run(Program p, float[] x, Specialization spec, int n) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocateFrom(ValueLayout.JAVA_FLOAT, x), ys = arena.allocate(400);
            Map<String, Object> args = new LinkedHashMap<>(Map.of("n", n, "f", 1.5, "u", 7, "x", xs, "y", ys));
            Differential.JVM.launch(p, args, spec);
            return ys.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    /** Confined (owner-thread-only), shared, global and heap memory all work, and agree. */
    @Test
    void everyKindOfMemoryWorks() {
        Program p = scale();
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        float[] ref = null;
        for (int kind = 0; kind < 4; kind++) {
            try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
                MemorySegment xs, ys;
                switch (kind) {
                    case 0 -> { xs = confined.allocateFrom(ValueLayout.JAVA_FLOAT, x); ys = confined.allocate(4000); }
                    case 1 -> { xs = shared.allocateFrom(ValueLayout.JAVA_FLOAT, x); ys = shared.allocate(4000); }
                    case 2 -> { xs = Arena.global().allocateFrom(ValueLayout.JAVA_FLOAT, x); ys = Arena.global().allocate(4000); }
                    default -> { xs = MemorySegment.ofArray(x.clone()); ys = MemorySegment.ofArray(new float[1000]); }
                }
                Differential.JVM.launch(p, new HashMap<>(Map.of("n", 1000, "f", 2.0, "u", 1, "x", xs, "y", ys)));
                float[] y = ys.toArray(ValueLayout.JAVA_FLOAT);
                assertEquals(2 * x[999] + 1, y[999]);
                if (ref == null) ref = y;
                else assertArrayEquals(ref, y, "memory kind " + kind);
            }
        }
    }

    @Test
    void theBackendIsFoundByName() {
        Backend b = Backends.named("jvm");
        assertEquals("jvm", b.name());
        assertEquals(10, b.priority());
        assertTrue(b.isAvailable());
    }

    @Test
    void anEmptyGridRunsNothingAndANegativeOneFails() {
        Program p = scale();
        MemorySegment seg = Arena.global().allocate(4);
        Differential.JVM.launch(p, new HashMap<>(Map.of("n", 0, "f", 1.0, "u", 0, "x", seg, "y", seg)));
        Program neg = Kernel.build("neg", k -> {
            ScalarParam n = k.param("n", DTypes.I32);
            k.warps(1);
            k.grid(n.minus(5));
        });
        assertEquals(error(Differential.INTERP, neg, Map.of("n", 1)), error(Differential.JVM, neg, Map.of("n", 1)));
        Program div = Kernel.build("div", k -> {
            ScalarParam n = k.param("n", DTypes.I32);
            k.warps(1);
            k.grid(Scalar.i32(4).div(n));
        });
        assertEquals(error(Differential.INTERP, div, Map.of("n", 0)), error(Differential.JVM, div, Map.of("n", 0)));
    }
}
