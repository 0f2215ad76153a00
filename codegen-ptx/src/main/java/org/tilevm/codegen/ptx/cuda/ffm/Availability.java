package org.tilevm.codegen.ptx.cuda.ffm;

import java.util.Objects;

/**
 * A binding that may be missing on this machine: the value, or the one-paragraph reason it is
 * unavailable. Probing never throws; {@link #orThrow} turns absence into a {@link CudaException}
 * for callers that cannot go on without it.
 */
public sealed interface Availability<T> {
    /** @param value the loaded binding; @param where where its library was found */
    record Available<T>(T value, String where) implements Availability<T> {
        public Available {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param reason what was searched and how to fix it */
    record Unavailable<T>(String reason) implements Availability<T> {}

    default boolean isAvailable() { return this instanceof Available; }

    /** The reason it is unavailable; empty when available. */
    default String reason() {
        return this instanceof Unavailable<T> u ? u.reason() : "";
    }

    /** The value, or a {@link CudaException} naming {@code function} with the reason. */
    default T orThrow(String function) {
        return switch (this) {
            case Available<T> a -> a.value();
            case Unavailable<T> u -> throw CudaException.unavailable(function, u.reason());
        };
    }
}
