package org.tilevm.stdlib.quant;

import static org.tilevm.stdlib.quant.QMatmulConfig.BM;
import static org.tilevm.stdlib.quant.QMatmulConfig.BN;
import static org.tilevm.stdlib.quant.QMatmulConfig.WARPS;

import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.frontend.dsl.SharedTensor;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

/**
 * Builds the quantized-matmul kernel program with the frontend DSL (one thread block computes a
 * {@code BM x BN} tile of C; see {@code stdlib/QMATMUL.md} for the walk-through).
 */
final class QMatmulKernel {
    private QMatmulKernel() {}

    /** Parameter names, in launch order. */
    static final String M = "m", N = "n", K = "k", N8 = "n8", KG = "kg", A = "a", W = "w", SCALES = "scales",
            ZEROS = "zeros", C = "c", A_SCALES = "a_scales";

    static Program build(QMatmulConfig cfg) {
        if (cfg.aType().equals(DTypes.I8)) {
            throw new IllegalArgumentException("quantized matmul: i8 activations (W4A8) have a CPU program only (" + cfg.kernelName()
                    + " asks for the GPU tiling)");
        }
        return Kernel.build(cfg.kernelName(), kb -> body(kb, cfg));
    }

    /** Whether every finite code of {@code t} is an f16 value (all integers of <= 8 bits; floats within f16's range and precision). */
    static boolean exactInF16(DType t) {
        if (!(t instanceof org.tilevm.spec.dtype.FloatType f)) return true;
        return f.mantissaBits() <= 10 && f.maxValue() <= DTypes.F16.maxValue() && f.minPositive() >= 0x1p-24;
    }

    /** {@code t} in dtype {@code dq} (a cast when it differs). */
    private static RegisterTensor inType(Kernel kb, RegisterTensor t, DType dq) {
        return t.dtype().equals(dq) ? t : kb.cast(t, dq);
    }

