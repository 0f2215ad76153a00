package org.tilevm.codegen.ptx.cuda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.spec.ir.Param;

/**
 * Renders the statements of one kernel body, one C statement (or block) per TIR statement. Keeps
 * the scopes of register arrays (so accesses are checked against their sizes) and records
 * whether the kernel needs the 32-bit shared-window base address ({@code tv_smem_base}). Memory
 * statements are delegated to {@link MemoryPrinter}, warp and asynchronous operations to
 * {@link PtxOpsPrinter}.
 */
final class CudaStmtPrinter {
    final CodeWriter out;
    final Prelude prelude;
    final CudaExprPrinter ex;
    private final String kernel;
    private final Map<String, Param> params;
    private final Deque<Map<String, Integer>> arrays = new ArrayDeque<>();
    private final MemoryPrinter memory = new MemoryPrinter(this);
    private final PtxOpsPrinter ptx = new PtxOpsPrinter(this);
    private boolean usesSmemBase;
    private int ordinal;

    CudaStmtPrinter(String kernel, List<Param> params, Prelude prelude, int depth) {
        this.kernel = kernel;
        this.params = params.stream().collect(Collectors.toMap(Param::name, p -> p, (a, b) -> a));
        this.prelude = prelude;
        this.out = new CodeWriter(depth);
        this.ex = new CudaExprPrinter(prelude, this::words);
        arrays.push(new HashMap<>());
    }

    boolean usesSmemBase() { return usesSmemBase; }

    /** The C expression of the 32-bit shared-window address of shared byte address {@code byteAddr} (I32). */
    String smemAddress(TExpr byteAddr) {
        CudaExprPrinter.want(byteAddr, ScalarType.I32, "shared byte address");
        usesSmemBase = true;
        return "tv_smem_base + (unsigned)" + ex.expr(byteAddr);
    }

    /** The words of register array {@code name}, which must be declared in an enclosing scope. */
    int words(String name) {
        for (Map<String, Integer> scope : arrays) {
            Integer w = scope.get(name);
            if (w != null) return w;
        }
        throw new CudaException("register array '" + name + "' is not declared");
    }

    /** The C name of pointer parameter {@code name}. */
    String pointer(String name) {
        Param p = params.get(name);
        if (p == null || !p.pointer()) throw new CudaException("'" + name + "' is not a pointer parameter of kernel " + kernel);
        return CudaNames.of(name);
    }

    /** The statements of a block without braces (a {@link Seq}'s statements share the enclosing braces). */
    void body(TStmt s) {
        if (s instanceof Seq q) {
            arrays.push(new HashMap<>());
            for (TStmt x : q.body()) stmt(x);
            arrays.pop();
        } else {
            stmt(s);
        }
    }

    void stmt(TStmt s) {
        int n = ++ordinal;
        try {
            render(s);
        } catch (CudaException e) {
            throw e.at("kernel " + kernel + ", statement " + n + " (" + describe(s) + ")");
        }
    }

    private void render(TStmt s) {
        switch (s) {
            case Seq q -> {
                out.open("{");
                body(q);
                out.close("}");
            }
            case Comment c -> out.comment(c.text());
            case Let l -> out.line(l.var().type().cName() + " " + CudaNames.of(l.var().name()) + " = " + value(l.var(), l.value()) + ";");
            case Assign a -> out.line(CudaNames.of(a.var().name()) + " = " + value(a.var(), a.value()) + ";");
            case For f -> {
                CudaExprPrinter.want(f.var(), ScalarType.I32, "loop variable");
                CudaExprPrinter.want(f.extent(), ScalarType.I32, "loop extent");
                if (f.unroll() == -1) out.line("#pragma unroll");
                else if (f.unroll() > 0) out.line("#pragma unroll " + f.unroll());
                String v = CudaNames.of(f.var().name());
                out.open("for (int " + v + " = 0; " + v + " < " + ex.top(f.extent()) + "; ++" + v + ") {");
                body(f.body());
                out.close("}");
            }
            case If i -> {
                out.open("if (" + cond(i.cond()) + ") {");
                body(i.then());
                if (i.otherwise() != null) {
                    out.reopen("} else {");
                    body(i.otherwise());
                }
                out.close("}");
            }
            case While w -> {
                out.open("while (" + cond(w.cond()) + ") {");
                body(w.body());
                out.close("}");
            }
            case Break b -> out.line("break;");
            case Array a -> {
                if (arrays.peek().containsKey(a.name())) throw new CudaException("register array '" + a.name() + "' declared twice");
                arrays.peek().put(a.name(), a.words());
                out.line("unsigned " + CudaNames.of(a.name()) + "[" + a.words() + "] = {0};");
            }
            case SetBits sb -> setBits(sb);
            case Load l -> memory.load(l);
            case Store st -> memory.store(st);
            case CpAsync c -> ptx.cpAsync(c);
            case CpAsyncCommit c -> out.line("asm volatile(\"cp.async.commit_group;\\n\" ::: \"memory\");");
            case CpAsyncWait w -> {
                if (w.n() < 0) throw new CudaException("cp.async.wait_group " + w.n());
                out.line("asm volatile(\"cp.async.wait_group " + w.n() + ";\\n\" ::: \"memory\");");
            }
            case Ldmatrix l -> ptx.ldmatrix(l);
            case Mma m -> ptx.mma(m);
            case Shfl sh -> ptx.shfl(sh);
            case BarSync b -> out.line("__syncthreads();");
            case Printf p -> printf(p);
            case AtomicWait w -> ptx.atomicWait(w);
            case AtomicStore a -> ptx.atomicStore(a);
        }
    }

