package org.tilevm.spec.interp;

import java.util.List;
import java.util.function.Supplier;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/**
 * The state of one running block: its index, its scopes, its scalar evaluator and its pending
 * asynchronous copies; and the checked access to the tensors its instructions name.
 */
final class BlockState {
    final LaunchState launch;
    final int[] blockIdx;
    final ScalarEvaluator eval;
    final AsyncCopies copies = new AsyncCopies();
    Scope scope;

    BlockState(LaunchState launch, int[] blockIdx) {
        this.launch = launch;
        this.blockIdx = blockIdx;
        this.scope = launch.args.rootScope();
        this.eval = new ScalarEvaluator(scope, blockIdx);
    }

    void pushScope() {
        scope = new Scope(scope);
        eval.scope = scope;
    }

    void popScope() {
        scope = scope.parent;
        eval.scope = scope;
    }

    <P> P plan(Instruction ins, Supplier<P> make) { return launch.plan(ins, make); }

    LayoutTable table(TensorVar v) { return launch.table(v.registerLayout()); }

    // ------------------------------------------------------------------ reading tensors

    private TensorValue lookup(TensorVar v) {
        TensorValue tv = scope.findTensor(v.name());
        if (tv == null) throw new InterpError("tensor " + v.name() + " is not defined");
        if (!tv.var().type().equals(v.type())) {
            throw new InterpError("tensor " + v.name() + " is defined as " + describe(tv.var().type())
                    + " but used as " + describe(v.type()));
        }
        return tv;
    }

    RegisterValue register(TensorVar v) {
        return switch (lookup(v)) {
            case RegisterValue r -> r;
            case TensorValue other -> throw wrongKind(v, other, "register");
        };
    }

    SharedValue shared(TensorVar v) {
        return switch (lookup(v)) {
            case SharedValue s -> {
                if (s.freed) throw new InterpError("shared tensor " + v.name() + " is used after free_shared");
                yield s;
            }
            case TensorValue other -> throw wrongKind(v, other, "shared");
        };
    }

    GlobalValue global(TensorVar v) {
        return switch (lookup(v)) {
            case GlobalValue g -> g;
            case TensorValue other -> throw wrongKind(v, other, "global");
        };
    }

    private static InterpError wrongKind(TensorVar v, TensorValue actual, String expected) {
        return new InterpError("tensor " + v.name() + " is a " + actual.kind() + " tensor, expected a " + expected + " tensor");
    }

    // ------------------------------------------------------------------ defining tensors

    /** Defines {@code v} (in the innermost scope) or overwrites it when already defined with the same type. */
    void bind(TensorVar v, TensorValue value) {
        TensorValue old = scope.findTensor(v.name());
        if (old != null && !old.var().type().equals(v.type())) {
            throw new InterpError("tensor " + v.name() + " is already defined as " + describe(old.var().type())
                    + "; it cannot be redefined as " + describe(v.type()));
        }
        scope.bindTensor(v.name(), value);
    }

    /** Sets the contents of register tensor {@code v} to {@code data} (defining it if needed). */
    void setRegister(TensorVar v, long[] data) {
        TensorValue old = scope.findTensor(v.name());
        if (old instanceof RegisterValue r && r.var.type().equals(v.type())) {
            r.data = data;
        } else {
            bind(v, new RegisterValue(v, table(v), data));
        }
    }

    // ------------------------------------------------------------------ scalars

    /** Evaluates tile offsets: one integer per dimension. */
    long[] offsets(List<Expr> exprs, int rank, String what) {
        if (exprs.size() != rank) {
            throw new InterpError(what + " has " + exprs.size() + " offsets, expected " + rank);
        }
        long[] out = new long[rank];
        for (int d = 0; d < rank; d++) out[d] = eval.evalInt(exprs.get(d));
        return out;
    }

    String blockText() { return "block (" + blockIdx[0] + ", " + blockIdx[1] + ", " + blockIdx[2] + ")"; }

    static String describe(TensorType t) {
        return switch (t) {
            case TensorType.Register r -> "register " + r.dtype().name() + Shapes.text(r.shape()) + " " + r.layout();
            case TensorType.Shared s -> "shared " + s.dtype().name() + Shapes.text(s.shape()) + " " + s.layout();
            case TensorType.Global g -> "global " + g.dtype().name() + " " + g.layout();
        };
    }
}
