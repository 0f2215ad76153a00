package org.tilevm.codegen.jvm.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Construction of run-time errors: the messages match the reference interpreter's, so a program
 * fails with the same text on both backends.
 */
public final class Faults {
    private Faults() {}

    /**
     * Called by the generated exception handler: gives {@code e} the path of site {@code site} and
     * the current values of its loops. Exceptions other than {@link KernelFault} are internal errors
     * of a helper and are reported as the interpreter reports them ({@code Class: message}).
     */
    public static RuntimeException locate(Throwable e, Site[] sites, int site, long[] loops) {
        if (e instanceof Error err) throw err;
        KernelFault f = e instanceof KernelFault k ? k
                : new KernelFault(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        if (site < 0 || site >= sites.length) return f;
        Site s = sites[site];
        List<String> b = new ArrayList<>();
        for (int i = 0; i < s.loopSlots().length; i++) {
            String label = s.loopLabels()[i];
            long v = loops[s.loopSlots()[i]];
            b.add(label == null ? "iteration " + v : label + " = " + v);
        }
        return f.located(s.path(), b);
    }

    /** {@code integer division by zero (i32 -12 / 0)}; {@code x} is the dividend's value. */
    public static KernelFault divisionByZero(String typeName, long x, boolean remainder) {
        return new KernelFault("integer division by zero (" + typeName + " " + x + (remainder ? " % 0)" : " / 0)"));
    }

    /** Division by zero of an unsigned 32-bit dividend held in an int. */
    public static KernelFault divisionByZeroU32(int x, boolean remainder) {
        return divisionByZero("u32", Integer.toUnsignedLong(x), remainder);
    }
}
