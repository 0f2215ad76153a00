package org.tilevm.layout;

import java.util.Map;

/**
 * A symbolic integer: a polynomial with integer coefficients over named parameters.
 * CONTRACT STUB: signatures are fixed; the implementation is being written.
 */
public final class Sym {
    Sym() {}
    public static Sym constant(long value) { throw new UnsupportedOperationException(); }
    public static Sym var(String name) { throw new UnsupportedOperationException(); }
    public Sym plus(Sym other) { throw new UnsupportedOperationException(); }
    public Sym times(Sym other) { throw new UnsupportedOperationException(); }
    public boolean isConstant() { throw new UnsupportedOperationException(); }
    public long constantValue() { throw new UnsupportedOperationException(); }
    public java.util.Set<String> variables() { throw new UnsupportedOperationException(); }
    public long eval(Map<String, Long> env) { throw new UnsupportedOperationException(); }
}
