package org.tilevm.spec.ir;

import java.util.List;

/** {@code out[i] = cond[i] != 0 ? a[i] : b[i]}, broadcasting like {@link ElementwiseBinary}. */
public record Where(TensorVar out, TensorVar cond, TensorVar a, TensorVar b) implements Instruction {
    public String opName() { return "where"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(cond, a, b); }
}
