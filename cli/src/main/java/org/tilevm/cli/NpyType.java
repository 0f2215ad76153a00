package org.tilevm.cli;

/**
 * The element types the command line reads and writes in {@code .npy} files, with the NumPy
 * {@code descr} string each is written with. Only little-endian data is supported.
 */
public enum NpyType {
    /** float32, {@code '<f4'}. */
    F32("<f4", 4, "float32"),
    /** float16 (IEEE binary16), {@code '<f2'}. */
    F16("<f2", 2, "float16"),
    /** uint8, {@code '|u1'}. */
    U8("|u1", 1, "uint8"),
    /** int8, {@code '|i1'}. */
    I8("|i1", 1, "int8");

    private final String descr;
    private final int itemSize;
    private final String numpyName;

    NpyType(String descr, int itemSize, String numpyName) {
        this.descr = descr;
        this.itemSize = itemSize;
        this.numpyName = numpyName;
    }

    /** The descr written to headers, e.g. {@code <f4}. */
    public String descr() { return descr; }

    /** Bytes per element. */
    public int itemSize() { return itemSize; }

    /** NumPy's name of the type, e.g. {@code float32}. */
    public String numpyName() { return numpyName; }

    /** {@code '<f4' (float32)}: how messages name the type. */
    public String describe() { return "'" + descr + "' (" + numpyName + ")"; }

    /**
     * The type of a header's descr, or null when it is not one of these. One-byte types accept any
     * byte-order character ({@code |}, {@code <}, {@code >}, {@code =}); wider ones only {@code <}
     * (big-endian descrs are rejected by the reader with their own message).
     */
    public static NpyType ofDescr(String descr) {
        if (descr.length() < 2) return null;
        char order = descr.charAt(0);
        String rest = descr.substring(1);
        for (NpyType t : values()) {
            if (!t.descr.substring(1).equals(rest)) continue;
            if (t.itemSize == 1 ? "|<>=".indexOf(order) >= 0 : order == '<') return t;
        }
        return null;
    }
}
