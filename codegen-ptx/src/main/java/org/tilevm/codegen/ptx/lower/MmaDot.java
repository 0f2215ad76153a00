package org.tilevm.codegen.ptx.lower;

import org.tilevm.spec.ir.Dot;

/** dot as {@code mma.sync} fragments (written in the next increment). */
final class MmaDot {
    private MmaDot() {}

    static boolean tryLower(Dot ins, LowerContext ctx) { return false; }
}
