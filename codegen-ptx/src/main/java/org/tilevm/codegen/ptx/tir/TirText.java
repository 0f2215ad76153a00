package org.tilevm.codegen.ptx.tir;

import java.util.Locale;
import java.util.StringJoiner;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.print.ProgramPrinter;

/**
 * The compact text form of thread-level programs: one line per statement, two spaces of indent per
 * nesting level, expressions in infix form. It is stable (the same program always prints the same
 * text), so tests can compare it and failure messages can show it; {@code --emit tir} prints it.
 * It is a dump, not a language: nothing parses it. The forms are listed in {@code codegen-ptx/TIR.md}.
 * Malformed programs print too (missing parts show as {@code <null>}), since the verifier quotes them.
 */
public final class TirText {
    private static final String INDENT = "  ";

    private TirText() {}

    /** The whole program: a header line, the body indented, a closing brace; ends with a newline. */
    public static String render(ThreadProgram p) {
        StringBuilder sb = new StringBuilder(header(p)).append(" {\n");
        body(sb, p.body(), 1);
        return sb.append("}\n").toString();
    }

    /**
     * {@code kernel NAME(a: ptr<f16>, n: i32) grid [n / 64] threads 128 shared 4096}: the
     * parameters and grid as in the block-level text form.
     */
    public static String header(ThreadProgram p) {
        StringJoiner params = new StringJoiner(", ", "kernel " + p.name() + "(", ")");
        for (Param q : p.params()) params.add(q == null || q.dtype() == null ? String.valueOf(q) : ProgramPrinter.print(q));
        StringJoiner grid = new StringJoiner(", ", " grid [", "]");
        for (Expr e : p.grid()) grid.add(safe(e));
        return params + grid.toString() + " threads " + p.numThreads() + " shared " + p.sharedBytes();
    }

