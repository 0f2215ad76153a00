package org.tilevm.spec.backend;

/** A launch failed: bad arguments, an error raised while running, or a backend failure. */
public class LaunchException extends RuntimeException {
    public LaunchException(String message) { super(message); }
    public LaunchException(String message, Throwable cause) { super(message, cause); }
}
