package org.tilevm.spec.print;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.tilevm.spec.ir.*;

/**
 * The per-instruction printing table: for each instruction record class, how its operands are
 * written. {@link ProgramPrinter} adds the common parts around them:
 * {@code [out =] opName [operands] [: out type]}.
 */
final class InstructionFormats {
    private InstructionFormats() {}

    /** Writes the operands of one kind of instruction (empty when it has none). */
    @FunctionalInterface
    interface InstructionFormat<I extends Instruction> {
        String operands(I instruction);
    }

    private static final Map<Class<? extends Instruction>, InstructionFormat<?>> TABLE = new HashMap<>();

    private static <I extends Instruction> void row(Class<I> type, InstructionFormat<I> format) {
        if (TABLE.put(type, format) != null) throw new IllegalStateException("duplicate format for " + type);
    }

    static {
        row(AllocateRegister.class, i -> i.init() == null ? "" : "init " + ExprPrinter.print(i.init()));
        row(AllocateShared.class, i -> "");
        row(FreeShared.class, i -> i.tensor().name());
        row(AllocateGlobal.class, i -> "");
        row(GlobalView.class, i -> i.ptr().name());
        row(LoadGlobal.class, i -> indexed(i.src(), i.offsets()));
        row(StoreGlobal.class, i -> i.src().name() + " to " + indexed(i.dst(), i.offsets()));
        row(LoadShared.class, i -> indexed(i.src(), i.offsets()));
        row(StoreShared.class, i -> i.src().name() + " to " + indexed(i.dst(), i.offsets()));
        row(CopyAsync.class, i -> indexed(i.src(), i.offsets()) + " to " + i.dst().name());
        row(CopyAsyncCommitGroup.class, i -> "");
        row(CopyAsyncWaitGroup.class, i -> Integer.toString(i.n()));
        row(CopyAsyncWaitAll.class, i -> "");
        row(Dot.class, i -> names(i.a(), i.b(), i.c()));
        row(Cast.class, i -> i.src().name());
        row(View.class, i -> i.src().name());
        row(ElementwiseUnary.class, i -> i.op().name().toLowerCase(java.util.Locale.ROOT) + " " + i.src().name());
        row(ElementwiseBinary.class, i -> binary(i.op(), i.a().name(), i.b().name()));
        row(ElementwiseScalar.class, i -> binary(i.op(), i.a().name(), ExprPrinter.printAtomic(i.scalar())));
        row(Where.class, i -> names(i.cond(), i.a(), i.b()));
        row(Reduce.class, i -> i.op().name().toLowerCase(java.util.Locale.ROOT) + " " + i.src().name()
                + " dim " + i.dim() + (i.keepDim() ? " keepdim" : ""));
        row(Squeeze.class, i -> i.src().name() + " dims " + i.dims());
        row(Unsqueeze.class, i -> i.src().name() + " dims " + i.dims());
        row(Transpose.class, i -> i.src().name());
        row(Reshape.class, i -> i.src().name());
        row(AssignTensor.class, i -> i.src().name());
        row(SyncThreads.class, i -> "");
        row(LockSemaphore.class, i -> indexed(i.sem(), i.index()) + ", " + ExprPrinter.print(i.value()));
        row(ReleaseSemaphore.class, i -> indexed(i.sem(), i.index()) + ", " + ExprPrinter.print(i.value()));
        row(Print.class, InstructionFormats::print);
    }

    /** The operand text of {@code instruction}, from its table row. */
    @SuppressWarnings("unchecked")
    static String operands(Instruction instruction) {
        InstructionFormat<Instruction> f = (InstructionFormat<Instruction>) TABLE.get(instruction.getClass());
        if (f == null) throw new IllegalStateException("no print format for " + instruction.getClass().getName());
        return f.operands(instruction);
    }

    /** The instruction classes that have a row (for completeness tests). */
    static java.util.Set<Class<? extends Instruction>> classes() {
        return java.util.Collections.unmodifiableSet(TABLE.keySet());
    }

    private static String indexed(TensorVar t, List<Expr> index) {
        StringJoiner j = new StringJoiner(", ", t.name() + "[", "]");
        index.forEach(e -> j.add(ExprPrinter.print(e)));
        return j.toString();
    }

    private static String names(TensorVar... ts) {
        StringJoiner j = new StringJoiner(", ");
        for (TensorVar t : ts) j.add(t.name());
        return j.toString();
    }

    private static String binary(BinaryOp op, String a, String b) {
        return op.isFunction() ? op.symbol() + "(" + a + ", " + b + ")" : a + " " + op.symbol() + " " + b;
    }

    private static String print(Print p) {
        StringBuilder sb = new StringBuilder(quote(p.message()));
        StringJoiner args = new StringJoiner(", ", " [", "]");
        p.args().forEach(e -> args.add(ExprPrinter.print(e)));
        sb.append(args);
        if (p.tensor() != null) sb.append(' ').append(p.tensor().name());
        return sb.toString();
    }

    /** A double-quoted string literal; quotes, backslashes, control and non-ASCII chars escaped. */
    static String quote(String s) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
