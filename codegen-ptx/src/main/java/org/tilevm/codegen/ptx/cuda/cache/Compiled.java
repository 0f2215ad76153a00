package org.tilevm.codegen.ptx.cuda.cache;

/**
 * What a {@link Compiler} produced: the image (cubin bytes, or PTX text bytes exactly as NVRTC
 * returns them, trailing NUL included) and the compiler's log (warnings; empty when silent).
 * The array is owned by this record: callers that keep it must not modify it.
 */
public record Compiled(byte[] image, String log) {
    public Compiled {
        if (image == null || image.length == 0) throw new IllegalArgumentException("compiled image is empty");
        if (log == null) log = "";
    }
}
