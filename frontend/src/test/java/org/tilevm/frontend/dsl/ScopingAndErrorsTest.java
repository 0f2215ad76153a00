package org.tilevm.frontend.dsl;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.dtype.DTypes.*;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;

/** Builders fail early, with the kernel, the place and the cause in the message. */
class ScopingAndErrorsTest {
    static final RegisterLayout L = Layouts.spatial(8, 4).local(2, 2); // [16, 8], 32 threads

    private static String fails(Consumer<Kernel> body) {
        return assertThrows(DslException.class, () -> Kernel.build("bad", k -> {
            k.warps(1);
            k.grid(1);
            body.accept(k);
        })).getMessage();
    }

    private static void contains(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "'" + p + "' missing in: " + message);
    }

    @Test
    void tensorUsedAfterItsLoopEnds() {
        String msg = fails(k -> {
            AtomicReference<RegisterTensor> leaked = new AtomicReference<>();
            k.forRange("kb", 4, kb -> leaked.set(k.registerTensor(F32, L)));
            leaked.get().plus(1.0);
        });
        contains(msg, "kernel 'bad' at body", "is used outside its scope (body > for kb)");
    }

    @Test
    void tensorOfAnIfBranchIsNotVisibleInTheElseBranch() {
        String msg = fails(k -> {
            ScalarParam m = k.param("m", I32);
            AtomicReference<RegisterTensor> t = new AtomicReference<>();
            k.ifElse(m.gt(0), () -> t.set(k.registerTensor(F32, L)), () -> k.print("x", t.get()));
        });
        contains(msg, "at body > else", "outside its scope (body > if)");
    }

    @Test
    void loopVariableUsedAfterTheLoop() {
        String msg = fails(k -> {
            AtomicReference<Scalar> iv = new AtomicReference<>();
            k.forRange("i", 8, iv::set);
            k.let("x", iv.get().plus(1));
        });
        contains(msg, "uses variable 'i' outside its scope (body > for i)");
    }

    @Test
    void letVariableOfANestedScope() {
        String msg = fails(k -> {
            AtomicReference<Variable> v = new AtomicReference<>();
            k.forRange("i", 8, i -> v.set(k.let("x", i)));
            k.assign(v.get(), 3);
        });
        contains(msg, "variable 'x' outside its scope");
    }

    @Test
    void tensorOfAnotherKernel() {
        AtomicReference<RegisterTensor> other = new AtomicReference<>();
        Kernel.build("first", k -> {
            k.warps(1);
            k.grid(1);
            other.set(k.registerTensor(F32, L));
        });
        String msg = fails(k -> k.assign(k.registerTensor(F32, L), other.get()));
        contains(msg, "belongs to kernel 'first'");
    }

    @Test
    void aScopeLeftByAnExceptionIsClosed() {
        String msg = fails(k -> {
            AtomicReference<RegisterTensor> inner = new AtomicReference<>();
            DslException e = assertThrows(DslException.class, () -> k.forRange("i", 4, i -> {
                inner.set(k.registerTensor(F32, L));
                k.breakLoop();
                k.dot(inner.get(), inner.get(), inner.get()); // fails: shapes
            }));
            contains(e.getMessage(), "at body > for i: dot shapes do not fit");
            k.sync(); // the builder is back at the top level
            inner.get().neg();
        });
        contains(msg, "at body: neg: tensor 'r' is used outside its scope (body > for i)");
    }

    @Test
    void kernelUsedAfterBuild() {
        AtomicReference<Kernel> kept = new AtomicReference<>();
        Kernel.build("done", k -> {
            k.warps(1);
            k.grid(1);
            kept.set(k);
        });
        DslException e = assertThrows(DslException.class, () -> kept.get().sync());
        contains(e.getMessage(), "kernel 'done' is already built");
    }

    @Test
    void sharedTensorUsedAfterFree() {
        String msg = fails(k -> {
            SharedTensor s = k.sharedTensor(F32, SharedLayout.rowMajor(16, 8));
            k.freeShared(s);
            k.loadShared(s, L, 0, 0);
        });
        contains(msg, "load_shared", "used after free_shared");
    }

    @Test
    void breakOutsideALoop() {
        contains(fails(k -> k.ifThen(Scalar.bool(true), k::breakLoop)), "breakLoop outside of forRange/whileLoop", "body > if");
    }

    @Test
    void parameterRules() {
        contains(fails(k -> { k.param("m", I32); k.pointer("m", F32); }), "parameter name 'm' is already used");
        contains(fails(k -> k.forRange("i", 2, i -> k.param("late", I32))), "must be declared at the top level");
        contains(fails(k -> k.param("1x", I32)), "invalid parameter name '1x'");
    }

    @Test
    void gridAndWarpRules() {
        contains(assertThrows(DslException.class, () -> Kernel.build("nowarps", k -> k.grid(1))).getMessage(),
                "kernel 'nowarps'", "warps(n)");
        contains(assertThrows(DslException.class, () -> Kernel.build("nogrid", k -> k.warps(1))).getMessage(),
                "kernel 'nogrid'", "grid(...)");
        String msg = assertThrows(DslException.class, () -> Kernel.build("g", k -> {
            k.warps(1);
            k.forRange("i", 4, i -> k.grid(i));
        })).getMessage();
        contains(msg, "grid dimension 0 may use only scalar parameters, but uses 'i'");
        contains(fails(k -> k.warps(2)), "warps already set to 1");
        contains(assertThrows(DslException.class, () -> Kernel.build("bad name", k -> { })).getMessage(), "invalid kernel name");
    }

    @Test
    void layoutMustSpanTheBlock() {
        contains(fails(k -> k.registerTensor(F32, Layouts.spatial(16, 8))), "over 128 threads, but the block has 32 (1 warps)");
        // checked when the warp count comes after the tensor, too
        String msg = assertThrows(DslException.class, () -> Kernel.build("late", k -> {
            k.registerTensor(F32, Layouts.spatial(16, 8));
            k.warps(2);
        })).getMessage();
        contains(msg, "over 128 threads, but the block has 64");
    }

    @Test
    void conditionsMustBeBoolean() {
        contains(fails(k -> k.ifThen(k.param("m", I32), () -> { })), "if condition must be u1", "x.ne(0)");
        contains(fails(k -> k.whileLoop(Scalar.f32(1), () -> { })), "while condition must be u1");
    }

    @Test
    void globalShapesArePolynomials() {
        contains(fails(k -> {
            ScalarParam m = k.param("m", I32);
            k.globalView(k.pointer("p", F32), m.ceilDiv(32), m);
        }), "global view shape 0", "must be a polynomial");
        contains(fails(k -> {
            ScalarParam m = k.param("m", I32);
            k.globalView(k.pointer("p", F32), java.util.List.of(m), java.util.List.of());
        }), "has 1 dimensions but 0 strides");
    }

    @Test
    void operandChecks() {
        contains(fails(k -> k.dot(k.registerTensor(F32, L), k.registerTensor(F32, L), k.registerTensor(F32, L))),
                "dot shapes do not fit: a [16, 8], b [16, 8], c [16, 8]");
        contains(fails(k -> k.registerTensor(F32, L).plus(k.registerTensor(F16, L))), "different dtypes", "cast one first");
        contains(fails(k -> k.registerTensor(F32, L).bitAnd(3)), "'&' needs integer tensors, tensor 'r' is f32");
        contains(fails(k -> k.registerTensor(I32, L).plus(0.5)), "constant 0.5 is not an integer");
        contains(fails(k -> k.registerTensor(F32, L).mod(k.registerTensor(F32, L))), "'%' needs integer tensors");
        contains(fails(k -> k.registerTensor(I32, L).exp()), "'exp' needs a float tensor");
        contains(fails(k -> k.registerTensor(F32, L).view(F16)), "changes the element width (32 -> 16 bits)");
        contains(fails(k -> k.registerTensor(F32, L).view(F16, Layouts.spatial(8, 4).local(2, 1))),
                "threads and bits per thread must match");
        contains(fails(k -> k.registerTensor(F32, L).reduceSum(2)), "reduce", "no dimension 2");
        contains(fails(k -> k.registerTensor(F32, L).squeeze(0)), "dimension 0 has size 16, not 1");
        contains(fails(k -> k.registerTensor(F32, L).reshape(3, 5)), "changes the number of elements");
        contains(fails(k -> k.registerTensor(F32, L).reduceSum(0).transpose()), "transpose operand", "expected rank 2");
        contains(fails(k -> {
            RegisterTensor a = k.registerTensor(F32, L);
            k.dot(a, k.registerTensor(F32, Layouts.spatial(8, 4).local(1, 2)), a, k.registerTensor(F16, L));
        }), "dot: out", "f16 [16, 8]", "but the result is f32 [16, 8]");
        contains(fails(k -> k.where(k.registerTensor(I32, L), k.registerTensor(F32, L), k.registerTensor(F32, L))),
                "where condition", "must be a u1 tensor");
        contains(fails(k -> k.assign(k.registerTensor(F32, L), k.registerTensor(F16, L))), "assign", "types differ");
    }

    @Test
    void memoryChecks() {
        contains(fails(k -> {
            SharedTensor s = k.sharedTensor(F32, SharedLayout.rowMajor(16, 8));
            k.loadShared(s, L, 8, 0);
        }), "load_shared: tile [16, 8] at offset 8 in dimension 0 lies outside shared tensor 's' [16, 8]");
        contains(fails(k -> {
            GlobalTensor g = k.globalView(k.pointer("p", F32), k.param("m", I32));
            k.loadGlobal(g, L, 0, 0);
        }), "load_global from tensor 'g_p' needs 1 offsets, got 2");
        contains(fails(k -> {
            GlobalTensor g = k.globalView(k.pointer("p", F16), k.param("m", I32), k.param("n", I32));
            k.storeGlobal(k.registerTensor(F32, L), g, 0, 0);
        }), "store_global", "is f32 but tensor 'g_p' is f16; cast first");
        contains(fails(k -> {
            GlobalTensor g = k.globalTensor(F32, Scalar.i32(4));
            k.lockSemaphore(g, Scalar.i32(0), Scalar.i32(1));
        }), "semaphore tensor 'workspace' must be i32");
    }
}
