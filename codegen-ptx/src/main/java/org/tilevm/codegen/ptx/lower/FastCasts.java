package org.tilevm.codegen.ptx.lower;

import org.tilevm.spec.ir.Cast;

/**
 * Casts of packed low-bit codes with bit tricks ({@code lop3}, {@code prmt}, packed f16x2 math)
 * instead of one conversion per element (written in the next increment).
 */
final class FastCasts {
    private FastCasts() {}

    static boolean tryLower(Cast ins, LowerContext ctx) { return false; }
}
