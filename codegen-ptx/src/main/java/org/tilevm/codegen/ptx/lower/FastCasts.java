package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.H2Op;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Cast;

/**
 * Casts of packed 4- and 8-bit integer codes with bit tricks instead of one conversion per
 * element. The idea (as in FasterTransformer and Marlin): put the code into the low mantissa
 * bits of a float whose exponent makes the mantissa's unit 1 (f16 1024 = 0x6400, bf16 128 =
 * 0x4300, f32 2^23 = 0x4B000000), then subtract that float: the result is the code's value,
 * exactly. Signed codes are biased first by flipping their sign bit (XOR) and the bias is
 * subtracted with the magic number.
 *
 * <ul>
 * <li>u4/i4 to f16/bf16, a pair of locals (2p, 2p+1) = byte p of a word w: {@code prmt(w, w >> 4)}
 *     puts byte p of w in the low half and byte p of {@code w >> 4} in the high half, {@code lop3}
 *     keeps the low nibbles and ORs (u4) or XORs (i4) in the magic number, one packed
 *     subtraction gives both values.</li>
 * <li>u8/i8 to f16, a pair of locals: {@code prmt(w, 0x64646464)} builds {@code 0x64bb64aa}
 *     (then XOR 0x00800080 for i8), one packed subtraction.</li>
 * <li>u4/i4/u8/i8 to f32 (and u8/i8 to bf16 through f32), per element: the code is moved into the
 *     low bits of {@code 0x4B000000} ({@code lop3} of a shift, or {@code prmt}), one f32
 *     subtraction.</li>
 * </ul>
 * The results equal the spec's conversion for these types (every 8-bit integer is exact in each
 * target type), so the fast path is bit-identical to the generic one.
 */
final class FastCasts {
    private FastCasts() {}

    private static final int LUT_AND_OR = 0xEA, LUT_AND_XOR = 0x6A, LUT_XOR = 0x3C;

    static boolean tryLower(Cast ins, LowerContext ctx) {
        DType from = ins.src().type().dtype(), to = ins.out().type().dtype();
        boolean int4 = from.equals(DTypes.U4) || from.equals(DTypes.I4);
        boolean int8 = from.equals(DTypes.U8) || from.equals(DTypes.I8);
        if (!int4 && !int8) return false;
        if (!ins.src().registerLayout().equals(ins.out().registerLayout())) return false;
        Binding.Reg src = ctx.reg(ins.src());
        int n = src.layout().localSize();
        boolean half = to.equals(DTypes.F16) || (to.equals(DTypes.BF16) && int4);
        if (half && n % 2 == 0) {
            Binding.Reg out = ctx.output(ins.out());
            if (int4) packed4(ctx, src, out, from.isSigned(), to.equals(DTypes.BF16));
            else packed8(ctx, src, out, from.isSigned());
            return true;
        }
        if (to.equals(DTypes.F32) || (to.equals(DTypes.BF16) && int8)) {
            Binding.Reg out = ctx.output(ins.out());
            for (int l = 0; l < n; l++) {
                TExpr f = viaF32(ctx, src, l, from.bits(), from.isSigned());
                Elements.setCode(ctx, out, l, to.equals(DTypes.F32) ? new TExpr.Bitcast(ScalarType.U32, f)
                        : new TExpr.Encode(to, f, TExpr.Rounding.CAST));
            }
            return true;
        }
        return false;
    }

    private static void packed4(LowerContext ctx, Binding.Reg src, Binding.Reg out, boolean signed, boolean bf16) {
        int magic = bf16 ? 0x4300 : 0x6400;
        int magic2 = magic | (magic << 16);
        int pairs = src.layout().localSize() / 2;
        TExpr[] shifted = new TExpr[(pairs + 3) / 4];
        for (int p = 0; p < pairs; p++) {
            int word = p / 4, byteInWord = p % 4;
            TExpr w = new TExpr.GetBits(src.array(), word * 32, 32);
            if (shifted[word] == null) shifted[word] = ctx.let("w_hi", T.bin(BOp.SHR, w, T.u32(4)));
            int sel = byteInWord | (byteInWord << 4) | ((4 + byteInWord) << 8) | ((4 + byteInWord) << 12);
            TExpr t = new TExpr.Prmt(w, shifted[word], T.u32(sel));
            TExpr y = signed
                    ? new TExpr.Lop3(t, T.u32(0x000F000F), T.u32(magic2 ^ 0x00080008), LUT_AND_XOR)
                    : new TExpr.Lop3(t, T.u32(0x000F000F), T.u32(magic2), LUT_AND_OR);
            int bias = signed ? halfBits(bf16, (bf16 ? 128 : 1024) + 8) : magic;
            TExpr v = new TExpr.Half2(H2Op.SUB, bf16, y, T.u32(bias | ((long) bias << 16)), null);
            ctx.emit(new org.tilevm.codegen.ptx.tir.TStmt.SetBits(out.array(), p * 32, 32, v));
        }
    }

    private static void packed8(LowerContext ctx, Binding.Reg src, Binding.Reg out, boolean signed) {
        int pairs = src.layout().localSize() / 2;
        for (int p = 0; p < pairs; p++) {
            int word = p / 2, q = (p % 2) * 2;
            TExpr w = new TExpr.GetBits(src.array(), word * 32, 32);
            TExpr t = new TExpr.Prmt(w, T.u32(0x64646464L), T.u32(q | (4 << 4) | ((q + 1) << 8) | (4 << 12)));
            if (signed) t = new TExpr.Lop3(t, T.u32(0x00800080), T.u32(0), LUT_XOR);
            int bias = signed ? 0x6480 : 0x6400; // 1152 = 1024 + 128, 1024
            TExpr v = new TExpr.Half2(H2Op.SUB, false, t, T.u32(bias | ((long) bias << 16)), null);
            ctx.emit(new org.tilevm.codegen.ptx.tir.TStmt.SetBits(out.array(), p * 32, 32, v));
        }
    }

    /** Element {@code l} (a {@code bits}-bit integer code) as its F32 value. */
    private static TExpr viaF32(LowerContext ctx, Binding.Reg src, int l, int bits, boolean signed) {
        int bit = l * bits, word = bit / 32, shift = bit % 32;
        TExpr w = new TExpr.GetBits(src.array(), word * 32, 32);
        TExpr bitsF;
        if (bits == 8) {
            int q = shift / 8;
            bitsF = new TExpr.Prmt(w, T.u32(0x4B000000L), T.u32(q | (5 << 4) | (6 << 8) | (7 << 12)));
            if (signed) bitsF = new TExpr.Lop3(bitsF, T.u32(0x80), T.u32(0), LUT_XOR);
        } else {
            TExpr s = shift == 0 ? w : T.bin(BOp.SHR, w, T.u32(shift));
            bitsF = signed
                    ? new TExpr.Lop3(s, T.u32(0xF), T.u32(0x4B000000L ^ 0x8), LUT_AND_XOR)
                    : new TExpr.Lop3(s, T.u32(0xF), T.u32(0x4B000000L), LUT_AND_OR);
        }
        float bias = 8388608f + (signed ? (bits == 8 ? 128 : 8) : 0);
        return new TExpr.Bin(BOp.SUB, new TExpr.Bitcast(ScalarType.F32, bitsF), TExpr.f32(bias));
    }

    /** The f16 or bf16 bits of a small exact integer. */
    private static int halfBits(boolean bf16, int value) {
        DType t = bf16 ? DTypes.BF16 : DTypes.F16;
        return (int) t.encode(value);
    }
}
