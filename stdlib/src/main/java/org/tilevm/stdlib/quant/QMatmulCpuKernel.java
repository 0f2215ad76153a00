package org.tilevm.stdlib.quant;

import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.frontend.dsl.SharedTensor;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.ReduceOp;

/**
 * The quantized-matmul program with a CPU tiling ({@link Tiling#cpu}): same parameters, packed
 * format and results (within the tolerance) as the GPU program, shaped for a backend that runs a
 * block as loops over whole tiles.
 *
 * <p>A block computes a {@code bm x bn} tile of C with one warp. Per k-tile of {@code BK} rows it
 * loads A and the packed weight bytes straight from global memory (a CPU has no use for staging
 * through shared memory), views the bytes as codes and converts them to f32. When the k-tile lies
 * in one scale group (G a multiple of 8, the usual case) neither the zero point nor the scale
 * touches a single weight: the k-tile's partial product is {@code A x code - zero * rowsum(A)}
 * (the same value as {@code A x (code - zero)} in exact arithmetic), scaled once and added to the
 * accumulator; per weight that leaves unpack, convert, multiply, add. Otherwise (the general
 * path) each row of the k-tile gets its own scale and zero point through a shared tile, as in the
 * GPU program.
 *
 * <p><b>W4A8</b> (i8 activations, one f32 scale per row, integer weights): A and the codes are
 * widened to i16, the k-tile's partial product is an exact i32 {@code dot}, converted to f32 (exact:
 * under 2^23), minus the (integer) zero points times the row sums of A (exact in f32 for the same
 * reason, which is why W4A8 zero points must lie within +-255); it is scaled as above, and C is finally
 * multiplied by the row scales ({@code a_scales}).
 *
 * <p>Layouts: the bn columns of a tile are bn/8 runs of 8 codes, thread t holding runs t, t + 32, ...
 * of every row ({@code local(rows, bn/256).spatial(1, 32).local(1, 8)}); the bytes of a run are the
 * {@code bits} bytes that pack it, so the {@code view} from bytes to codes stays inside each
 * thread, and the codes of a row are the row's packed bit stream: the JVM backend fuses the load,
 * view, cast and dot of a k-tile into one vector kernel
 * ({@code codegen-jvm} JVM-BACKEND.md, "Fusion").
 */
final class QMatmulCpuKernel {
    private QMatmulCpuKernel() {}


    static Program build(QMatmulConfig cfg) {
        if (!cfg.tiling().cpu()) throw new IllegalArgumentException("QMatmulCpuKernel: " + cfg + " has no CPU tiling");
        return Kernel.build(cfg.kernelName(), kb -> body(kb, cfg));
    }

    /**
     * [rows, bn] with bn/8 runs of {@code run} elements: thread t holds runs t, t + 32, ... of every
     * row (bn >= 256), or run t, replicated over the warp (bn < 256).
     */
    static RegisterLayout columns(int rows, int bn, int run) {
        if (bn / 8 < 32) return Layouts.replicated(32 / (bn / 8), 2).compose(Layouts.local(rows, 1).spatial(1, bn / 8).local(1, run));
        return Layouts.local(rows, bn / 256).spatial(1, 32).local(1, run);
    }

