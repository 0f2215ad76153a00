package org.tilevm.codegen.ptx.lower;

import org.tilevm.codegen.ptx.tir.TStmt.MmaShape;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * The register layouts of the {@code mma.sync} fragments (PTX ISA, "Matrix fragments for
 * mma.m16n8k16 / m16n8k8 / m16n8k32"), written in the layout algebra over one warp. A dot whose
 * operand layouts are divisible by these atoms maps onto mma instructions register for register.
 *
 * @param shape the instruction shape
 * @param ab    the operand dtype (f16, bf16, i8 or u8)
 * @param acc   the accumulator dtype (f32 or i32)
 * @param a     A fragment [16, k]
 * @param b     B fragment [k, 8]
 * @param c     C/D fragment [16, 8]
 */
record MmaAtoms(MmaShape shape, DType ab, DType acc, RegisterLayout a, RegisterLayout b, RegisterLayout c) {

    static final RegisterLayout C = Layouts.local(2, 1).spatial(8, 4).local(1, 2);

    /** The atoms for operands of {@code ab} accumulating in {@code acc}, or null when mma does not apply. */
    static MmaAtoms[] candidates(DType ab, DType acc) {
        if ((ab.equals(DTypes.F16) || ab.equals(DTypes.BF16)) && acc.equals(DTypes.F32)) {
            return new MmaAtoms[] {
                new MmaAtoms(MmaShape.M16N8K16, ab, acc, Layouts.columnLocal(2, 2).spatial(8, 4).local(1, 2),
                        Layouts.local(2, 1).columnSpatial(4, 8).local(2, 1), C),
                new MmaAtoms(MmaShape.M16N8K8, ab, acc, Layouts.local(2, 1).spatial(8, 4).local(1, 2),
                        Layouts.columnSpatial(4, 8).local(2, 1), C),
            };
        }
        if ((ab.equals(DTypes.I8) || ab.equals(DTypes.U8)) && acc.equals(DTypes.I32)) {
            return new MmaAtoms[] {
                new MmaAtoms(MmaShape.M16N8K32, ab, acc, Layouts.columnLocal(2, 2).spatial(8, 4).local(1, 4),
                        Layouts.local(2, 1).columnSpatial(4, 8).local(4, 1), C),
            };
        }
        return new MmaAtoms[0];
    }

    /** 32-bit words per A, B and C fragment. */
    int aWords() { return a.localSize() * ab.bits() / 32; }

    int bWords() { return b.localSize() * ab.bits() / 32; }

    int cWords() { return c.localSize(); }
}
