package org.tilevm.codegen.ptx.cuda.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Helpers shared by the hand-written bindings: downcall handles by symbol name (with fallbacks
 * for versioned names such as {@code cuEventDestroy_v2}) and C strings returned by the library.
 */
final class Downcalls {
    private Downcalls() {}

    private static final Linker LINKER = Linker.nativeLinker();

    /** The first of {@code names} that {@code lib} exports, as a downcall of {@code fd}. */
    static MethodHandle function(SymbolLookup lib, String library, FunctionDescriptor fd, String... names) {
        for (String n : names) {
            Optional<MemorySegment> sym = lib.find(n);
            if (sym.isPresent()) return LINKER.downcallHandle(sym.get(), fd);
        }
        throw CudaException.unavailable("bind " + names[0], library + " does not export " + String.join(" or ", names)
                + " (too old a version?)");
    }

    /** A NUL-terminated string at {@code ptr} (owned by the library), or {@code ""} for NULL. */
    static String string(MemorySegment ptr) {
        if (ptr.equals(MemorySegment.NULL)) return "";
        return ptr.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Turns what {@code invokeExact} threw into an unchecked exception (a downcall throws nothing checked). */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("native call failed: " + t, t);
    }
}
