package org.tilevm.codegen.ptx.cuda;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt.Load;
import org.tilevm.codegen.ptx.tir.TStmt.Space;
import org.tilevm.codegen.ptx.tir.TStmt.Store;

/**
 * Renders {@link Load} and {@link Store}. Addresses are bit addresses: global ones relative to a
 * byte-pointer parameter, shared ones from the start of {@code smem}. An access of 8, 16, 32, 64
 * or 128 bits whose address is aligned to its size (the statement's {@code align} guarantee) is
 * one C access of that width ({@code unsigned char} .. {@code tv_u32x4}, which the compiler emits
 * as one {@code ld/st.global/shared[.v2/.v4]}); its bits then move to or from the register array
 * at any bit position. Every other access goes through {@code tv_ldbits}/{@code tv_stbits} in
 * chunks of at most 64 bits (bytes assembled; partial bytes stored atomically).
 */
final class MemoryPrinter {
    private final CudaStmtPrinter p;

    MemoryPrinter(CudaStmtPrinter p) { this.p = p; }

    /** The C type of a whole aligned access of {@code nbits}, or null when none applies. */
    private static String unit(int nbits, int align) {
        if (align < nbits) return null;
        return switch (nbits) {
            case 8 -> "unsigned char";
            case 16 -> "unsigned short";
            case 32 -> "unsigned";
            case 64 -> "tv_u32x2";
            case 128 -> "tv_u32x4";
            default -> null;
        };
    }

    private static void checkShape(int nbits, int align) {
        if (nbits < 1 || nbits > 128) throw new CudaException(nbits + " bits (expected 1..128)");
        if (align < 1 || align > 128 || Integer.bitCount(align) != 1) {
            throw new CudaException("alignment " + align + " bits (expected a power of two up to 128)");
        }
    }

    /** {@code base} and the bit address expression, checked for the space. */
    private String[] place(Space space, String ptr, TExpr bitAddr) {
        if (space == Space.GLOBAL) {
            CudaExprPrinter.want(bitAddr, ScalarType.I64, "global bit address");
            return new String[] {p.pointer(ptr), p.ex.expr(bitAddr)};
        }
        CudaExprPrinter.want(bitAddr, ScalarType.I32, "shared bit address");
        return new String[] {"smem", p.ex.expr(bitAddr)};
    }

    void load(Load l) {
        checkShape(l.nbits(), l.align());
        BitFields.check(l.array(), p.words(l.array()), l.dstBit(), l.nbits());
        CudaExprPrinter.want(l.pred(), ScalarType.PRED, "load predicate");
        String[] at = place(l.space(), l.ptr(), l.bitAddr());
        String arr = CudaNames.of(l.array());
        boolean always = CudaStmtPrinter.isTrue(l.pred());
        String pred = always ? null : p.ex.top(l.pred());
        String unit = unit(l.nbits(), l.align());
        CodeWriter out = p.out;
        if (unit != null && l.nbits() <= 32) {
            String ld = "*reinterpret_cast<const " + unit + "*>(" + at[0] + " + (" + at[1] + " >> 3))";
            String v = always ? ld : "(" + pred + " ? (unsigned)" + ld + " : 0u)";
            if (!BitFields.straddles(l.dstBit(), l.nbits())) {
                BitFields.set(out, arr, l.dstBit(), l.nbits(), l.nbits() == 32 || !always ? v : "(unsigned)" + v, false);
                return;
            }
            out.open("{");
            out.line("const unsigned tv_t = " + CudaExprPrinter.strip(v) + ";");
            BitFields.set(out, arr, l.dstBit(), l.nbits(), "tv_t", false);
            out.close("}");
            return;
        }
        out.open("{");
        if (unit != null) { // 64 or 128 bits in one vector access
            p.prelude.require(unit);
            String ld = "*reinterpret_cast<const " + unit + "*>(" + at[0] + " + (" + at[1] + " >> 3))";
            String[] fields = {"x", "y", "z", "w"};
            int n = l.nbits() / 32;
            if (always) {
                out.line("const " + unit + " tv_t = " + ld + ";");
            } else {
                out.line(unit + " tv_t = {" + String.join(", ", java.util.Collections.nCopies(n, "0u")) + "};");
                out.line("if (" + pred + ") tv_t = " + ld + ";");
            }
            for (int i = 0; i < n; i++) BitFields.set(out, arr, l.dstBit() + 32 * i, 32, "tv_t." + fields[i], false);
        } else {
            p.prelude.require("tv_ldbits");
            String addr = CudaExprPrinter.strip(at[1]);
            int chunks = (l.nbits() + 63) / 64;
            if (chunks > 1) {
                out.line("const " + (l.space() == Space.GLOBAL ? "long long" : "int") + " tv_a = " + addr + ";");
                addr = "tv_a";
            }
            for (int k = 0; k < chunks; k++) {
                int n = Math.min(64, l.nbits() - 64 * k);
                String a = k == 0 ? addr : addr + " + " + 64 * k;
                String ld = "tv_ldbits<" + l.align() + ">(" + at[0] + ", " + a + ", " + n + ")";
                String v = always ? ld : pred + " ? " + ld + " : 0ull";
                out.line("const unsigned long long tv_t" + k + " = " + v + ";");
                BitFields.set(out, arr, l.dstBit() + 64 * k, n, "tv_t" + k, true);
            }
        }
        out.close("}");
    }

    void store(Store s) {
        checkShape(s.nbits(), s.align());
        BitFields.check(s.array(), p.words(s.array()), s.srcBit(), s.nbits());
        String[] at = place(s.space(), s.ptr(), s.bitAddr());
        String arr = CudaNames.of(s.array());
        String unit = unit(s.nbits(), s.align());
        boolean opened = p.openPred(s.pred());
        CodeWriter out = p.out;
        if (unit != null) {
            String dst = "*reinterpret_cast<" + unit + "*>(" + at[0] + " + (" + at[1] + " >> 3))";
            String v;
            if (s.nbits() <= 32) {
                v = BitFields.get(arr, s.srcBit(), s.nbits());
                if (s.nbits() < 32) v = "(" + unit + ")" + v;
            } else {
                p.prelude.require(unit);
                StringBuilder sb = new StringBuilder(unit).append("{");
                for (int i = 0; i < s.nbits() / 32; i++) {
                    sb.append(i > 0 ? ", " : "").append(BitFields.get(arr, s.srcBit() + 32 * i, 32));
                }
                v = sb.append("}").toString();
            }
            out.line(dst + " = " + v + ";");
        } else {
            p.prelude.require("tv_stbits");
            String addr = CudaExprPrinter.strip(at[1]);
            int chunks = (s.nbits() + 63) / 64;
            if (chunks > 1) {
                out.open("{");
                out.line("const " + (s.space() == Space.GLOBAL ? "long long" : "int") + " tv_a = " + addr + ";");
                addr = "tv_a";
            }
            for (int k = 0; k < chunks; k++) {
                int n = Math.min(64, s.nbits() - 64 * k);
                String a = k == 0 ? addr : addr + " + " + 64 * k;
                out.line("tv_stbits<" + s.align() + ">(" + at[0] + ", " + a + ", " + n + ", "
                        + CudaExprPrinter.strip(BitFields.get(arr, s.srcBit() + 64 * k, n)) + ");");
            }
            if (chunks > 1) out.close("}");
        }
        if (opened) out.close("}");
    }
}
