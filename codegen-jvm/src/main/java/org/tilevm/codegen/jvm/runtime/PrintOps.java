package org.tilevm.codegen.jvm.runtime;

import java.util.Arrays;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;

/**
 * {@code print} (SPEC S6.10), in the interpreter's format: {@code [block (x, y, z)] message
 * arg...}, then for a register or shared tensor {@code name: type} and one line per row of its
 * last dimension, for a global tensor its shape and strides. The generated code builds the text
 * with these calls and prints it with {@link #end}.
 */
public final class PrintOps {
    private PrintOps() {}

    public static StringBuilder begin(int bx, int by, int bz, String message) {
        return new StringBuilder().append("[block (").append(bx).append(", ").append(by).append(", ").append(bz)
                .append(")] ").append(message);
    }

    /** An integer scalar argument (its value). */
    public static void intArg(StringBuilder sb, long value) { sb.append(' ').append(value); }

    /** A float scalar argument: its value, already rounded to its type {@code t}. */
    public static void floatArg(StringBuilder sb, double value, DType t) {
        sb.append(' ');
        if (t.equals(DTypes.F32)) sb.append(Float.toString((float) value));
        else sb.append(Double.toString(t.decode(new FloatRounding((org.tilevm.spec.dtype.FloatType) t).code(value))));
    }

    /** The header line of a tensor: {@code name: description}. */
    public static void header(StringBuilder sb, String header) { sb.append('\n').append(header); }

    /**
     * The elements of a register or shared tensor, one line per row of the last dimension: element e
     * is {@code data[slots[e]]} ({@code data[e]} when slots is null).
     */
    public static void elements(StringBuilder sb, Object data, int[] slots, int[] shape, DType t) {
        sb.append('\n');
        int n = 1;
        for (int s : shape) n *= s;
        int row = shape.length == 0 ? 1 : shape[shape.length - 1];
        for (int e = 0; e < n; e++) {
            sb.append(e % row == 0 ? "  " : " ").append(format(t, code(data, slots == null ? e : slots[e])));
            if (e % row == row - 1) sb.append('\n');
        }
        sb.setLength(sb.length() - 1); // end() adds the final newline
    }

    /** A global tensor: its shape, strides and memory. */
    public static void global(StringBuilder sb, GlobalTensor g) {
        sb.append("\n  shape ").append(Arrays.toString(g.shape)).append(" strides ").append(Arrays.toString(g.strides))
                .append(" in ").append(g.origin);
    }

    public static void end(Launch launch, StringBuilder sb) {
        sb.append('\n');
        launch.out.print(sb);
        launch.out.flush();
    }

    private static long code(Object data, int slot) {
        return switch (data) {
            case int[] a -> a[slot] & 0xFFFF_FFFFL;
            case float[] a -> Float.floatToRawIntBits(a[slot]) & 0xFFFF_FFFFL;
            case long[] a -> a[slot];
            default -> throw new IllegalArgumentException("not a tensor array: " + data);
        };
    }

    static String format(DType t, long code) {
        if (t instanceof IntType it) return Long.toString(it.decodeLong(code));
        if (t.equals(DTypes.F32)) return Float.toString(Float.intBitsToFloat((int) code));
        return Double.toString(t.decode(code));
    }
}
