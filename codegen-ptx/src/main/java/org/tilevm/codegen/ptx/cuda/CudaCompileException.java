package org.tilevm.codegen.ptx.cuda;

/**
 * The CUDA toolchain is missing or a compilation failed. The message names the tool, the target
 * and the kernels of the translation unit; {@link #log()} is the compiler's full output.
 */
public final class CudaCompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String log;

    public CudaCompileException(String message, String log) {
        super(log.isBlank() ? message : message + "\n" + log.strip());
        this.log = log;
    }

    /** The compiler's output (empty when the tool was not run). */
    public String log() { return log; }
}
