package org.tilevm.spec.print;

import java.util.StringJoiner;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/**
 * The canonical text form of programs, statements, instructions, expressions and tensor types.
 * The output is a pure function of the IR records (deterministic across runs and JVMs) and
 * includes everything that affects semantics, so it can key a kernel cache. Example:
 * <pre>
 * program scale(n: i32, x: ptr&lt;f16&gt;)
 *   grid [(n + 127) / 128]  warps 4
 * {
 *   gx = global_view x : global&lt;f16&gt;[n] strides [1]
 *   t = load_global gx[blockIdx.x * 128] : register&lt;f16&gt;[128] spatial(128)
 *   ...
 * }
 * </pre>
 * The grammar is in {@code vm-spec/SPEC.md (Part P)}.
 */
public final class ProgramPrinter {
    private static final String INDENT = "  ";

    private ProgramPrinter() {}

    /** The whole program: header (name, parameters, grid, warps) and body; ends with a newline. */
    public static String print(Program program) {
        StringBuilder sb = new StringBuilder();
        StringJoiner params = new StringJoiner(", ", "program " + program.name() + "(", ")");
        for (Param p : program.params()) params.add(print(p));
        sb.append(params).append('\n');
        StringJoiner grid = new StringJoiner(", ", INDENT + "grid [", "]");
        for (Expr e : program.grid()) grid.add(print(e));
        sb.append(grid).append("  warps ").append(program.numWarps()).append('\n');
        sb.append("{\n");
        blockBody(sb, program.body(), 1);
        sb.append("}\n");
        return sb.toString();
    }

    /** A parameter: {@code m: i32} or {@code a: ptr<f16>}. */
    public static String print(Param p) {
        return p.name() + ": " + (p.pointer() ? "ptr<" + p.dtype().name() + ">" : p.dtype().name());
    }

    /** A statement, compound statements over several lines (no trailing newline). */
    public static String print(Stmt stmt) {
        StringBuilder sb = new StringBuilder();
        stmt(sb, stmt, 0);
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /**
     * The first line of a statement: the whole text of a simple statement, the header of a
     * compound one (e.g. {@code for kb in 0..n unroll 2 { }} without the closing brace).
     */
    public static String printHead(Stmt stmt) {
        String s = print(stmt);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One instruction: {@code [out =] opName [operands] [: out type]}. */
    public static String print(Instruction ins) {
        StringBuilder sb = new StringBuilder();
        TensorVar out = ins.output();
        if (out != null) sb.append(out.name()).append(" = ");
        sb.append(ins.opName());
        String operands = InstructionFormats.operands(ins);
        if (!operands.isEmpty()) sb.append(' ').append(operands);
        if (out != null) sb.append(" : ").append(print(out.type()));
        return sb.toString();
    }

    /** A scalar expression with minimal parentheses. */
    public static String print(Expr expr) {
        return ExprPrinter.print(expr);
    }

    /** A tensor type, e.g. {@code register<f32>[16, 8] local(2,1).spatial(8,4).local(1,2)}. */
    public static String print(TensorType type) {
        return TypePrinter.print(type);
    }

    private static void stmt(StringBuilder sb, Stmt s, int depth) {
        String ind = INDENT.repeat(depth);
        switch (s) {
            case Stmt.Seq seq -> {
                sb.append(ind).append("{\n");
                blockBody(sb, seq, depth + 1);
                sb.append(ind).append("}\n");
            }
            case Stmt.For f -> {
                sb.append(ind).append("for ").append(f.iter().name());
                if (!f.iter().type().equals(DTypes.I32)) sb.append(": ").append(f.iter().type().name());
                sb.append(" in 0..").append(ExprPrinter.printAtomic(f.extent()));
                if (f.unroll() == -1) sb.append(" unroll full");
                else if (f.unroll() != 0) sb.append(" unroll ").append(f.unroll());
                block(sb, f.body(), depth);
                sb.append('\n');
            }
            case Stmt.If i -> {
                sb.append(ind).append("if ").append(print(i.cond()));
                block(sb, i.then(), depth);
                if (i.otherwise() != null) {
                    sb.append(" else");
                    block(sb, i.otherwise(), depth);
                }
                sb.append('\n');
            }
            case Stmt.While w -> {
                sb.append(ind).append("while ").append(print(w.cond()));
                block(sb, w.body(), depth);
                sb.append('\n');
            }
            case Stmt.Break b -> sb.append(ind).append("break\n");
            case Stmt.Let l -> sb.append(ind).append("let ").append(l.var().name()).append(": ")
                    .append(l.var().type().name()).append(" = ").append(print(l.value())).append('\n');
            case Stmt.Assign a -> sb.append(ind).append(a.var().name()).append(" = ")
                    .append(print(a.value())).append('\n');
            case Stmt.Exec e -> sb.append(ind).append(print(e.instruction())).append('\n');
        }
    }

    /** {@code " {\n" body "}"} at the indentation of the owning statement (no trailing newline). */
    private static void block(StringBuilder sb, Stmt body, int depth) {
        sb.append(" {\n");
        blockBody(sb, body, depth + 1);
        sb.append(INDENT.repeat(depth)).append('}');
    }

    /** The statements of a block: a Seq's items, or the single statement. */
    private static void blockBody(StringBuilder sb, Stmt body, int depth) {
        if (body instanceof Stmt.Seq seq) {
            for (Stmt s : seq.body()) stmt(sb, s, depth);
        } else {
            stmt(sb, body, depth);
        }
    }
}
