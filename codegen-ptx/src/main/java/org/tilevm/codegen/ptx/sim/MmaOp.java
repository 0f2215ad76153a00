package org.tilevm.codegen.ptx.sim;

import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.TStmt.MmaShape;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * {@code mma.sync.aligned.m16n8k{8,16,32}.row.col}: D = A * B + C for each warp, with the PTX ISA
 * fragment layouts. With {@code groupID = lane >> 2}, {@code tig = lane % 4} and p = 32 / bits of
 * the A/B type elements per 32-bit register (2 for f16/bf16, 4 for s8/u8), element j of register
 * r of a lane is
 * <ul>
 * <li>A (16 x K): row {@code groupID + 8 * (r % 2)}, column {@code tig * p + j + 4p * (r / 2)};</li>
 * <li>B (K x 8): row {@code tig * p + j + 4p * r}, column {@code groupID};</li>
 * <li>C, D (16 x 8, one element per register): row {@code groupID + 8 * (r / 2)}, column
 *     {@code 2 * tig + r % 2}.</li>
 * </ul>
 * This is the ISA's table for m16n8k16 and m16n8k8 with f16/bf16 (4 and 2 A registers) and
 * m16n8k32 with s8/u8 (4 A registers).
 *
 * <p><b>Summation order (the simulator's choice).</b> Each output element is
 * {@code acc = c; for k = 0..K-1 ascending: acc = round_f32(acc + round_f32(a[k] * b[k]))} in
 * Java float arithmetic (the product of two f16 values is exact in f32; of two bf16 values it is
 * exact unless it underflows or overflows f32); for s8/u8, 32-bit wrapping integer arithmetic.
 * Tensor cores add in another order with other internal precision, so float results are compared
 * with the hardware within a tolerance; integer results are exact.
 */
final class MmaOp {
    private MmaOp() {}

    static Node build(TStmt.Mma x, Compiler.Ctx c) {
        MmaShape shape = x.shape();
        DType ab = x.abType();
        boolean isFloat = ab.equals(DTypes.F16) || ab.equals(DTypes.BF16);
        boolean isInt = ab.equals(DTypes.I8) || ab.equals(DTypes.U8);
        if (isFloat) {
            if (shape == MmaShape.M16N8K32) throw new Fault(-1, "m16n8k32 takes s8/u8 operands, not " + ab.name());
            if (!x.cType().equals(DTypes.F32)) throw new Fault(-1, ab.name() + " mma accumulates in f32, not " + x.cType().name());
        } else if (isInt) {
            if (shape != MmaShape.M16N8K32) throw new Fault(-1, ab.name() + " mma is m16n8k32 here, not " + shape);
            if (!x.cType().equals(DTypes.I32)) throw new Fault(-1, ab.name() + " mma accumulates in i32, not " + x.cType().name());
        } else {
            throw new Fault(-1, "mma operands of type " + ab.name() + " (expected f16, bf16, i8 or u8)");
        }
        int bits = ab.bits(), p = 32 / bits, kk = shape.k;
        int aRegs = kk / 2 / p, bRegs = kk / 4 / p;
        int aSlot = c.ex().array(x.a(), 32L * x.aWord(), 32L * aRegs);
        int bSlot = c.ex().array(x.b(), 32L * x.bWord(), 32L * bRegs);
        int cSlot = c.ex().array(x.c(), 32L * x.cWord(), 128);
        int dSlot = c.ex().array(x.d(), 32L * x.dWord(), 128);
        int aWord = x.aWord(), bWord = x.bWord(), cWord = x.cWord(), dWord = x.dWord();
        long mask = (1L << bits) - 1;
        return blk -> {
            int[][] aArr = blk.arrays[aSlot], bArr = blk.arrays[bSlot], cArr = blk.arrays[cSlot], dArr = blk.arrays[dSlot];
            long[][] a = new long[16][kk], b = new long[kk][8];
            int[][] acc = new int[16][8];
            for (int base = 0; base < blk.numThreads; base += 32) {
                for (int lane = 0; lane < 32; lane++) {
                    int g = lane >> 2, tig = lane & 3;
                    for (int r = 0; r < aRegs; r++) {
                        int w = aArr[base + lane][aWord + r];
                        for (int j = 0; j < p; j++) {
                            a[g + 8 * (r % 2)][tig * p + j + 4 * p * (r / 2)] = (w >>> (bits * j)) & mask;
                        }
                    }
                    for (int r = 0; r < bRegs; r++) {
                        int w = bArr[base + lane][bWord + r];
                        for (int j = 0; j < p; j++) b[tig * p + j + 4 * p * r][g] = (w >>> (bits * j)) & mask;
                    }
                    for (int r = 0; r < 4; r++) acc[g + 8 * (r / 2)][2 * tig + r % 2] = cArr[base + lane][cWord + r];
                }
                if (isFloat) floatProduct(ab, a, b, acc, kk);
                else intProduct(ab, a, b, acc, kk);
                for (int lane = 0; lane < 32; lane++) {
                    int g = lane >> 2, tig = lane & 3;
                    for (int r = 0; r < 4; r++) dArr[base + lane][dWord + r] = acc[g + 8 * (r / 2)][2 * tig + r % 2];
                }
            }
            return Node.Flow.NORMAL;
        };
    }

    /** acc (f32 bits) += a * b in the documented order. */
    private static void floatProduct(DType ab, long[][] a, long[][] b, int[][] acc, int kk) {
        float[][] av = new float[16][kk], bv = new float[kk][8];
        for (int i = 0; i < 16; i++) for (int k = 0; k < kk; k++) av[i][k] = (float) ab.decode(a[i][k]);
        for (int k = 0; k < kk; k++) for (int j = 0; j < 8; j++) bv[k][j] = (float) ab.decode(b[k][j]);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                float s = Float.intBitsToFloat(acc[i][j]);
                for (int k = 0; k < kk; k++) s = s + av[i][k] * bv[k][j];
                acc[i][j] = Float.floatToRawIntBits(s);
            }
        }
    }

    /** acc (i32) += a * b, wrapping. */
    private static void intProduct(DType ab, long[][] a, long[][] b, int[][] acc, int kk) {
        boolean signed = ab.isSigned();
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                int s = acc[i][j];
                for (int k = 0; k < kk; k++) s += value(a[i][k], signed) * value(b[k][j], signed);
                acc[i][j] = s;
            }
        }
    }

    private static int value(long code, boolean signed) { return signed ? (byte) code : (int) code; }
}
