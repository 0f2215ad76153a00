package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Ir.*;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Shared memory: load/store through (swizzled) layouts, bounds, copy_async groups. */
class SharedMemoryTest {

    /** Store a [16, 64] f16 tile into a swizzled shared tensor, load back a [8, 32] window at (8, 16). */
    @Test
    void storeAndLoadThroughSwizzledLayout() {
        Param pa = Param.pointer("a", DTypes.F16), pb = Param.pointer("b", DTypes.F16);
        TensorVar ga = gmem("ga", DTypes.F16, 16, 64), gb = gmem("gb", DTypes.F16, 8, 32);
        TensorVar t = reg("t", DTypes.F16, Layouts.autoLocalSpatial(32, 16, 64));
        TensorVar w = reg("w", DTypes.F16, Layouts.columnLocal(2, 4).spatial(4, 8)); // [8, 32]
        TensorVar s = smem("s", DTypes.F16, SharedLayout.swizzledRowMajor(16, 64, 2));
        Program p = program(List.of(pa, pb),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new AllocateShared(s)),
                ex(new LoadGlobal(t, ga, at(0, 0))), ex(new StoreShared(t, s, at(0, 0))), ex(new SyncThreads()),
                ex(new LoadShared(w, s, at(8, 16))), ex(new StoreGlobal(w, gb, at(0, 0))), ex(new FreeShared(s)));
        long[] a = randomFloats(new Random(41), DTypes.F16, 1024, 2);
        MemorySegment b = bytes(512, 42);
        interp().launch(p, args("a", segment(a, 16), "b", b));
        long[] got = codes(b, 256, 16);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 32; j++) assertEquals(a[(i + 8) * 64 + j + 16], got[i * 32 + j]);
        }
    }

    @Test
    void sharedAccessOutsideTheTensorIsAnError() {
        Param pa = Param.pointer("a", DTypes.U8), row = Param.scalar("row", DTypes.I32);
        TensorVar ga = gmem("ga", DTypes.U8, 4, 8);
        TensorVar t = reg("t", DTypes.U8, Layouts.spatial(4, 8));
        TensorVar s = smem("s", DTypes.U8, SharedLayout.rowMajor(8, 8));
        Program p = program(List.of(pa, row),
                ex(new GlobalView(ga, pa)), ex(new AllocateShared(s)), ex(new LoadGlobal(t, ga, at(0, 0))),
                ex(new StoreShared(t, s, at(row.var(), i32(0)))), ex(new LoadShared(t, s, at(row.var(), i32(0)))));
        MemorySegment a = segment(randomCodes(new Random(43), DTypes.U8, 32), 8);
        interp().launch(p, args("a", a, "row", 4)); // rows 4..7: inside
        LaunchException e = assertThrows(LaunchException.class, () -> interp().launch(p, args("a", a, "row", 5)));
        assertTrue(e.getMessage().contains("body[3] store_shared: store_shared writes indices [5, 0] to [9, 8] (exclusive) "
                + "of shared tensor s of shape [8, 8]: dimension 0 is outside the tensor"), e.getMessage());
    }

    /**
     * Two copies into s1 and s2, each committed as its own group, from a global [10, 8] tensor;
     * s2's window starts at row 4 so rows 10..11 are outside and zero-filled. wait_group(1) completes
     * the older group only: s1 is readable, s2 is not; wait_group(0) completes s2.
     */
    @Test
    void copyAsyncGroupsAndZeroFill() {
        Param pa = Param.pointer("a", DTypes.U8), pb = Param.pointer("b", DTypes.U8), wait = Param.scalar("early", DTypes.BOOL);
        TensorVar ga = gmem("ga", DTypes.U8, 10, 8), gb = gmem("gb", DTypes.U8, 16, 8);
        TensorVar s1 = smem("s1", DTypes.U8, SharedLayout.rowMajor(8, 8)), s2 = smem("s2", DTypes.U8, SharedLayout.columnMajor(8, 8));
        TensorVar t = reg("t", DTypes.U8, Layouts.local(2, 1).spatial(4, 8));
        List<Stmt> body = new ArrayList<>(List.of(
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new AllocateShared(s1)), ex(new AllocateShared(s2)),
                ex(new CopyAsync(s1, ga, at(0, 0))), ex(new CopyAsyncCommitGroup()),
                ex(new CopyAsync(s2, ga, at(4, 0))), ex(new CopyAsyncCommitGroup()),
                ex(new CopyAsyncWaitGroup(1)), ex(new SyncThreads()),
                ex(new LoadShared(t, s1, at(0, 0))), ex(new StoreGlobal(t, gb, at(0, 0))),
                new Stmt.If(wait.var(), ex(new LoadShared(t, s2, at(0, 0))), null),
                ex(new CopyAsyncWaitGroup(0)),
                ex(new LoadShared(t, s2, at(0, 0))), ex(new StoreGlobal(t, gb, at(8, 0)))));
        Program p = program(List.of(pa, pb, wait), body.toArray(Stmt[]::new));
        long[] a = randomCodes(new Random(44), DTypes.U8, 80);
        for (int i = 0; i < 80; i++) a[i] |= 1; // nonzero, so zero-fill is visible
        MemorySegment b = bytes(128, 45);
        interp().launch(p, args("a", segment(a, 8), "b", b, "early", 0));
        long[] got = codes(b, 128, 8);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(a[i * 8 + j], got[i * 8 + j]);
                assertEquals(i + 4 < 10 ? a[(i + 4) * 8 + j] : 0, got[(8 + i) * 8 + j]);
            }
        }
        LaunchException e = assertThrows(LaunchException.class,
                () -> interp().launch(p, args("a", segment(a, 8), "b", b, "early", 1)));
        assertTrue(e.getMessage().contains("body[12].if.then load_shared: read of shared tensor s2 before copy_async completed"),
                e.getMessage());
    }

    @Test
    void waitAllCompletesUncommittedCopies() {
        Param pa = Param.pointer("a", DTypes.I16), pb = Param.pointer("b", DTypes.I16);
        TensorVar ga = gmem("ga", DTypes.I16, 4, 8), gb = gmem("gb", DTypes.I16, 4, 8);
        TensorVar s = smem("s", DTypes.I16, SharedLayout.rowMajor(4, 8));
        TensorVar t = reg("t", DTypes.I16, Layouts.spatial(4, 8));
        Program p = program(List.of(pa, pb),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new AllocateShared(s)),
                ex(new CopyAsync(s, ga, at(0, 0))), ex(new CopyAsyncWaitAll()),
                ex(new LoadShared(t, s, at(0, 0))), ex(new StoreGlobal(t, gb, at(0, 0))));
        long[] a = randomCodes(new Random(46), DTypes.I16, 32);
        MemorySegment b = bytes(64, 47);
        interp().launch(p, args("a", segment(a, 16), "b", b));
        assertArrayEquals(a, codes(b, 32, 16));
        // without the wait, the copy has not completed: commit_group alone does not wait
        Program q = program(List.of(pa, pb),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new AllocateShared(s)),
                ex(new CopyAsync(s, ga, at(0, 0))), ex(new CopyAsyncCommitGroup()),
                ex(new LoadShared(t, s, at(0, 0))));
        LaunchException e = assertThrows(LaunchException.class, () -> interp().launch(q, args("a", segment(a, 16), "b", b)));
        assertTrue(e.getMessage().contains("read of shared tensor s before copy_async completed"), e.getMessage());
    }

    /** allocate_shared zero-fills (contents are undefined in general); free_shared ends the tensor's life. */
    @Test
    void allocationZeroFillsAndFreeEndsTheLife() {
        Param pa = Param.pointer("a", DTypes.I8), pb = Param.pointer("b", DTypes.I8);
        TensorVar ga = gmem("ga", DTypes.I8, 4, 8), gb = gmem("gb", DTypes.I8, 4, 8);
        TensorVar s = smem("s", DTypes.I8, SharedLayout.rowMajor(4, 8));
        TensorVar t = reg("t", DTypes.I8, Layouts.spatial(4, 8));
        Program p = program(List.of(pa, pb), ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new AllocateShared(s)),
                ex(new LoadShared(t, s, at(0, 0))), ex(new StoreGlobal(t, gb, at(0, 0))), ex(new FreeShared(s)));
        MemorySegment b = bytes(32, 48);
        interp().launch(p, args("a", bytes(32, 49), "b", b));
        assertArrayEquals(new long[32], codes(b, 32, 8));

        Program useAfterFree = program(List.of(pa), ex(new AllocateShared(s)), ex(new FreeShared(s)),
                ex(new LoadShared(t, s, at(0, 0))));
        LaunchException e = assertThrows(LaunchException.class, () -> unverified().launch(useAfterFree, args("a", bytes(32, 50))));
        assertTrue(e.getMessage().contains("body[2] load_shared: shared tensor s is used after free_shared"), e.getMessage());

        Program freeWhilePending = program(List.of(pa), ex(new GlobalView(ga, pa)), ex(new AllocateShared(s)),
                ex(new CopyAsync(s, ga, at(0, 0))), ex(new FreeShared(s)));
        e = assertThrows(LaunchException.class, () -> interp().launch(freeWhilePending, args("a", bytes(32, 51))));
        assertTrue(e.getMessage().contains("body[3] free_shared: free_shared of shared tensor s while a copy_async into it "
                + "has not completed"), e.getMessage());
    }
}
