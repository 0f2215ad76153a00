package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Ir.*;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Argument checking, and discovery through the Backend SPI. */
class LaunchArgumentsTest {
    static final Param A = Param.pointer("a", DTypes.F16), N = Param.scalar("n", DTypes.U8);
    static final Program P = program(List.of(A, N),
            ex(new GlobalView(gmem("ga", DTypes.F16, "n", 8), A)));

    static String fail(Object... kv) {
        return assertThrows(LaunchException.class, () -> interp().launch(P, args(kv))).getMessage();
    }

    @Test
    void checksEveryArgument() {
        MemorySegment seg = MemorySegment.ofArray(new byte[64]);
        interp().launch(P, args("a", seg, "n", 4));
        assertEquals("launch of k: missing argument for parameter 'n' (a u8 scalar)", fail("a", seg));
        assertEquals("launch of k: argument 'm' does not name a parameter (parameters: a, n)", fail("a", seg, "n", 4, "m", 1));
        assertEquals("launch of k: parameter 'a' is a pointer to f16: expected a MemorySegment, got Integer", fail("a", 3, "n", 4));
        assertEquals("launch of k: parameter 'n' is a u8 scalar: expected a Number, got NativeMemorySegmentImpl",
                fail("a", seg, "n", java.lang.foreign.Arena.global().allocate(1)));
        assertEquals("launch of k: parameter 'n' is a u8 scalar: expected an Integer or Long, got Double 4.0", fail("a", seg, "n", 4.0));
        assertEquals("launch of k: argument n = 256 does not fit in u8 [0, 255]", fail("a", seg, "n", 256));
        assertEquals("launch of k: argument for parameter 'a' is null", fail("a", null, "n", 4));
    }

    @Test
    void foundThroughTheServiceLoader() {
        assertInstanceOf(Interpreter.class, Backends.named("interp"));
        assertEquals(0, Backends.named("interp").priority());
    }

    @Test
    void gridMayBeEmptyButNotNegative() {
        Param n = Param.scalar("n", DTypes.I32);
        TensorVar sem = gmem("sem", DTypes.I32, 1);
        Program p = program(List.of(n), List.of(n.var()),
                ex(new AllocateGlobal(sem)), ex(new LockSemaphore(sem, at(0), i32(5)))); // would fail if run
        interp().launch(p, args("n", 0));
        assertEquals("k: grid[0] evaluates to -1, expected 0 to 2147483647",
                assertThrows(LaunchException.class, () -> interp().launch(p, args("n", -1))).getMessage());
    }

    @Test
    void tensorsOfTheWrongKindAreReportedWhenTheVerifierIsSkipped() {
        Param pa = Param.pointer("a", DTypes.U8);
        TensorVar ga = gmem("ga", DTypes.U8, 4, 8);
        TensorVar t = reg("t", DTypes.U8, Layouts.spatial(4, 8));
        TensorVar t2 = reg("ga", DTypes.U8, Layouts.spatial(4, 8));
        Program p = program(List.of(pa), ex(new GlobalView(ga, pa)), ex(new LoadGlobal(t, ga, at(0, 0))),
                ex(new ElementwiseUnary(t, UnaryOp.NEG, t2)));
        LaunchException e = assertThrows(LaunchException.class,
                () -> unverified().launch(p, args("a", MemorySegment.ofArray(new byte[32]))));
        assertTrue(e.getMessage().contains("body[2] unary: tensor ga is defined as global u8"), e.getMessage());
    }

    @Test
    void programsThatFailTheVerifierAreNotRun() {
        Param pa = Param.pointer("a", DTypes.U8);
        TensorVar t = reg("t", DTypes.U8, Layouts.spatial(4, 8));
        TensorVar u = reg("u", DTypes.U8, Layouts.spatial(8, 4).permute(1, 0)); // same shape, other threads
        Program p = program(List.of(pa), ex(new AllocateRegister(t, i32(1))), ex(new AllocateRegister(u, i32(2))),
                ex(new ElementwiseBinary(t, BinaryOp.ADD, t, u)));
        LaunchException e = assertThrows(LaunchException.class,
                () -> new Interpreter().launch(p, args("a", MemorySegment.ofArray(new byte[1]))));
        assertInstanceOf(org.tilevm.spec.verify.VerificationException.class, e.getCause());
        assertTrue(e.getMessage().contains("body[2]: binary: holder rule"), e.getMessage());
    }
}
