package org.tilevm.spec.dtype;

/** CONTRACT STUB. */
public record FloatType(int exponentBits, int mantissaBits, FloatType.Special special) implements DType {
    /** Which codes are special: none (all finite), OCP E4M3 (only S.1111.111 is NaN), IEEE (inf and NaN). */
    public enum Special { FINITE, NAN_ONLY_ALL_ONES, IEEE }
    public String name() { throw new UnsupportedOperationException(); }
    public int bits() { return 1 + exponentBits + mantissaBits; }
    public boolean isFloat() { return true; }
    public boolean isSigned() { return true; }
    public double decode(long code) { throw new UnsupportedOperationException(); }
    public long encode(double value) { throw new UnsupportedOperationException(); }
    public double maxValue() { throw new UnsupportedOperationException(); }
    public double minValue() { throw new UnsupportedOperationException(); }
}
