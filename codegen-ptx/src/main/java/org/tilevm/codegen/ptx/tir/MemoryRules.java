package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import org.tilevm.codegen.ptx.tir.TStmt.Space;

/**
 * The checks of memory and warp operations used by {@link StmtRules}: access sizes and alignments,
 * address types per space (shared addresses are {@code I32} from the start of the block's shared
 * memory, global ones {@code I64} relative to a named pointer parameter), constant addresses inside
 * the declared shared memory, word ranges of register arrays, and the {@code mma.sync} forms of
 * {@link MmaForm}.
 */
final class MemoryRules {
    private MemoryRules() {}

    static boolean nbits(int nbits, TirRuleContext cx) {
        return nbits >= 1 && nbits <= 128 || cx.fail("nbits must be 1..128, got " + nbits);
    }

    static boolean align(int align, TirRuleContext cx) {
        return align >= 1 && align <= 128 && Integer.bitCount(align) == 1
                || cx.fail("align must be a power of two from 1 to 128 (bits), got " + align);
    }

    /** The address of a {@link TStmt.Load} or {@link TStmt.Store} in its space. */
    static boolean bitAddress(Space space, String ptr, TExpr bitAddr, int nbits, int align, TirRuleContext cx) {
        if (space == Space.GLOBAL) {
            return pointer(ptr, cx) && StmtRules.type("bitAddr", bitAddr, cx, I64)
                    && constAligned("bitAddr", bitAddr, align, "align", cx);
        }
        if (ptr != null) return cx.fail("a shared access names no pointer, but ptr is '" + ptr + "'");
        if (!StmtRules.type("bitAddr", bitAddr, cx, I32) || !declaresShared(cx)) return false;
        if (!(bitAddr instanceof TExpr.Const k)) return true;
        return constAligned("bitAddr", bitAddr, align, "align", cx)
                && inside("bitAddr", k.bits(), nbits, 8L * cx.program().sharedBytes(), "bits", cx);
    }

    /** A shared byte address: I32; when constant, a multiple of {@code alignment} with {@code size} bytes inside. */
    static boolean sharedBytes(String role, TExpr byteAddr, int size, int alignment, TirRuleContext cx) {
        if (!StmtRules.type(role, byteAddr, cx, I32) || !declaresShared(cx)) return false;
        if (!(byteAddr instanceof TExpr.Const k)) return true;
        return constAligned(role, byteAddr, alignment, "its size", cx)
                && inside(role, k.bits(), size, cx.program().sharedBytes(), "bytes", cx);
    }

    private static boolean declaresShared(TirRuleContext cx) {
        return cx.program().sharedBytes() > 0
                || cx.fail("the program declares no shared memory (sharedBytes 0)");
    }

    private static boolean inside(String role, long start, long size, long limit, String unit, TirRuleContext cx) {
        return start >= 0 && start + size <= limit || cx.fail(role + " " + start + ": " + unit + " [" + start + ", "
                + (start + size) + ") are outside the block's shared memory (" + limit + " " + unit + ")");
    }

    /** A constant address is a multiple of {@code alignment}; other addresses are the simulator's to check. */
    static boolean constAligned(String role, TExpr addr, int alignment, String what, TirRuleContext cx) {
        if (!(addr instanceof TExpr.Const k) || !cx.ok(addr)) return true;
        return Math.floorMod(k.bits(), (long) alignment) == 0
                || cx.fail(role + " " + k.bits() + " is not a multiple of " + what + " (" + alignment + ")");
    }

    /** {@code ptr} names a pointer parameter of the program. */
    static boolean pointer(String ptr, TirRuleContext cx) {
        if (ptr == null) return cx.fail("a global access needs a pointer parameter (ptr is null)");
        TirScope.Decl d = cx.lookup(ptr);
        if (d == null || !d.kind().isParam()) {
            return cx.fail("ptr '" + ptr + "' is not a parameter of the program"
                    + (d == null ? "" : " (it is a " + d.kind().description + ")"));
        }
        return d.kind() == TirScope.Kind.POINTER_PARAM || cx.fail("ptr '" + ptr + "' is a scalar parameter, not a pointer");
    }

    /** Words {@code [word, word+count)} lie inside declared register array {@code array}. */
    static boolean wordRange(String role, String array, int word, int count, TirRuleContext cx) {
        TirScope.Decl d = ExprRules.array(array, cx);
        if (d == null) return false;
        return word >= 0 && (long) word + count <= d.words() || cx.fail(role + ": words [" + word + ", "
                + ((long) word + count) + ") are outside register array '" + array + "' (" + d.words() + " words)");
    }

    static boolean mma(TStmt.Mma m, TirRuleContext cx) {
        if (m.shape() == null || m.abType() == null || m.cType() == null) {
            return cx.fail("the shape, abType and cType must all be given");
        }
        MmaForm form = MmaForm.find(m.shape(), m.abType(), m.cType()).orElse(null);
        if (form == null) {
            String expected = MmaForm.of(m.shape()).map(MmaForm::describeTypes).orElse("no dtypes");
            return cx.fail("mma." + m.shape().name().toLowerCase(java.util.Locale.ROOT) + " takes " + expected
                    + ", not " + m.abType().name() + " inputs with " + m.cType().name() + " accumulators");
        }
        return wordRange("d", m.d(), m.dWord(), form.cWords(), cx) && wordRange("a", m.a(), m.aWord(), form.aWords(), cx)
                && wordRange("b", m.b(), m.bWord(), form.bWords(), cx) && wordRange("c", m.c(), m.cWord(), form.cWords(), cx);
    }

    /** The operands of the 32-bit global atomics: a pointer, an I64 byte address (word-aligned), an I32/U32 value. */
    static boolean word32(String ptr, TExpr byteAddr, TExpr value, TirRuleContext cx) {
        return pointer(ptr, cx) && StmtRules.type("byteAddr", byteAddr, cx, I64)
                && constAligned("byteAddr", byteAddr, 4, "the word size", cx)
                && StmtRules.type("value", value, cx, I32, U32);
    }
}
