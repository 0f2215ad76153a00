package org.tilevm.codegen.ptx.cuda.backend;

import java.util.Objects;

/**
 * A compiled translation unit that {@code cuModuleLoadDataEx} can load: a cubin for one real
 * architecture, or PTX text that the driver compiles for the device it runs on.
 *
 * @param format what {@code image} holds
 * @param target the architecture it was compiled for, {@code sm_90} (cubin) or {@code compute_80} (PTX)
 * @param image  the cubin's bytes, or the PTX text in UTF-8 (without a terminating NUL)
 * @param log    the compiler's log (warnings), empty when clean
 */
public record ModuleImage(Format format, String target, byte[] image, String log) {
    /** Cubin (machine code for {@code target}) or PTX (virtual ISA, JIT-compiled by the driver). */
    public enum Format { CUBIN, PTX }

    public ModuleImage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(image, "image");
        log = log == null ? "" : log;
        if (image.length == 0) throw new IllegalArgumentException("empty module image for " + target);
    }
}
