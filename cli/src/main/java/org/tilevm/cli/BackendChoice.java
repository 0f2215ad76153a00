package org.tilevm.cli;

import java.util.List;
import java.util.StringJoiner;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.backend.Backends;

/** The {@code --backend} option shared by the commands that run kernels. */
final class BackendChoice {
    private BackendChoice() {}

    static final String OPTION = "--backend";
    static final String HELP = "backend to run on (default: the best available; see 'tilevm help' for the list)";

    /** The named backend, or the best available one when {@code name} is null. */
    static Backend pick(String name) {
        List<Backend> all = Backends.all();
        if (name == null) {
            if (all.isEmpty()) {
                throw new CliException("no TileVM backend is on the class path (is the reference interpreter missing?)");
            }
            try {
                return Backends.best();
            } catch (IllegalStateException e) {
                throw new CliException("no TileVM backend is available: " + list(all));
            }
        }
        try {
            return Backends.named(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(OPTION + ": " + e.getMessage(), e);
        }
    }

    /** {@code interp (available), cuda (not available: no libcuda.so.1)}, best first. */
    static String list(List<Backend> all) {
        if (all.isEmpty()) return "(none found)";
        StringJoiner j = new StringJoiner(", ");
        for (Backend b : all) {
            j.add(b.name() + (b.isAvailable() ? " (available)" : " (not available: " + firstSentence(b.unavailableReason()) + ")"));
        }
        return j.toString();
    }

    /** The first sentence of a (possibly long) reason, for one-line lists. */
    static String firstSentence(String reason) {
        int dot = reason.indexOf(". ");
        return dot < 0 ? reason : reason.substring(0, dot);
    }
}
