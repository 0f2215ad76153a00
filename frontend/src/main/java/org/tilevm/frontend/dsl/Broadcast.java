package org.tilevm.frontend.dsl;

import java.util.Arrays;
import java.util.List;
import org.tilevm.layout.RegisterLayout;

/** The broadcasting rule of elementwise instructions and the layout of their result. */
final class Broadcast {
    private Broadcast() {}

    /**
     * The result shape of broadcasting the operands (equal ranks; per dimension all sizes equal,
     * or 1 where they differ), and the layout of the first operand that has that shape; with an
     * explicit {@code out} of the right shape, its layout.
     */
    static RegisterLayout resultLayout(List<RegisterTensor> operands, RegisterTensor out, String op, Kernel k) {
        int rank = operands.get(0).rank();
        int[] shape = operands.get(0).shape().clone();
        for (RegisterTensor t : operands) {
            if (t.rank() != rank) {
                throw new DslException(k.where() + ": " + op + ": operands have different ranks: " + describe(operands));
            }
            int[] s = t.shape();
            for (int d = 0; d < rank; d++) {
                if (s[d] == shape[d] || s[d] == 1) continue;
                if (shape[d] == 1) { shape[d] = s[d]; continue; }
                throw new DslException(k.where() + ": " + op + ": shapes do not broadcast in dimension " + d + ": "
                        + describe(operands));
            }
        }
        if (out != null) {
            if (!Arrays.equals(out.shape(), shape)) {
                throw new DslException(k.where() + ": " + op + ": out " + out + " has shape " + Arrays.toString(out.shape())
                        + " but the result has shape " + Arrays.toString(shape));
            }
            return out.layout();
        }
        for (RegisterTensor t : operands) if (Arrays.equals(t.shape(), shape)) return t.layout();
        throw new DslException(k.where() + ": " + op + ": no operand has the result shape " + Arrays.toString(shape)
                + " (" + describe(operands) + "); pass an explicit out tensor with the result layout");
    }

    private static String describe(List<RegisterTensor> ts) {
        StringBuilder b = new StringBuilder();
        for (RegisterTensor t : ts) {
            if (!b.isEmpty()) b.append(", ");
            b.append(t).append(' ').append(Arrays.toString(t.shape()));
        }
        return b.toString();
    }
}
