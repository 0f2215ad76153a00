package org.tilevm.layout;

/** CONTRACT STUB. XOR swizzle x ^ ((x &amp; (((1&lt;&lt;bits)-1) &lt;&lt; (base+shift))) &gt;&gt; shift). */
public record Swizzle(int bits, int base, int shift) {
    public int apply(int offset) { throw new UnsupportedOperationException(); }
}