    /** A statement; a compound one over several lines (no trailing newline). */
    public static String render(TStmt s) {
        StringBuilder sb = new StringBuilder();
        stmt(sb, s, 0);
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** The first line of a statement: all of a simple one, the header of a compound one ({@code for k < n {}). */
    public static String head(TStmt s) {
        String text = render(s);
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** An expression in infix form. */
    public static String render(TExpr e) {
        return TirExprText.render(e);
    }

    // ---------------------------------------------------------------- statements

    /** A body: the items of a sequence (which opens no extra braces), or the one statement. */
    private static void body(StringBuilder sb, TStmt body, int depth) {
        if (body instanceof TStmt.Seq seq) {
            for (TStmt s : seq.body()) stmt(sb, s, depth);
        } else {
            stmt(sb, body, depth);
        }
    }

    private static void stmt(StringBuilder sb, TStmt s, int depth) {
        String ind = INDENT.repeat(depth);
        switch (s) {
            case null -> sb.append(ind).append("<null>\n");
            case TStmt.Seq seq -> {
                sb.append(ind).append("{\n");
                body(sb, seq, depth + 1);
                sb.append(ind).append("}\n");
            }
            case TStmt.For f -> {
                sb.append(ind).append("for ").append(name(f.var()));
                if (f.var() != null && f.var().type() != ScalarType.I32) sb.append(": ").append(TirTypes.name(f.var().type()));
                sb.append(" < ").append(render(f.extent()));
                if (f.unroll() == -1) sb.append(" unroll full");
                else if (f.unroll() != 0) sb.append(" unroll ").append(f.unroll());
                sb.append(" {\n");
                body(sb, f.body(), depth + 1);
                sb.append(ind).append("}\n");
            }
            case TStmt.If i -> {
                sb.append(ind).append("if (").append(render(i.cond())).append(") {\n");
                body(sb, i.then(), depth + 1);
                if (i.otherwise() != null) {
                    sb.append(ind).append("} else {\n");
                    body(sb, i.otherwise(), depth + 1);
                }
                sb.append(ind).append("}\n");
            }
            case TStmt.While w -> {
                sb.append(ind).append("while (").append(render(w.cond())).append(") {\n");
                body(sb, w.body(), depth + 1);
                sb.append(ind).append("}\n");
            }
            default -> sb.append(ind).append(simple(s)).append('\n');
        }
    }

    /** The one-line form of a statement without a body. */
    private static String simple(TStmt s) {
        return switch (s) {
            case TStmt.Comment c -> "// " + (c.text() == null ? "<null>" : c.text().replace("\r", "\\r").replace("\n", "\\n"));
            case TStmt.Let l -> "let " + decl(l.var()) + " = " + render(l.value());
            case TStmt.Assign a -> name(a.var()) + " = " + render(a.value());
            case TStmt.Break b -> "break";
            case TStmt.Array a -> "array " + a.name() + "[" + a.words() + "]";
            case TStmt.SetBits b -> TirExprText.bits(b.array(), b.bit(), b.nbits()) + " = " + render(b.value());
            case TStmt.Load l -> "load." + space(l.space()) + " " + TirExprText.bits(l.array(), l.dstBit(), l.nbits())
                    + " <- " + address(l.space(), l.ptr(), l.bitAddr()) + " align " + l.align() + pred(l.pred());
            case TStmt.Store st -> "store." + space(st.space()) + " " + address(st.space(), st.ptr(), st.bitAddr())
                    + " <- " + TirExprText.bits(st.array(), st.srcBit(), st.nbits()) + " align " + st.align()
                    + pred(st.pred());
            case TStmt.CpAsync c -> "cp.async." + c.bytes() + " smem.byte[" + render(c.smemByteAddr()) + "] <- "
                    + ptr(c.ptr()) + ".byte[" + render(c.gByteAddr()) + "]"
                    + (c.srcBytes() instanceof TExpr.Const k && k.type() == ScalarType.I32 && k.bits() == c.bytes()
                            ? "" : " src_bytes " + render(c.srcBytes())) + pred(c.pred());
            case TStmt.CpAsyncCommit c -> "cp.async.commit";
            case TStmt.CpAsyncWait w -> "cp.async.wait " + w.n();
            case TStmt.Ldmatrix l -> "ldmatrix.x" + l.count() + (l.trans() ? ".trans " : " ")
                    + words(l.array(), l.word(), l.count()) + " <- smem.byte[" + render(l.smemByteAddr()) + "]";
            case TStmt.Mma m -> mma(m);
            case TStmt.Shfl sh -> "let " + decl(sh.dst()) + " = shfl."
                    + (sh.mode() == null ? "<null>" : sh.mode().name().toLowerCase(Locale.ROOT)) + "("
                    + render(sh.value()) + ", " + render(sh.lane()) + ")";
            case TStmt.BarSync b -> "bar.sync";
            case TStmt.Printf p -> {
                StringJoiner j = new StringJoiner(", ", "printf(", ")");
                j.add(quote(p.format()));
                for (TExpr a : p.args()) j.add(render(a));
                yield j + pred(p.pred());
            }
            case TStmt.AtomicWait w -> "atomic.wait.acquire " + ptr(w.ptr()) + ".byte[" + render(w.byteAddr()) + "] == "
                    + render(w.value()) + pred(w.pred());
            case TStmt.AtomicStore w -> "atomic.store.release " + ptr(w.ptr()) + ".byte[" + render(w.byteAddr())
                    + "] = " + render(w.value()) + pred(w.pred());
            case TStmt.Seq q -> throw new AssertionError("compound");
            case TStmt.For f -> throw new AssertionError("compound");
            case TStmt.If i -> throw new AssertionError("compound");
            case TStmt.While w -> throw new AssertionError("compound");
        };
    }

    /** {@code mma.m16n8k16.f32.f16 d.w[0+:4] = a.w[0+:4] * b.w[0+:2] + c.w[0+:4]}. */
    private static String mma(TStmt.Mma m) {
        MmaForm f = m.shape() == null ? null : MmaForm.of(m.shape()).orElse(null);
        int aw = f == null ? 1 : f.aWords(), bw = f == null ? 1 : f.bWords(), cw = f == null ? 1 : f.cWords();
        String shape = m.shape() == null ? "<null>" : m.shape().name().toLowerCase(Locale.ROOT);
        return "mma." + shape + "." + TirExprText.dtype(m.cType()) + "." + TirExprText.dtype(m.abType()) + " "
                + words(m.d(), m.dWord(), cw) + " = " + words(m.a(), m.aWord(), aw) + " * " + words(m.b(), m.bWord(), bw)
                + " + " + words(m.c(), m.cWord(), cw);
    }

    /** {@code r.w[4+:2]}: words {@code [4, 6)} of a register array. */
    private static String words(String array, int word, int count) {
        return (array == null ? "<null>" : array) + ".w[" + word + "+:" + count + "]";
    }

    /** {@code smem.bit[e]} or {@code a.bit[e]}: a bit address in shared memory or relative to a pointer. */
    private static String address(TStmt.Space space, String ptr, TExpr bitAddr) {
        return (space == TStmt.Space.SHARED ? "smem" : ptr(ptr)) + ".bit[" + render(bitAddr) + "]";
    }

    private static String space(TStmt.Space space) {
        return space == null ? "<null>" : space.name().toLowerCase(Locale.ROOT);
    }

    private static String ptr(String ptr) {
        return ptr == null ? "<null>" : ptr;
    }

    /** {@code  if p}, or nothing when the predicate is the constant true. */
    private static String pred(TExpr pred) {
        if (pred instanceof TExpr.Const c && c.type() == ScalarType.PRED && c.bits() == 1) return "";
        return " if " + render(pred);
    }

    private static String name(TExpr.Var v) {
        return v == null || v.name() == null ? "<null>" : v.name();
    }

    private static String decl(TExpr.Var v) {
        return v == null ? "<null>" : name(v) + ": " + TirTypes.name(v.type());
    }

    private static String quote(String s) {
        if (s == null) return "<null>";
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    private static String safe(Expr e) {
        try {
            return ProgramPrinter.print(e);
        } catch (RuntimeException ex) {
            return String.valueOf(e);
        }
    }

}
