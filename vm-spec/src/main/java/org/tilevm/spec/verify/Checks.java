package org.tilevm.spec.verify;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.print.ProgramPrinter;

/** Reusable checks, the vocabulary the rows of {@link InstructionRules} are written in. */
final class Checks {
    private Checks() {}

    /** A tensor operand of an instruction: its role name (as in messages) and how to get it. */
    record Operand<I extends Instruction>(String role, Function<I, TensorVar> get) {
        TensorVar of(I ins) { return get.apply(ins); }

        String describe(I ins) {
            TensorVar t = of(ins);
            return role + " '" + t.name() + "'";
        }
    }

    static <I extends Instruction> Operand<I> operand(String role, Function<I, TensorVar> get) {
        return new Operand<>(role, get);
    }

    // ---------------------------------------------------------------- kinds and dtypes

    static <I extends Instruction> Check<I> register(Operand<I> o) {
        return kind(o, TensorType.Register.class, "register");
    }

    static <I extends Instruction> Check<I> shared(Operand<I> o) {
        return kind(o, TensorType.Shared.class, "shared");
    }

    static <I extends Instruction> Check<I> global(Operand<I> o) {
        return kind(o, TensorType.Global.class, "global");
    }

    private static <I extends Instruction> Check<I> kind(Operand<I> o, Class<? extends TensorType> k, String name) {
        return (ins, cx) -> {
            TensorVar t = o.of(ins);
            if (t == null) return cx.fail(o.role() + " is missing (null)");
            if (t.type() == null) return cx.fail(o.describe(ins) + " has no type (null)");
            return k.isInstance(t.type())
                    || cx.fail(o.describe(ins) + " must be a " + name + " tensor, but is " + kindName(t.type()));
        };
    }

    static <I extends Instruction> Check<I> sameDType(Operand<I> a, Operand<I> b) {
        return (ins, cx) -> {
            DType x = a.of(ins).type().dtype(), y = b.of(ins).type().dtype();
            return x.equals(y) || cx.fail("dtype of " + a.describe(ins) + " (" + x.name() + ") differs from dtype of "
                    + b.describe(ins) + " (" + y.name() + ")");
        };
    }

    static <I extends Instruction> Check<I> dtype(Operand<I> o, DType expected, String why) {
        return (ins, cx) -> {
            DType x = o.of(ins).type().dtype();
            return x.equals(expected) || cx.fail(o.describe(ins) + " must have dtype " + expected.name()
                    + (why.isEmpty() ? "" : " (" + why + ")") + ", not " + x.name());
        };
    }

    static <I extends Instruction> Check<I> sameType(Operand<I> a, Operand<I> b) {
        return (ins, cx) -> a.of(ins).type().equals(b.of(ins).type())
                || cx.fail("type of " + a.describe(ins) + " (" + ProgramPrinter.print(a.of(ins).type())
                        + ") differs from type of " + b.describe(ins) + " (" + ProgramPrinter.print(b.of(ins).type()) + ")");
    }

    // ---------------------------------------------------------------- shapes and layouts

    static <I extends Instruction> Check<I> sameRank(Operand<I> a, Operand<I> b) {
        return (ins, cx) -> {
            int x = rank(a.of(ins).type()), y = rank(b.of(ins).type());
            return x == y || cx.fail(a.describe(ins) + " has rank " + x + " but " + b.describe(ins) + " has rank " + y);
        };
    }

    static <I extends Instruction> Check<I> rank(Operand<I> o, int expected) {
        return (ins, cx) -> {
            int r = rank(o.of(ins).type());
            return r == expected || cx.fail(o.describe(ins) + " must have rank " + expected + ", but has rank " + r
                    + " " + shapeText(o.of(ins).type()));
        };
    }

    static <I extends Instruction> Check<I> sameLayout(Operand<I> a, Operand<I> b) {
        return (ins, cx) -> {
            RegisterLayout x = a.of(ins).registerLayout(), y = b.of(ins).registerLayout();
            return x.equals(y) || cx.fail("layout of " + a.describe(ins) + " (" + x + ") differs from layout of "
                    + b.describe(ins) + " (" + y + ")");
        };
    }

    /** {@code o}'s layout must equal the layout {@code expected} computes (described by {@code how}). */
    static <I extends Instruction> Check<I> layoutIs(Operand<I> o, Function<I, String> how,
                                                     Function<I, RegisterLayout> expected) {
        return (ins, cx) -> {
            RegisterLayout want;
            try {
                want = expected.apply(ins);
            } catch (RuntimeException e) {
                return cx.fail("cannot compute " + how.apply(ins) + ": " + e.getMessage());
            }
            RegisterLayout got = o.of(ins).registerLayout();
            return got.equals(want) || cx.fail("layout of " + o.describe(ins) + " is " + got + " but must be "
                    + how.apply(ins) + " = " + want);
        };
    }

