package org.tilevm.frontend.dsl;

/**
 * A program cannot be built as written: a tensor or scalar used outside its scope or kernel, a
 * shape, rank, dtype or layout that does not fit the operation, a missing grid or warp count.
 * The message names the kernel, the place (the path of enclosing control flow) and the cause.
 */
public final class DslException extends RuntimeException {
    public DslException(String message) { super(message); }
    public DslException(String message, Throwable cause) { super(message, cause); }
}
