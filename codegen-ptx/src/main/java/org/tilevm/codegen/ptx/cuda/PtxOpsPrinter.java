package org.tilevm.codegen.ptx.cuda;

import java.util.ArrayList;
import java.util.List;
import org.tilevm.codegen.ptx.tir.MmaForm;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * Renders the statements that are single PTX instructions as inline {@code asm volatile}:
 * {@code cp.async}, {@code ldmatrix}, {@code mma.sync}, shuffles and the acquire/release accesses
 * of semaphores. Register-array operands are bound as {@code "r"(array[word])} with constant
 * words; shared addresses are 32-bit shared-window addresses ({@code tv_smem_base + offset}).
 */
final class PtxOpsPrinter {
    private final CudaStmtPrinter p;

    PtxOpsPrinter(CudaStmtPrinter p) { this.p = p; }

    void cpAsync(CpAsync c) {
        String cache = switch (c.bytes()) {
            case 4, 8 -> "ca";
            case 16 -> "cg";
            default -> throw new CudaException("cp.async of " + c.bytes() + " bytes (expected 4, 8 or 16)");
        };
        CudaExprPrinter.want(c.gByteAddr(), ScalarType.I64, "global byte address");
        CudaExprPrinter.want(c.srcBytes(), ScalarType.I32, "source bytes");
        String smem = p.smemAddress(c.smemByteAddr());
        String g = p.pointer(c.ptr()) + " + " + p.ex.expr(c.gByteAddr());
        boolean opened = p.openPred(c.pred());
        p.out.line("asm volatile(\"cp.async." + cache + ".shared.global [%0], [%1], " + c.bytes() + ", %2;\\n\" :: \"r\"(" + smem
                + "), \"l\"(" + g + "), \"r\"(" + p.ex.top(c.srcBytes()) + ") : \"memory\");");
        if (opened) p.out.close("}");
    }

    void ldmatrix(Ldmatrix l) {
        BitFields.check(l.array(), p.words(l.array()), 32 * l.word(), 32 * l.count());
        String arr = CudaNames.of(l.array());
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < l.count(); i++) outs.add("\"=r\"(" + arr + "[" + (l.word() + i) + "])");
        String smem = p.smemAddress(l.smemByteAddr());
        p.out.line("asm volatile(\"ldmatrix.sync.aligned.m8n8.x" + l.count() + (l.trans() ? ".trans" : "") + ".shared.b16 "
                + operands(0, l.count()) + ", [%" + l.count() + "];\\n\"");
        p.out.line("             : " + String.join(", ", outs) + " : \"r\"(" + smem + ") : \"memory\");");
    }

    private static String ptxType(DType t) {
        if (t.equals(DTypes.F16)) return "f16";
        if (t.equals(DTypes.BF16)) return "bf16";
        if (t.equals(DTypes.F32)) return "f32";
        if (t.equals(DTypes.I8)) return "s8";
        if (t.equals(DTypes.U8)) return "u8";
        if (t.equals(DTypes.I32)) return "s32";
        throw new CudaException("no mma.sync operand type for " + t.name());
    }

    void mma(Mma m) {
        MmaForm form = MmaForm.find(m.shape(), m.abType(), m.cType()).orElseThrow(() -> new CudaException("no mma.sync "
                + m.shape().name().toLowerCase(java.util.Locale.ROOT) + " for " + m.abType().name() + " inputs with " + m.cType().name()
                + " accumulators (forms: " + MmaForm.ALL.stream().map(f -> f.shape().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + f.describeTypes()).collect(java.util.stream.Collectors.joining("; ")) + ")"));
        int[] ab = {form.aWords(), form.bWords()};
        String abt = ptxType(m.abType()), ct = ptxType(m.cType());
        List<String> outs = regs(m.d(), m.dWord(), form.cWords(), "=r");
        List<String> ins = new ArrayList<>(regs(m.a(), m.aWord(), ab[0], "r"));
        ins.addAll(regs(m.b(), m.bWord(), ab[1], "r"));
        ins.addAll(regs(m.c(), m.cWord(), form.cWords(), "r"));
        String shape = m.shape().name().toLowerCase(java.util.Locale.ROOT);
        int cw = form.cWords();
        String ops = operands(0, cw) + ", " + operands(cw, ab[0]) + ", " + operands(cw + ab[0], ab[1]) + ", "
                + operands(cw + ab[0] + ab[1], cw);
        p.out.line("asm volatile(\"mma.sync.aligned." + shape + ".row.col." + ct + "." + abt + "." + abt + "." + ct + " "
                + ops + ";\\n\"");
        p.out.line("             : " + String.join(", ", outs));
        p.out.line("             : " + String.join(", ", ins) + ");");
    }

    private List<String> regs(String array, int word, int count, String constraint) {
        BitFields.check(array, p.words(array), 32 * word, 32 * count);
        String arr = CudaNames.of(array);
        List<String> r = new ArrayList<>();
        for (int i = 0; i < count; i++) r.add("\"" + constraint + "\"(" + arr + "[" + (word + i) + "])");
        return r;
    }

    /** {@code {%first, ..., %(first+count-1)}}. */
    private static String operands(int first, int count) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < count; i++) sb.append(i > 0 ? ", " : "").append('%').append(first + i);
        return sb.append('}').toString();
    }

    void shfl(Shfl s) {
        CudaExprPrinter.want(s.dst(), ScalarType.U32, "shuffle destination");
        CudaExprPrinter.want(s.lane(), ScalarType.I32, "shuffle lane");
        String h = "tv_shfl_" + s.mode().name().toLowerCase(java.util.Locale.ROOT);
        p.prelude.require(h);
        p.out.line("unsigned " + CudaNames.of(s.dst().name()) + " = " + h + "(" + p.ex.u32(s.value()) + ", "
                + p.ex.top(s.lane()) + ");");
    }

    void atomicWait(AtomicWait w) {
        CudaExprPrinter.want(w.byteAddr(), ScalarType.I64, "semaphore byte address");
        p.prelude.require("tv_ld_acquire");
        boolean opened = p.openPred(w.pred());
        p.out.open("while (tv_ld_acquire(" + p.pointer(w.ptr()) + " + " + p.ex.expr(w.byteAddr()) + ") != " + p.ex.u32(w.value())
                + ") {");
        p.out.close("}");
        if (opened) p.out.close("}");
    }

    void atomicStore(AtomicStore a) {
        CudaExprPrinter.want(a.byteAddr(), ScalarType.I64, "semaphore byte address");
        p.prelude.require("tv_st_release");
        boolean opened = p.openPred(a.pred());
        p.out.line("tv_st_release(" + p.pointer(a.ptr()) + " + " + p.ex.expr(a.byteAddr()) + ", " + p.ex.u32(a.value()) + ");");
        if (opened) p.out.close("}");
    }

}
