package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.sim.Tir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.TStmt.MmaShape;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;

/**
 * shfl, ldmatrix and mma against references written from the PTX ISA's text: the fragment
 * layouts below are transcribed formula by formula ("row = groupID for ai where 0 <= i < 2 ||
 * 4 <= i < 6, groupID + 8 otherwise", ...), independently of the simulator's general form.
 */
class WarpOpsTest {

    // ------------------------------------------------------------------ shfl

    @Test
    void shufflesInEveryMode() {
        int threads = 64;
        TExpr value = add(mul(bitcast(ScalarType.U32, tid()), u32(7)), u32(1));
        TExpr idxLane = add(mul(tid(), i32(5)), i32(3)); // exceeds 31: only its low 5 bits count
        List<TStmt> body = new ArrayList<>();
        body.add(new TStmt.Shfl(var("s0", ScalarType.U32), TStmt.ShflMode.IDX, value, idxLane));
        body.add(new TStmt.Shfl(var("s1", ScalarType.U32), TStmt.ShflMode.UP, value, i32(3)));
        body.add(new TStmt.Shfl(var("s2", ScalarType.U32), TStmt.ShflMode.DOWN, value, i32(5)));
        body.add(new TStmt.Shfl(var("s3", ScalarType.U32), TStmt.ShflMode.BFLY, value, i32(9)));
        for (int i = 0; i < 4; i++) body.add(setBits("out_", 32 * i, 32, var("s" + i, ScalarType.U32)));
        int[] got = perThreadWords(threads, 0, new int[threads], 1, 4, body.toArray(TStmt[]::new));
        for (int t = 0; t < threads; t++) {
            int lane = t % 32, base = t - lane;
            int[] src = {(t * 5 + 3) & 31, lane - 3, lane + 5, lane ^ 9};
            for (int i = 0; i < 4; i++) {
                int s = src[i] >= 0 && src[i] < 32 ? src[i] : lane;
                assertEquals((base + s) * 7 + 1, got[4 * t + i], "mode " + i + " thread " + t);
            }
        }
    }

    // ------------------------------------------------------------------ ldmatrix

    private static final int ROW_STRIDE = 48, MATRIX_STRIDE = 8 * ROW_STRIDE, IMAGE_BYTES = 4 * MATRIX_STRIDE;

    /** Statements that copy the shared image from in_ (each of 64 threads holds 6 words) into shared memory. */
    private static List<TStmt> fillShared(int threads, int wordsPerThread) {
        List<TStmt> s = new ArrayList<>();
        for (int w = 0; w < wordsPerThread; w++) {
            TExpr addr = mul(add(mul(tid(), i32(wordsPerThread)), i32(w)), i32(32));
            s.add(stShared("in_", 32 * w, 32, addr, 32));
        }
        s.add(sync());
        return s;
    }

    @Test
    void ldmatrixDeliversRowsAndTransposedRows() {
        Random rnd = new Random(31);
        int threads = 64, wordsPerThread = IMAGE_BYTES / 4 / threads;
        int[] image = new int[IMAGE_BYTES / 4];
        for (int i = 0; i < image.length; i++) image[i] = rnd.nextInt();
        for (int count : new int[] {1, 2, 4}) {
            for (boolean trans : new boolean[] {false, true}) {
                // lanes 8i..8i+7 address rows of matrix i; lanes beyond 8*count give a misaligned address, which is ignored
                TExpr lane = bin(BOp.AND, tid(), i32(31));
                TExpr i = bin(BOp.SHR, lane, i32(3)), r = bin(BOp.AND, lane, i32(7));
                TExpr addr = add(mul(i, i32(MATRIX_STRIDE)), mul(r, i32(ROW_STRIDE)));
                TExpr guarded = new TExpr.Select(bin(BOp.LT, lane, i32(8 * count)), addr, i32(3));
                List<TStmt> body = new ArrayList<>(fillShared(threads, wordsPerThread));
                body.add(new TStmt.Ldmatrix("out_", 0, count, trans, guarded));
                int[] got = perThreadWords(threads, IMAGE_BYTES, image, wordsPerThread, count, body.toArray(TStmt[]::new));
                for (int t = 0; t < threads; t++) {
                    int l = t % 32;
                    for (int m = 0; m < count; m++) {
                        int row = l / 4, col = 2 * (l % 4);
                        int e0 = trans ? element(image, m, col, row) : element(image, m, row, col);
                        int e1 = trans ? element(image, m, col + 1, row) : element(image, m, row, col + 1);
                        assertEquals(e0 | (e1 << 16), got[count * t + m], "x" + count + (trans ? ".trans" : "") + " thread " + t + " matrix " + m);
                    }
                }
            }
        }
    }

