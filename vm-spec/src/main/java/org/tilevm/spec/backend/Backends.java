package org.tilevm.spec.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Discovery of {@link Backend}s through {@link ServiceLoader}. */
public final class Backends {
    private Backends() {}

    /** Every backend on the class path, available or not, best first. */
    public static List<Backend> all() {
        List<Backend> list = new ArrayList<>();
        ServiceLoader.load(Backend.class).forEach(list::add);
        list.sort(Comparator.comparingInt(Backend::priority).reversed());
        return list;
    }

    /** The available backend with the highest priority. */
    public static Backend best() {
        return all().stream().filter(Backend::isAvailable).findFirst()
                .orElseThrow(() -> new IllegalStateException("no TileVM backend is available"));
    }

    /** The backend named {@code name}; a clear error when unknown or unavailable. */
    public static Backend named(String name) {
        List<Backend> all = all();
        for (Backend b : all) {
            if (b.name().equals(name)) {
                if (!b.isAvailable()) {
                    throw new IllegalArgumentException("backend '" + name + "' is not available: " + b.unavailableReason());
                }
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name + "': expected one of "
                + all.stream().map(Backend::name).collect(Collectors.joining(", ")));
    }
}