    private static void body(Kernel kb, QMatmulConfig cfg) {
        DType aType = cfg.aType(), wType = cfg.weightType();
        int bits = cfg.bits(), bk = cfg.bk(), g = cfg.groupSize();
        QMatmulLayouts lay = new QMatmulLayouts(bk, bits);

        ScalarParam m = kb.param(M, DTypes.I32), n = kb.param(N, DTypes.I32), k = kb.param(K, DTypes.I32);
        ScalarParam n8 = kb.param(N8, DTypes.I32), kg = kb.param(KG, DTypes.I32);
        Pointer pa = kb.pointer(A, aType);
        Pointer pw = kb.pointer(W, DTypes.U8);
        Pointer ps = kb.pointer(SCALES, DTypes.F32);
        Pointer pz = cfg.hasZeros() ? kb.pointer(ZEROS, DTypes.F32) : null;
        Pointer pc = kb.pointer(C, DTypes.F32);
        kb.warps(WARPS);
        kb.grid(n.ceilDiv(BN), m.ceilDiv(BM));

        GlobalTensor ga = kb.globalView(pa, m, k);
        GlobalTensor gw = kb.globalView(pw, k, n8.times(bits));   // packed rows: Npad*bits/8 = n8*bits bytes
        GlobalTensor gs = kb.globalView(ps, kg, n);
        GlobalTensor gz = pz == null ? null : kb.globalView(pz, kg, n);
        GlobalTensor gc = kb.globalView(pc, m, n);

        Scalar m0 = kb.let("m0", kb.blockIdx(1).times(BM));
        Scalar n0 = kb.let("n0", kb.blockIdx(0).times(BN));
        Scalar wCol0 = kb.let("w_col0", kb.blockIdx(0).times(BN / 8 * bits)); // first byte column of the tile

        RegisterTensor acc = kb.registerTensor("acc", DTypes.F32, lay.acc(), null);
        // sa and sb are read with ldmatrix (f16): their 16-byte chunks are XOR-swizzled so the 8 rows of
        // each 8x8 matrix hit distinct bank groups. The f32 tiles are read by ordinary loads.
        SharedTensor sa = kb.sharedTensor("sa", aType, aType.equals(DTypes.F16) && bk >= 16
                ? SharedLayout.swizzledRowMajor(BM, bk, 2) : SharedLayout.rowMajor(BM, bk));
        SharedTensor sw = kb.sharedTensor("sw", DTypes.U8, SharedLayout.rowMajor(bk, BN / 8 * bits));
        boolean half = aType.equals(DTypes.F16);
        SharedTensor sb = half ? kb.sharedTensor("sb", DTypes.F16, SharedLayout.swizzledRowMajor(bk, BN, 2)) : null;
        SharedTensor sScale = cfg.tileInOneGroup() ? null : kb.sharedTensor("s_scale", DTypes.F32, SharedLayout.rowMajor(bk, BN));
        SharedTensor sZero = cfg.tileInOneGroup() || gz == null ? null
                : kb.sharedTensor("s_zero", DTypes.F32, SharedLayout.rowMajor(bk, BN));

        kb.forRange("kt", k.ceilDiv(bk), kt -> {
            Scalar k0 = kb.let("k0", kt.times(bk));
            // Stage the A tile and the packed W byte tile in shared memory.
            kb.copyAsync(sa, ga, m0, k0);
            kb.copyAsync(sw, gw, k0, wCol0);
            kb.copyAsyncCommitGroup();
            kb.copyAsyncWaitAll();
            kb.sync();
            RegisterTensor a = kb.loadShared(sa, lay.a(), 0, 0);
            // Whole groups of `bits` bytes per thread, reinterpreted as 8 codes each, then dequantized.
            RegisterTensor bytes = kb.loadShared(sw, lay.wBytes(), 0, 0);
            RegisterTensor codes = kb.view(bytes, wType, lay.w());
            // f16 activations: dequantize in f16 (codes convert exactly, with lop3/prmt for 4- and
            // 8-bit codes) and hand B to the tensor cores in mma fragments through shared memory.
            // f32 activations: dequantize in f32 and multiply on CUDA cores.
            // (codes of float types beyond f16's range do not fit f16: dequantize those in f32).
            DType dq = half && exactInF16(wType) ? DTypes.F16 : DTypes.F32;
            RegisterTensor wf = kb.cast(codes, dq);
            if (cfg.tileInOneGroup()) {
                // One scale group for the whole k-tile: [1, BN] rows broadcast along k.
                Scalar grp = kb.let("grp", k0.div(g));
                if (gz != null) wf = wf.minus(inType(kb, kb.loadGlobal(gz, lay.row(), grp, n0), dq));
                wf = wf.times(inType(kb, kb.loadGlobal(gs, lay.row(), grp, n0), dq));
            } else {
                // General G: each k-row r has group (k0 + r) / G; assemble [BK, BN] tiles row by row.
                for (int r = 0; r < bk; r++) {
                    Scalar grp = k0.plus(r).div(g);
                    kb.storeShared(kb.loadGlobal(gs, lay.row(), grp, n0), sScale, Scalar.i32(r), Scalar.i32(0));
                    if (sZero != null) kb.storeShared(kb.loadGlobal(gz, lay.row(), grp, n0), sZero, Scalar.i32(r), Scalar.i32(0));
                }
                kb.sync();
                if (sZero != null) wf = wf.minus(inType(kb, kb.loadShared(sZero, lay.w(), 0, 0), dq));
                wf = wf.times(inType(kb, kb.loadShared(sScale, lay.w(), 0, 0), dq));
            }
            RegisterTensor b = wf;
            if (half) {
                kb.storeShared(inType(kb, wf, DTypes.F16), sb, Scalar.i32(0), Scalar.i32(0));
                kb.sync();
                b = kb.loadShared(sb, lay.bMma(), 0, 0);
            }
            kb.dot(a, b, acc, acc);
            kb.sync(); // the next iteration overwrites the shared tiles
        });
        kb.storeGlobal(acc, gc, m0, n0);
    }
}
