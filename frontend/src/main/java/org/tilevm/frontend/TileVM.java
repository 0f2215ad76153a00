package org.tilevm.frontend;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.verify.Verifier;

/**
 * The entry point for applications that embed TileVM: which backend runs programs, and running
 * them. Backends are found on the class path ({@link Backends}); the best available one wins:
 * {@code cuda} when a GPU and the driver are present, then the JVM JIT ({@code jvm}), then the
 * reference interpreter ({@code interp}). A system property {@code tilevm.backend} or the
 * environment variable {@code TILEVM_BACKEND} names a backend explicitly.
 */
public final class TileVM {
    private TileVM() {}

    /** The backend programs run on: the one named by {@code tilevm.backend} / {@code TILEVM_BACKEND}, else the best available. */
    public static Backend backend() {
        String named = System.getProperty("tilevm.backend");
        if (named == null || named.isBlank()) named = System.getenv("TILEVM_BACKEND");
        return named == null || named.isBlank() ? Backends.best() : Backends.named(named.strip());
    }

    /** The backend called {@code name}, with a clear error when it is unknown or unavailable. */
    public static Backend backend(String name) { return Backends.named(Objects.requireNonNull(name, "backend name")); }

    /** Every backend on the class path, best first, available or not. */
    public static List<Backend> backends() { return Backends.all(); }

    /**
     * Verifies {@code program} and runs it over its grid on {@link #backend()}.
     *
     * @param args launch arguments by parameter name (see {@link Backend#launch})
     * @return the backend that ran it
     */
    public static Backend run(Program program, Map<String, Object> args) {
        Verifier.check(program);
        Backend b = backend();
        b.launch(program, args);
        return b;
    }
}
