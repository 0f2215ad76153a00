package org.tilevm.codegen.ptx.lower;

/**
 * {@code load_shared} as {@code ldmatrix} when the register layout is made of 8x8 16-bit
 * ldmatrix atoms (written in the next increment; until then every load goes through
 * {@link Transfers}).
 */
final class Ldmatrix {
    private Ldmatrix() {}

    static boolean tryLower(LowerContext ctx, Binding.Reg out, Binding.Smem s, org.tilevm.codegen.ptx.tir.TExpr[] offsets) {
        return false;
    }
}