    /** Index expressions into {@code t}: one per dimension, each of an integer type. */
    static <I extends Instruction> Check<I> offsets(String role, Function<I, List<Expr>> offsets, Operand<I> t) {
        return (ins, cx) -> {
            List<Expr> offs = offsets.apply(ins);
            int r = rank(t.of(ins).type());
            if (offs.size() != r) {
                return cx.fail(role + ": " + offs.size() + " given but " + t.describe(ins) + " has rank " + r);
            }
            for (int d = 0; d < offs.size(); d++) {
                Expr e = offs.get(d);
                if (e != null && !e.type().isInteger()) {
                    return cx.fail(role + "[" + d + "] `" + ExprChecker.safePrint(e) + "` must be an integer, not "
                            + e.type().name());
                }
            }
            return true;
        };
    }

    /**
     * A register tile accessed at {@code offsets} inside a shared tensor must fit: its extent is at
     * most the shared tensor's in every dimension, and constant offsets keep it inside.
     */
    static <I extends Instruction> Check<I> insideShared(Operand<I> tile, Operand<I> shared,
                                                         Function<I, List<Expr>> offsets) {
        return (ins, cx) -> {
            int[] ts = shape(tile.of(ins).type()), ss = shape(shared.of(ins).type());
            List<Expr> offs = offsets.apply(ins);
            for (int d = 0; d < ts.length; d++) {
                if (ts[d] > ss[d]) {
                    return cx.fail(tile.describe(ins) + " " + Arrays.toString(ts) + " does not fit in "
                            + shared.describe(ins) + " " + Arrays.toString(ss) + " along dimension " + d);
                }
                if (offs.get(d) instanceof Expr.IntConst c && (c.value() < 0 || c.value() + ts[d] > ss[d])) {
                    return cx.fail("offset " + c.value() + " along dimension " + d + " puts " + tile.describe(ins)
                            + " (extent " + ts[d] + ") outside " + shared.describe(ins) + " (extent " + ss[d] + ")");
                }
            }
            return true;
        };
    }

    /**
     * Broadcasting with the holder rule: each operand has out's rank, each of its dimensions is 1 or
     * out's; and every (thread, local) slot of out holds an element whose broadcast source element
     * in each operand is held by the same thread.
     */
    @SafeVarargs
    static <I extends Instruction> Check<I> broadcast(Operand<I> out, Operand<I>... operands) {
        return (ins, cx) -> {
            RegisterLayout o = out.of(ins).registerLayout();
            for (Operand<I> op : operands) {
                RegisterLayout a = op.of(ins).registerLayout();
                if (a.rank() != o.rank()) {
                    return cx.fail(op.describe(ins) + " has rank " + a.rank() + " but " + out.describe(ins)
                            + " has rank " + o.rank() + " (broadcasting needs equal ranks)");
                }
                for (int d = 0; d < o.rank(); d++) {
                    if (a.shape(d) != o.shape(d) && a.shape(d) != 1) {
                        return cx.fail(op.describe(ins) + " shape " + Arrays.toString(a.shape())
                                + " does not broadcast to " + out.describe(ins) + " shape " + Arrays.toString(o.shape())
                                + ": dimension " + d + " is " + a.shape(d) + ", expected 1 or " + o.shape(d));
                    }
                }
                String violation = Holders.violation(o, a);
                if (violation != null) {
                    return cx.fail("holder rule: " + violation.replace("OUT", out.of(ins).name())
                            .replace("SRC", op.of(ins).name())
                            + " (every thread must hold the " + op.role() + " elements its out elements read)");
                }
            }
            return true;
        };
    }

    // ---------------------------------------------------------------- helpers

    static String kindName(TensorType t) {
        return switch (t) {
            case TensorType.Register r -> "a register tensor";
            case TensorType.Shared s -> "a shared tensor";
            case TensorType.Global g -> "a global tensor";
        };
    }

    static int rank(TensorType t) {
        return switch (t) {
            case TensorType.Register r -> r.layout().rank();
            case TensorType.Shared s -> s.layout().rank();
            case TensorType.Global g -> g.layout().rank();
        };
    }

    static int[] shape(TensorType t) {
        return switch (t) {
            case TensorType.Register r -> r.layout().shape();
            case TensorType.Shared s -> s.layout().shape();
            case TensorType.Global g -> throw new IllegalArgumentException("global tensors have symbolic shapes");
        };
    }

    static String shapeText(TensorType t) {
        return switch (t) {
            case TensorType.Global g -> g.layout().shape().toString();
            default -> Arrays.toString(shape(t));
        };
    }
}
