package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Ir.*;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

class GlobalMemoryTest {
    static final RegisterLayout MMA_C = Layouts.local(2, 1).spatial(8, 4).local(1, 2); // [16, 8]

    @Test
    void loadStoreRoundTripThroughMmaLayout() {
        Param pa = Param.pointer("a", DTypes.F16), pb = Param.pointer("b", DTypes.F16);
        TensorVar ga = gmem("ga", DTypes.F16, 16, 8), gb = gmem("gb", DTypes.F16, 16, 8);
        TensorVar t = reg("t", DTypes.F16, MMA_C);
        Program p = program(List.of(pa, pb),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)),
                ex(new LoadGlobal(t, ga, at(0, 0))), ex(new StoreGlobal(t, gb, at(0, 0))));
        long[] a = randomFloats(new Random(1), DTypes.F16, 128, 3.0);
        MemorySegment b = bytes(256, 2);
        interp().launch(p, args("a", segment(a, 16), "b", b));
        assertArrayEquals(a, codes(b, 128, 16));
    }

    /**
     * u4 tensors of shape [7, 5] (35 nibbles: rows start mid-byte). Each of two blocks loads a [4, 8]
     * tile at rows 4*bx.., columns -2..5: out-of-bounds elements load as 0 (seen in C), stores are
     * masked (B keeps its other nibbles and the bytes after the tensor).
     */
    @Test
    void outOfBoundsLoadsZeroAndMaskedStoresKeepNeighbours() {
        Param pa = Param.pointer("a", DTypes.U4), pb = Param.pointer("b", DTypes.U4), pc = Param.pointer("c", DTypes.U4);
        TensorVar ga = gmem("ga", DTypes.U4, 7, 5), gb = gmem("gb", DTypes.U4, 7, 5), gc = gmem("gc", DTypes.U4, 8, 8);
        TensorVar t = reg("t", DTypes.U4, Layouts.spatial(4, 8));
        TensorVar u = reg("u", DTypes.U4, Layouts.spatial(4, 8));
        Expr row = new Expr.Binary(BinaryOp.MUL, new Expr.BlockIdx(0), i32(4));
        Program p = program(List.of(pa, pb, pc), List.of(i32(2)),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)), ex(new GlobalView(gc, pc)),
                ex(new LoadGlobal(t, ga, at(row, i32(-2)))),
                ex(new StoreGlobal(t, gc, at(row, i32(0)))),
                ex(new ElementwiseScalar(u, BinaryOp.ADD, t, new Expr.IntConst(3, DTypes.U4))),
                ex(new StoreGlobal(u, gb, at(row, i32(-2)))));
        long[] a = randomCodes(new Random(3), DTypes.U4, 35);
        MemorySegment b = bytes(20, 4);
        byte[] before = b.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        MemorySegment c = bytes(32, 5);
        interp().launch(p, args("a", segment(a, 4), "b", b, "c", c));

        long[] bc = codes(b, 40, 4);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) assertEquals((a[i * 5 + j] + 3) & 15, bc[i * 5 + j], "b[" + i + "][" + j + "]");
        }
        long[] beforeCodes = codes(MemorySegment.ofArray(before), 40, 4);
        for (int k = 35; k < 40; k++) assertEquals(beforeCodes[k], bc[k], "nibble " + k + " after the tensor");
        long[] cc = codes(c, 64, 4);
        for (int r = 0; r < 8; r++) {
            for (int col = 0; col < 8; col++) {
                int j = col - 2;
                long want = r < 7 && j >= 0 && j < 5 ? a[r * 5 + j] : 0;
                assertEquals(want, cc[r * 8 + col], "c[" + r + "][" + col + "]");
            }
        }
    }

    @Test
    void symbolicShapeAndColumnMajorStrides() {
        Param pa = Param.pointer("a", DTypes.I8), pb = Param.pointer("b", DTypes.I8);
        Param m = Param.scalar("m", DTypes.I32), n = Param.scalar("n", DTypes.I32);
        var colMajor = org.tilevm.layout.GlobalLayout.columnMajor(List.of(org.tilevm.layout.Sym.var("m"),
                org.tilevm.layout.Sym.var("n")));
        TensorVar ga = new TensorVar("ga", new TensorType.Global(DTypes.I8, colMajor));
        TensorVar gb = gmem("gb", DTypes.I8, "m", "n");
        TensorVar t = reg("t", DTypes.I8, Layouts.local(1, 2).spatial(4, 8)); // [4, 16]
        Program p = program(List.of(pa, pb, m, n),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)),
                ex(new LoadGlobal(t, ga, at(0, 0))), ex(new StoreGlobal(t, gb, at(0, 0))));
        int rows = 3, cols = 11;
        long[] a = randomCodes(new Random(6), DTypes.I8, rows * cols);
        MemorySegment b = bytes(rows * cols, 7);
        interp().launch(p, args("a", segment(a, 8), "b", b, "m", rows, "n", cols));
        long[] got = codes(b, rows * cols, 8);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) assertEquals(a[j * rows + i], got[i * cols + j]); // transposed storage
        }
    }

    @Test
    void accessInsideShapeButOutsideSegmentIsAnError() {
        Param pa = Param.pointer("a", DTypes.F16), pb = Param.pointer("b", DTypes.F16);
        TensorVar ga = gmem("ga", DTypes.F16, 16, 8), gb = gmem("gb", DTypes.F16, 16, 8);
        TensorVar t = reg("t", DTypes.F16, MMA_C);
        Program p = program(List.of(pa, pb),
                ex(new GlobalView(ga, pa)), ex(new GlobalView(gb, pb)),
                ex(new LoadGlobal(t, ga, at(0, 0))), ex(new StoreGlobal(t, gb, at(0, 0))));
        LaunchException e = assertThrows(LaunchException.class,
                () -> interp().launch(p, args("a", bytes(200, 1), "b", bytes(256, 2))));
        assertTrue(e.getMessage().contains("body[2] load_global"), e.getMessage());
        assertTrue(e.getMessage().contains("pointer parameter a"), e.getMessage());
        assertTrue(e.getMessage().contains("200-byte segment"), e.getMessage());
        assertTrue(e.getMessage().contains("element [12, 4]"), e.getMessage()); // offset 100 = first one past 200 bytes
    }
}
