package org.tilevm.spec.ir;

/**
 * Defines register tensor {@code out}; every element is {@code init} converted to the dtype,
 * or 0 when {@code init} is null.
 */
public record AllocateRegister(TensorVar out, Expr init) implements Instruction {
    public String opName() { return "allocate_register"; }
    public TensorVar output() { return out; }
    public java.util.List<Expr> exprs() { return init == null ? java.util.List.of() : java.util.List.of(init); }
}
