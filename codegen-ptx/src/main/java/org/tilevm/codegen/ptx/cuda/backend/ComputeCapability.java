package org.tilevm.codegen.ptx.cuda.backend;

/**
 * A GPU's compute capability, e.g. 9.0 for H100: what code it runs ({@code sm_90} cubins, PTX up
 * to {@code compute_90}).
 */
public record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {
    public ComputeCapability {
        if (major < 1 || minor < 0 || minor > 9) throw new IllegalArgumentException("compute capability " + major + "." + minor);
    }

    /** From NVRTC's and nvcc's numbering: 90 is 9.0, 120 is 12.0. */
    public static ComputeCapability of(int number) { return new ComputeCapability(number / 10, number % 10); }

    /** 10 * major + minor, e.g. 90. */
    public int number() { return 10 * major + minor; }

    /** The real architecture, {@code sm_90}. */
    public String sm() { return "sm_" + number(); }

    /** The virtual architecture, {@code compute_90}. */
    public String compute() { return "compute_" + number(); }

    @Override
    public int compareTo(ComputeCapability o) { return Integer.compare(number(), o.number()); }

    @Override
    public String toString() { return major + "." + minor; }
}
