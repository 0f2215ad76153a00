package org.tilevm.codegen.ptx.lower;

/** A block-level construct that the GPU lowering cannot translate; the message names it and why. */
public final class LoweringException extends RuntimeException {
    public LoweringException(String message) { super(message); }
}
