package org.tilevm.spec.ir;

import java.util.List;

/** {@code out[i] = convert(src[i])} to out's dtype, with the dtype conversion rules; same layout. */
public record Cast(TensorVar out, TensorVar src) implements Instruction {
    public String opName() { return "cast"; }
    public TensorVar output() { return out; }
    public List<TensorVar> inputs() { return List.of(src); }
}
