package org.tilevm.codegen.ptx.cuda;

/**
 * C code for bit fields of register arrays (a thread's 32-bit words, concatenated LSB first). Bit
 * positions are constants, so every array index in the output is a constant and the arrays stay in
 * registers; fields that straddle words use {@code __funnelshift_r} or several masked updates.
 */
final class BitFields {
    private BitFields() {}

    /** Checks that bits {@code [bit, bit+nbits)} lie inside an array of {@code words} words. */
    static void check(String array, int words, int bit, int nbits) {
        if (bit < 0 || nbits < 1 || (long) bit + nbits > 32L * words) {
            throw new CudaException("bits [" + bit + ", " + ((long) bit + nbits) + ") are outside register array '" + array
                    + "' of " + words + " words (" + 32 * words + " bits)");
        }
    }

    /** The C expression of bits {@code [bit, bit+nbits)} of array {@code arr} (C name), zero-extended. */
    static String get(String arr, int bit, int nbits) {
        if (nbits > 32) {
            return "(((unsigned long long)" + get(arr, bit + 32, nbits - 32) + " << 32) | " + get(arr, bit, 32) + ")";
        }
        int w = bit / 32, off = bit % 32;
        String word = arr + "[" + w + "]";
        String shifted;
        if (off + nbits <= 32) {
            shifted = off == 0 ? word : "(" + word + " >> " + off + ")";
            if (off + nbits == 32) return shifted;
        } else {
            shifted = "__funnelshift_r(" + word + ", " + arr + "[" + (w + 1) + "], " + off + ")";
            if (nbits == 32) return shifted;
        }
        return "(" + shifted + " & " + CudaTypes.hex((1L << nbits) - 1, 32) + ")";
    }

    /**
     * Statements setting bits {@code [bit, bit+nbits)} of {@code arr} to the low bits of {@code value}
     * (a C expression of type {@code unsigned}, or {@code unsigned long long} when {@code wide}),
     * which may be evaluated once per word touched, so callers pass a name or a cheap expression
     * when the field straddles words.
     */
    static void set(CodeWriter out, String arr, int bit, int nbits, String value, boolean wide) {
        int first = bit / 32, last = (bit + nbits - 1) / 32;
        for (int w = first; w <= last; w++) {
            int lo = Math.max(bit, 32 * w), hi = Math.min(bit + nbits, 32 * w + 32);
            int vshift = lo - bit, woff = lo - 32 * w, width = hi - lo;
            String piece;
            if (wide) piece = vshift == 0 ? "(unsigned)" + value : "(unsigned)(" + value + " >> " + vshift + ")";
            else piece = vshift == 0 ? value : "(" + value + " >> " + vshift + ")";
            String word = arr + "[" + w + "]";
            if (width == 32) {
                out.line(word + " = " + piece + ";");
                continue;
            }
            long mask = ((1L << width) - 1) << woff;
            String placed = woff == 0 ? piece : "(" + piece + " << " + woff + ")";
            out.line(word + " = (" + word + " & " + CudaTypes.hex(~mask & 0xFFFF_FFFFL, 32) + ") | (" + placed + " & "
                    + CudaTypes.hex(mask, 32) + ");");
        }
    }

    /** Whether the field touches more than one word. */
    static boolean straddles(int bit, int nbits) { return bit / 32 != (bit + nbits - 1) / 32; }
}
