package org.tilevm.frontend.dsl;

import java.util.Arrays;
import java.util.List;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;

/**
 * Local checks of tensor operands (dtypes, ranks, dimensions, constant offsets) with messages
 * that start with the place ({@code where}) in the kernel.
 */
final class OperandChecks {
    private OperandChecks() {}

    static String describe(RegisterTensor t) {
        return t.dtype().name() + " " + Arrays.toString(t.shape()) + " with layout " + t.layout();
    }

    static void sameDtype(String where, Tensor a, Tensor b, String op) {
        if (!a.dtype().equals(b.dtype())) {
            throw new DslException(where + ": " + op + ": " + a + " is " + a.dtype().name() + " but " + b + " is "
                    + b.dtype().name() + "; cast first");
        }
    }

    static void sameLayout(String where, RegisterTensor a, RegisterTensor b, String op) {
        if (!a.layout().equals(b.layout())) {
            throw new DslException(where + ": " + op + ": " + a + " has layout " + a.layout() + " but " + b
                    + " has layout " + b.layout());
        }
    }

    static void requireRank(String where, RegisterTensor t, int rank, String what) {
        if (t.rank() != rank) {
            throw new DslException(where + ": " + what + " " + t + " has rank " + t.rank() + " "
                    + Arrays.toString(t.shape()) + ", expected rank " + rank);
        }
    }

    static void checkDim(String where, RegisterTensor t, int dim, String op) {
        if (dim < 0 || dim >= t.rank()) {
            throw new DslException(where + ": " + op + " of " + t + " " + Arrays.toString(t.shape()) + ": no dimension " + dim);
        }
    }

    static void binaryDtype(String where, BinaryOp op, RegisterTensor a) {
        if ((op == BinaryOp.AND || op == BinaryOp.OR) && !a.dtype().equals(DTypes.BOOL)) {
            throw new DslException(where + ": '" + op.symbol() + "' needs u1 tensors, " + a + " is " + a.dtype().name());
        }
        if (op.isIntegerOnly() && a.dtype().isFloat()) {
            throw new DslException(where + ": '" + op.symbol() + "' needs integer tensors, " + a + " is " + a.dtype().name());
        }
    }

    /** For constant offsets, checks that the tile lies inside the shared tensor. */
    static void insideShared(String where, List<Expr> offs, int[] tile, SharedTensor s, String op) {
        int[] shape = s.shape();
        for (int d = 0; d < offs.size(); d++) {
            if (offs.get(d) instanceof Expr.IntConst c && (c.value() < 0 || c.value() + tile[d] > shape[d])) {
                throw new DslException(where + ": " + op + ": tile " + Arrays.toString(tile) + " at offset " + c.value()
                        + " in dimension " + d + " lies outside shared " + s + " " + Arrays.toString(shape));
            }
        }
    }
}
