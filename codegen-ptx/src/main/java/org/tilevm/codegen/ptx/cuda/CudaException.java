package org.tilevm.codegen.ptx.cuda;

/**
 * A thread-level program that the CUDA printer cannot render (an ill-typed expression, an access
 * outside a register array, an unsupported MMA shape, ...). The message names the kernel and the
 * statement and says why.
 */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean located;

    CudaException(String message) {
        super(message);
        this.located = false;
    }

    private CudaException(String message, CudaException cause) {
        super(message, cause);
        this.located = true;
    }

    /** This error with the place it happened prefixed, unless it already names one. */
    CudaException at(String place) {
        return located ? this : new CudaException(place + ": " + getMessage(), this);
    }
}
