package org.tilevm.codegen.ptx.cuda.cache;

/**
 * What NVRTC is asked to produce for one device: a cubin for an exact {@code sm_XX}, or PTX for a
 * virtual {@code compute_XX} that the driver JIT-compiles for the device when the module is loaded.
 * {@link TargetChoice} picks it; the cache key includes {@link #arch()}, so a cubin and a PTX image
 * of the same source never share an entry.
 *
 * @param kind   cubin or PTX
 * @param number the architecture number, {@code 10 * major + minor} (80, 86, 90, 100, 120, ...)
 */
public record CompileTarget(Kind kind, int number) {

    /** The two image kinds NVRTC produces. */
    public enum Kind {
        /** Machine code for one real architecture ({@code nvrtcGetCUBIN}). */
        CUBIN,
        /** Virtual-ISA text ({@code nvrtcGetPTX}), forward compatible: the driver compiles it for newer devices. */
        PTX
    }

    public CompileTarget {
        if (kind == null) throw new IllegalArgumentException("compile target: kind is null");
        if (number < 10) throw new IllegalArgumentException("compile target: architecture number " + number + " is not of the form 10*major+minor");
    }

    /** A cubin for {@code sm_<number>}. */
    public static CompileTarget cubin(int number) { return new CompileTarget(Kind.CUBIN, number); }

    /** PTX for {@code compute_<number>}. */
    public static CompileTarget ptx(int number) { return new CompileTarget(Kind.PTX, number); }

    /** {@code sm_90} for a cubin, {@code compute_90} for PTX. */
    public String arch() { return (kind == Kind.CUBIN ? "sm_" : "compute_") + number; }

    /** The NVRTC option that selects this target: {@code --gpu-architecture=sm_90} or {@code --gpu-architecture=compute_90}. */
    public String nvrtcOption() { return "--gpu-architecture=" + arch(); }

    @Override
    public String toString() { return kind + " " + arch(); }
}