    /** Opens the {@code if (pred)} around a predicated statement; returns false (nothing opened) when pred is constant true. */
    boolean openPred(TExpr pred) {
        CudaExprPrinter.want(pred, ScalarType.PRED, "predicate");
        if (isTrue(pred)) return false;
        out.open("if (" + ex.top(pred) + ") {");
        return true;
    }

    static boolean isTrue(TExpr pred) { return pred instanceof TExpr.Const c && c.bits() == 1; }

    private String cond(TExpr c) {
        CudaExprPrinter.want(c, ScalarType.PRED, "condition");
        return ex.top(c);
    }

    private String value(TExpr.Var v, TExpr value) {
        if (value.type() != v.type()) {
            throw new CudaException("variable " + v.name() + " is " + v.type() + " but the value is " + value.type());
        }
        return ex.top(value);
    }

    private void setBits(SetBits sb) {
        ScalarType t = sb.value().type();
        if (t != ScalarType.U32 && t != ScalarType.U64) throw new CudaException("SetBits value must be U32 or U64, got " + t);
        if (sb.nbits() > 32 && t != ScalarType.U64) throw new CudaException("SetBits of " + sb.nbits() + " bits needs a U64 value");
        BitFields.check(sb.array(), words(sb.array()), sb.bit(), sb.nbits());
        String arr = CudaNames.of(sb.array());
        boolean simple = sb.value() instanceof TExpr.Var || sb.value() instanceof TExpr.Const;
        if (!BitFields.straddles(sb.bit(), sb.nbits()) || simple) {
            BitFields.set(out, arr, sb.bit(), sb.nbits(), ex.expr(sb.value()), t == ScalarType.U64);
            return;
        }
        out.open("{");
        out.line("const " + t.cName() + " tv_v = " + ex.top(sb.value()) + ";");
        BitFields.set(out, arr, sb.bit(), sb.nbits(), "tv_v", t == ScalarType.U64);
        out.close("}");
    }

    private void printf(Printf p) {
        String format = PrintfFormat.rewrite(p.format(), p.args().stream().map(TExpr::type).toList());
        StringBuilder call = new StringBuilder("printf(").append(cString(format));
        for (TExpr a : p.args()) {
            call.append(", ");
            switch (a.type()) {
                case F32 -> call.append("(double)").append(ex.expr(a)); // varargs promote float to double
                case PRED -> call.append("(int)").append(ex.expr(a));
                default -> call.append(ex.top(a));
            }
        }
        call.append(");");
        boolean opened = openPred(p.pred());
        out.line(call.toString());
        if (opened) out.close("}");
    }

    /** A C string literal of {@code s}. */
    static String cString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 32 || c > 126) sb.append(String.format("\\%03o", c));
                    else sb.append((char) c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String describe(TStmt s) {
        String kind = s.getClass().getSimpleName();
        return switch (s) {
            case Load l -> kind + " of " + l.nbits() + " bits into '" + l.array() + "'";
            case Store st -> kind + " of " + st.nbits() + " bits from '" + st.array() + "'";
            case SetBits sb -> kind + " of '" + sb.array() + "'";
            case Array a -> kind + " '" + a.name() + "'";
            case Ldmatrix l -> kind + " into '" + l.array() + "'";
            case Mma m -> kind + " " + m.shape() + " " + m.abType().name();
            case Let l -> kind + " " + l.var().name();
            case Assign a -> kind + " " + a.var().name();
            default -> kind;
        };
    }
}
