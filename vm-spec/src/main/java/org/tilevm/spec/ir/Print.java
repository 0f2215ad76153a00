package org.tilevm.spec.ir;

import java.util.List;

/**
 * Prints {@code message}, the values of {@code args}, and the tensor (nullable) with its layout,
 * once per block (debugging aid; backends may print from one thread).
 */
public record Print(String message, List<Expr> args, TensorVar tensor) implements Instruction {
    public Print { args = List.copyOf(args); }
    public String opName() { return "print"; }
    public List<TensorVar> inputs() { return tensor == null ? List.of() : List.of(tensor); }
    public List<Expr> exprs() { return args; }
}
