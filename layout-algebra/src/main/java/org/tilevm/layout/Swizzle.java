package org.tilevm.layout;

/**
 * XOR swizzle of an element offset: {@code x ^ ((x & (((1<<bits)-1) << (base+shift))) >> shift)}. It flips
 * offset bits {@code [base, base+bits)} by bits {@code [base+shift, base+shift+bits)} and leaves every other bit
 * alone, so it is a bijection on every aligned block of {@code 2^(base+bits)} offsets and never moves an offset out
 * of it (an involution when {@code shift >= bits}). {@code Swizzle(3, 3, 3)} over f16 offsets XORs the 16-byte chunk
 * index within a 128-byte row with the row index modulo 8.
 *
 * @param bits  number of bits that are flipped ({@code 0} = identity)
 * @param base  lowest flipped bit (offsets inside a {@code 2^base} block never move)
 * @param shift distance from a flipped bit to the bit that flips it ({@code > 0} unless {@code bits == 0})
 */
public record Swizzle(int bits, int base, int shift) {
    /** The identity swizzle. */
    public static final Swizzle NONE = new Swizzle(0, 0, 0);

    public Swizzle {
        if (bits < 0 || base < 0 || shift < 0) {
            throw new LayoutException("invalid Swizzle(" + bits + ", " + base + ", " + shift + "): parameters must be >= 0");
        }
        if (bits > 0 && shift == 0) {
            throw new LayoutException("invalid Swizzle(" + bits + ", " + base + ", " + shift
                    + "): shift 0 would clear bits instead of permuting offsets");
        }
        if (base + shift + bits > 31) {
            throw new LayoutException("invalid Swizzle(" + bits + ", " + base + ", " + shift + "): reaches beyond bit 30");
        }
    }

    /** True if this swizzle maps every offset to itself. */
    public boolean isIdentity() {
        return bits == 0;
    }

    public int apply(int offset) {
        if (offset < 0) {
            throw new LayoutException(this + ": negative offset " + offset);
        }
        int mask = ((1 << bits) - 1) << (base + shift);
        return offset ^ ((offset & mask) >> shift);
    }
}