    /** The 16-bit element (row, col) of matrix m of the image. */
    private static int element(int[] image, int m, int row, int col) {
        int byteAddr = m * MATRIX_STRIDE + row * ROW_STRIDE + 2 * col;
        return (image[byteAddr / 4] >>> (8 * (byteAddr % 4))) & 0xFFFF;
    }

    @Test
    void ldmatrixRowAddressesMustBe16ByteAligned() {
        TStmt ld = new TStmt.Ldmatrix("out_", 0, 1, false, mul(tid(), i32(8)));
        SimulationException e = assertThrowsSim(() -> perThreadWords(32, 512, new int[32], 1, 1, ld));
        assertTrue(e.getMessage().contains("misaligned: ldmatrix row address 8 is not a multiple of 16"), e.getMessage());
        assertTrue(e.getMessage().contains("thread 1 (warp 0, lane 1)"), e.getMessage());
    }

    // ------------------------------------------------------------------ mma

    /** Element i of thread (g, t)'s A fragment for m16n8k16 f16/bf16: {row, col} (PTX ISA, transcribed). */
    private static int[] aK16(int i, int g, int t) {
        int row = (i < 2 || (i >= 4 && i < 6)) ? g : g + 8;
        int col = i < 4 ? t * 2 + (i & 1) : t * 2 + (i & 1) + 8;
        return new int[] {row, col};
    }

    private static int[] bK16(int i, int g, int t) {
        int row = i < 2 ? t * 2 + (i & 1) : t * 2 + (i & 1) + 8;
        return new int[] {row, g};
    }

    private static int[] aK8(int i, int g, int t) {
        return new int[] {i < 2 ? g : g + 8, t * 2 + (i & 1)};
    }

    private static int[] bK8(int i, int g, int t) { return new int[] {t * 2 + (i & 1), g}; }

    private static int[] aK32(int i, int g, int t) {
        int row = (i < 4 || (i >= 8 && i < 12)) ? g : g + 8;
        int col = i < 8 ? t * 4 + (i & 3) : t * 4 + (i & 3) + 16;
        return new int[] {row, col};
    }

    private static int[] bK32(int i, int g, int t) {
        int row = i < 4 ? t * 4 + (i & 3) : t * 4 + (i & 3) + 16;
        return new int[] {row, g};
    }

    private static int[] cFrag(int i, int g, int t) { return new int[] {i < 2 ? g : g + 8, t * 2 + (i & 1)}; }

    @FunctionalInterface
    private interface Frag { int[] at(int i, int g, int t); }

    /** Packs a matrix of codes into per-lane words with {@code perWord} elements per 32-bit word. */
    private static void pack(long[][] m, Frag f, int elements, int bits, int[] dst, int lane, int wordOffset) {
        int g = lane >> 2, t = lane & 3, perWord = 32 / bits;
        for (int i = 0; i < elements; i++) {
            int[] rc = f.at(i, g, t);
            dst[wordOffset + i / perWord] |= (int) (m[rc[0]][rc[1]] << (bits * (i % perWord)));
        }
    }

    private record MmaCase(MmaShape shape, DType ab, Frag a, Frag b, int aElems, int bElems) {}

    @Test
    void mmaMatchesAPlainMatrixProductForEveryShapeAndType() {
        List<MmaCase> cases = List.of(
                new MmaCase(MmaShape.M16N8K16, DTypes.F16, WarpOpsTest::aK16, WarpOpsTest::bK16, 8, 4),
                new MmaCase(MmaShape.M16N8K16, DTypes.BF16, WarpOpsTest::aK16, WarpOpsTest::bK16, 8, 4),
                new MmaCase(MmaShape.M16N8K8, DTypes.F16, WarpOpsTest::aK8, WarpOpsTest::bK8, 4, 2),
                new MmaCase(MmaShape.M16N8K8, DTypes.BF16, WarpOpsTest::aK8, WarpOpsTest::bK8, 4, 2),
                new MmaCase(MmaShape.M16N8K32, DTypes.I8, WarpOpsTest::aK32, WarpOpsTest::bK32, 16, 8),
                new MmaCase(MmaShape.M16N8K32, DTypes.U8, WarpOpsTest::aK32, WarpOpsTest::bK32, 16, 8));
        Random rnd = new Random(41);
        for (MmaCase mc : cases) checkMma(mc, rnd);
    }