    private static void body(Kernel kb, QMatmulConfig cfg) {
        DType aType = cfg.aType(), wType = cfg.weightType();
        int bits = cfg.bits(), bk = cfg.bk(), g = cfg.groupSize(), bm = cfg.tiling().bm(), bn = cfg.tiling().bn();
        RegisterLayout wLayout = columns(bk, bn, 8), wBytes = columns(bk, bn, bits), accLayout = columns(bm, bn, 8);
        RegisterLayout rowLayout = wLayout.reduce(new int[] {0}, true);
        RegisterLayout aLayout = Layouts.replicated(32, 2).local(bm, bk);

        ScalarParam m = kb.param(QMatmulKernel.M, DTypes.I32), n = kb.param(QMatmulKernel.N, DTypes.I32);
        ScalarParam k = kb.param(QMatmulKernel.K, DTypes.I32);
        ScalarParam n8 = kb.param(QMatmulKernel.N8, DTypes.I32), kg = kb.param(QMatmulKernel.KG, DTypes.I32);
        Pointer pa = kb.pointer(QMatmulKernel.A, aType);
        Pointer pw = kb.pointer(QMatmulKernel.W, DTypes.U8);
        Pointer ps = kb.pointer(QMatmulKernel.SCALES, DTypes.F32);
        Pointer pz = cfg.hasZeros() ? kb.pointer(QMatmulKernel.ZEROS, DTypes.F32) : null;
        Pointer pc = kb.pointer(QMatmulKernel.C, DTypes.F32);
        // W4A8: i8 activation codes with one f32 scale per row; integer dot products
        boolean w4a8 = aType.equals(DTypes.I8);
        Pointer pas = w4a8 ? kb.pointer(QMatmulKernel.A_SCALES, DTypes.F32) : null;
        DType wt = w4a8 ? DTypes.I16 : DTypes.F32;
        kb.warps(1);
        kb.grid(n.ceilDiv(bn), m.ceilDiv(bm));

        GlobalTensor ga = kb.globalView(pa, m, k);
        GlobalTensor gw = kb.globalView(pw, k, n8.times(bits));
        GlobalTensor gs = kb.globalView(ps, kg, n);
        GlobalTensor gz = pz == null ? null : kb.globalView(pz, kg, n);
        GlobalTensor gc = kb.globalView(pc, m, n);

        Scalar m0 = kb.let("m0", kb.blockIdx(1).times(bm));
        Scalar n0 = kb.let("n0", kb.blockIdx(0).times(bn));
        Scalar wCol0 = kb.let("w_col0", kb.blockIdx(0).times(bn / 8 * bits));

        RegisterTensor acc = kb.registerTensor("acc", DTypes.F32, accLayout, 0.0);
        // the zero accumulator of each k-tile's partial product, made once (the dot writes a new tensor)
        RegisterTensor zeros = !cfg.tileInOneGroup() ? null
                : w4a8 ? kb.registerTensor(DTypes.I32, accLayout, 0L) : kb.registerTensor("zeros", DTypes.F32, accLayout, 0.0);
        // z * sum(a) of each k-tile: [bm, bn] in the accumulator's layout (neither factor has that shape)
        RegisterTensor zeroTerm = !cfg.tileInOneGroup() || gz == null ? null
                : kb.registerTensor("zero_term", DTypes.F32, accLayout, (Scalar) null);
        SharedTensor sScale = cfg.tileInOneGroup() ? null : kb.sharedTensor("s_scale", DTypes.F32, SharedLayout.rowMajor(bk, bn));
        SharedTensor sZero = cfg.tileInOneGroup() || gz == null ? null
                : kb.sharedTensor("s_zero", DTypes.F32, SharedLayout.rowMajor(bk, bn));

        kb.forRange("kt", k.ceilDiv(bk), kt -> {
            Scalar k0 = kb.let("k0", kt.times(bk));
            RegisterTensor a = kb.loadGlobal(ga, aLayout, m0, k0);
            if (!a.dtype().equals(wt)) a = kb.cast(a, wt);
            RegisterTensor bytes = kb.loadGlobal(gw, wBytes, k0, wCol0);
            RegisterTensor wf = kb.cast(kb.view(bytes, wType, wLayout), wt);
            if (cfg.tileInOneGroup()) {
                Scalar grp = kb.let("grp", k0.div(g));
                RegisterTensor partial = kb.dot(a, wf, zeros);
                // W4A8: the exact i32 sum, in f32 from here on; every value below is an integer under 2^23
                // (BK <= 128, |a| <= 127, codes and zero points within +-255), so f32 keeps it exact
                if (w4a8) partial = kb.cast(partial, DTypes.F32);
                if (gz != null) {
                    // dot(a, code - z) = dot(a, code) - z * sum(a): the zero point leaves the inner loop
                    // (exact for W4A8; for f32 activations one more rounded product and difference per k-tile)
                    RegisterTensor z = kb.loadGlobal(gz, rowLayout, grp, n0);
                    RegisterTensor sumA = kb.reduce(w4a8 ? kb.cast(a, DTypes.F32) : a, 1, ReduceOp.SUM, true);
                    kb.binary(BinaryOp.MUL, z, sumA, zeroTerm);
                    partial = partial.minus(zeroTerm);
                }
                kb.binary(BinaryOp.ADD, acc, partial.times(kb.loadGlobal(gs, rowLayout, grp, n0)), acc);
            } else {
                for (int r = 0; r < bk; r++) {
                    Scalar grp = k0.plus(r).div(g);
                    kb.storeShared(kb.loadGlobal(gs, rowLayout, grp, n0), sScale, Scalar.i32(r), Scalar.i32(0));
                    if (sZero != null) kb.storeShared(kb.loadGlobal(gz, rowLayout, grp, n0), sZero, Scalar.i32(r), Scalar.i32(0));
                }
                kb.sync();
                if (sZero != null) wf = wf.minus(kb.loadShared(sZero, wLayout, 0, 0));
                wf = wf.times(kb.loadShared(sScale, wLayout, 0, 0));
                kb.dot(a, wf, acc, acc);
                kb.sync(); // the next k-tile rewrites the shared scale rows
            }
        });
        RegisterTensor result = acc;
        if (w4a8) { // C = acc * a_scale of the row
            GlobalTensor gas = kb.globalView(pas, m, Scalar.i32(1));
            result = acc.times(kb.loadGlobal(gas, accLayout.reduce(new int[] {1}, true), m0, Scalar.i32(0)));
        }
        kb.storeGlobal(result, gc, m0, n0);
    }
}
