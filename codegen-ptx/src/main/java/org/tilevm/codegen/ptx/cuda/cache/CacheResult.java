package org.tilevm.codegen.ptx.cuda.cache;

/**
 * The image {@link KernelCache#getOrCompile} returns and where it came from. The array is the
 * caller's own copy.
 *
 * @param log the compiler's log when this call compiled or joined a compilation; empty for a disk hit
 */
public record CacheResult(byte[] image, Origin origin, String log) {

    /** Where an image came from. */
    public enum Origin {
        /** A valid entry on disk: no compilation. */
        DISK,
        /** This call compiled it (and stored it when the cache is writable). */
        COMPILED,
        /** Another thread of this process was compiling the same key; this call waited for its result. */
        JOINED
    }

    /** Whether this call did not run the compiler itself. */
    public boolean hit() { return origin != Origin.COMPILED; }
}
