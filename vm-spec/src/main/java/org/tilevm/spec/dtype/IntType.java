package org.tilevm.spec.dtype;

/** CONTRACT STUB. */
public record IntType(int bits, boolean signed) implements DType {
    public String name() { throw new UnsupportedOperationException(); }
    public boolean isFloat() { return false; }
    public boolean isSigned() { return signed; }
    public double decode(long code) { throw new UnsupportedOperationException(); }
    public long encode(double value) { throw new UnsupportedOperationException(); }
    public double maxValue() { throw new UnsupportedOperationException(); }
    public double minValue() { throw new UnsupportedOperationException(); }
}
