package org.tilevm.spec.ir;

import java.util.List;

/**
 * {@code out[i,j] = c[i,j] + sum_k a[i,k] * b[k,j]}: a is [m,k], b is [k,n], c and out are [m,n]
 * with the same dtype and layout. Products and sums are computed in out's dtype, in ascending k.
 * {@code out} may be {@code c} (accumulate in place).
 */
public record Dot(TensorVar out, TensorVar a, TensorVar b, TensorVar c) implements Instruction {
    public String opName() { return "dot"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(a, b, c); }
}