    private static void checkMma(MmaCase mc, Random rnd) {
        int kk = mc.shape.k, bits = mc.ab.bits();
        boolean isFloat = mc.ab.isFloat();
        int aWords = mc.aElems * bits / 32, bWords = mc.bElems * bits / 32, inWords = aWords + bWords + 4;
        int warps = 2;
        int[] input = new int[32 * warps * inWords];
        long[][][] a = new long[warps][16][kk], b = new long[warps][kk][8];
        int[][][] c = new int[warps][16][8];
        for (int w = 0; w < warps; w++) {
            for (int i = 0; i < 16; i++) for (int k = 0; k < kk; k++) a[w][i][k] = randomCode(mc.ab, rnd);
            for (int k = 0; k < kk; k++) for (int j = 0; j < 8; j++) b[w][k][j] = randomCode(mc.ab, rnd);
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 8; j++) {
                    c[w][i][j] = isFloat ? Float.floatToRawIntBits((float) rnd.nextGaussian()) : rnd.nextInt(2001) - 1000;
                }
            }
            for (int lane = 0; lane < 32; lane++) {
                int base = (32 * w + lane) * inWords;
                pack(a[w], mc.a, mc.aElems, bits, input, lane, base);
                pack(b[w], mc.b, mc.bElems, bits, input, lane, base + aWords);
                for (int i = 0; i < 4; i++) {
                    int[] rc = cFrag(i, lane >> 2, lane & 3);
                    input[base + aWords + bWords + i] = c[w][rc[0]][rc[1]];
                }
            }
        }
        TStmt mma = new TStmt.Mma(mc.shape, mc.ab, isFloat ? DTypes.F32 : DTypes.I32, "out_", 0, "in_", 0, "in_", aWords,
                "in_", aWords + bWords);
        int[] got = perThreadWords(32 * warps, 0, input, inWords, 4, mma);
        for (int w = 0; w < warps; w++) {
            for (int lane = 0; lane < 32; lane++) {
                for (int r = 0; r < 4; r++) {
                    int[] rc = cFrag(r, lane >> 2, lane & 3);
                    int i = rc[0], j = rc[1];
                    int d = got[(32 * w + lane) * 4 + r];
                    String what = mc.shape + " " + mc.ab.name() + " warp " + w + " D[" + i + "][" + j + "]";
                    if (isFloat) {
                        float acc = Float.intBitsToFloat(c[w][i][j]);
                        double exact = acc;
                        for (int k = 0; k < kk; k++) {
                            float x = (float) mc.ab.decode(a[w][i][k]), y = (float) mc.ab.decode(b[w][k][j]);
                            acc = acc + x * y; // the simulator's documented order
                            exact += (double) x * y;
                        }
                        assertEquals(Float.floatToRawIntBits(acc), d, what);
                        assertEquals(exact, Float.intBitsToFloat(d), 1e-4 * (1 + Math.abs(exact)), what + " vs exact");
                    } else {
                        int acc = c[w][i][j];
                        for (int k = 0; k < kk; k++) acc += (int) (value(mc.ab, a[w][i][k]) * value(mc.ab, b[w][k][j]));
                        assertEquals(acc, d, what);
                    }
                }
            }
        }
    }

    private static long value(DType t, long code) { return t.isSigned() ? (byte) code : code; }

    private static long randomCode(DType t, Random rnd) {
        if (t.isFloat()) return ((FloatType) t).encode(rnd.nextGaussian());
        return rnd.nextInt(256);
    }

    @Test
    void ldmatrixFeedsMmaLikeATensorCoreKernel() {
        // A (16 x 16 f16, rows 48 bytes apart) at byte 0, B (16 x 8 f16, row-major) at byte 768, C from registers
        Random rnd = new Random(43);
        FloatType h = DTypes.F16;
        long[][] a = new long[16][16], b = new long[16][8];
        int[] image = new int[256];
        for (int i = 0; i < 16; i++) {
            for (int k = 0; k < 16; k++) {
                a[i][k] = h.encode(rnd.nextGaussian());
                int byteAddr = i * 48 + 2 * k;
                image[byteAddr / 4] |= (int) (a[i][k] << (8 * (byteAddr % 4)));
            }
        }
        for (int k = 0; k < 16; k++) {
            for (int j = 0; j < 8; j++) {
                b[k][j] = h.encode(rnd.nextGaussian());
                int byteAddr = 768 + k * 16 + 2 * j;
                image[byteAddr / 4] |= (int) (b[k][j] << (8 * (byteAddr % 4)));
            }
        }
        float[][] c = new float[16][8];
        int inWords = 8 + 4;
        int[] input = new int[32 * inWords];
        for (int lane = 0; lane < 32; lane++) {
            for (int w = 0; w < 8; w++) input[lane * inWords + w] = image[lane * 8 + w];
        }
        for (int i = 0; i < 16; i++) for (int j = 0; j < 8; j++) c[i][j] = (float) rnd.nextGaussian();
        for (int lane = 0; lane < 32; lane++) {
            for (int r = 0; r < 4; r++) {
                int[] rc = cFrag(r, lane >> 2, lane & 3);
                input[lane * inWords + 8 + r] = Float.floatToRawIntBits(c[rc[0]][rc[1]]);
            }
        }
        TExpr lane = bin(BOp.AND, tid(), i32(31));
        TExpr aAddr = add(mul(bin(BOp.AND, lane, i32(15)), i32(48)), mul(bin(BOp.SHR, lane, i32(4)), i32(16)));
        TExpr bAddr = add(i32(768), mul(bin(BOp.AND, lane, i32(15)), i32(16)));
        List<TStmt> body = new ArrayList<>(fillShared(32, 8));
        body.add(array("fa", 4));
        body.add(array("fb", 2));
        body.add(new TStmt.Ldmatrix("fa", 0, 4, false, aAddr));
        body.add(new TStmt.Ldmatrix("fb", 0, 2, true, bAddr));
        body.add(new TStmt.Mma(MmaShape.M16N8K16, h, DTypes.F32, "out_", 0, "fa", 0, "fb", 0, "in_", 8));
        int[] got = perThreadWords(32, 1024, input, inWords, 4, body.toArray(TStmt[]::new));
        for (int l = 0; l < 32; l++) {
            for (int r = 0; r < 4; r++) {
                int[] rc = cFrag(r, l >> 2, l & 3);
                double exact = c[rc[0]][rc[1]];
                for (int k = 0; k < 16; k++) exact += h.decode(a[rc[0]][k]) * h.decode(b[k][rc[1]]);
                assertEquals(exact, Float.intBitsToFloat(got[4 * l + r]), 1e-4 * (1 + Math.abs(exact)), "D[" + rc[0] + "][" + rc[1] + "]");
            }
        }
    }

    @Test
    void mmaTypeCombinationsAreChecked() {
        TStmt bad = new TStmt.Mma(MmaShape.M16N8K32, DTypes.F16, DTypes.F32, "out_", 0, "in_", 0, "in_", 4, "in_", 6);
        SimulationException e = assertThrowsSim(() -> perThreadWords(32, 0, new int[320], 10, 4, bad));
        assertTrue(e.getMessage().contains("m16n8k32 takes s8/u8 operands, not f16"), e.getMessage());
        TStmt small = new TStmt.Mma(MmaShape.M16N8K16, DTypes.F16, DTypes.F32, "out_", 0, "in_", 0, "in_", 4, "in_", 6);
        SimulationException e2 = assertThrowsSim(() -> perThreadWords(32, 0, new int[256], 8, 4, small));
        assertTrue(e2.getMessage().contains("outside register array in_ of 8 words"), e2.getMessage());
    }

    private static SimulationException assertThrowsSim(org.junit.jupiter.api.function.Executable ex) {
        return org.junit.jupiter.api.Assertions.assertThrows(SimulationException.class, ex);
    }
}
