package org.tilevm.codegen.ptx.cuda.cache;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the kernel cache lives and how it is configured, from system properties and environment
 * variables (the first that is set and not blank wins):
 *
 * <ol>
 *   <li>system property {@code tilevm.cache.dir}, then environment variable {@code TILEVM_CACHE_DIR};</li>
 *   <li>{@code $XDG_CACHE_HOME/tilevm} when {@code XDG_CACHE_HOME} is an absolute path;</li>
 *   <li>the platform's user cache folder: {@code %LOCALAPPDATA%\tilevm\cache} on Windows,
 *       {@code ~/Library/Caches/tilevm} on macOS, {@code ~/.cache/tilevm} elsewhere.</li>
 * </ol>
 *
 * {@code tilevm.cache.disable} / {@code TILEVM_CACHE_DISABLE} set to {@code true} or {@code 1}
 * turn the cache off; {@code tilevm.cache.maxBytes} / {@code TILEVM_CACHE_MAX_BYTES} cap its size
 * (a number of bytes, optionally with a {@code k}, {@code m} or {@code g} suffix; {@code 0} means
 * no cap). Lookups are functions so tests can supply their own properties and environment.
 */
public final class CacheLocation {
    /** The size cap when none is configured. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private final UnaryOperator<String> property;
    private final UnaryOperator<String> env;
    private final String osName;

    /** The configuration seen through {@code property} (system properties) and {@code env} (environment). */
    public CacheLocation(UnaryOperator<String> property, UnaryOperator<String> env, String osName) {
        this.property = property;
        this.env = env;
        this.osName = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    }

    /** This process's configuration. */
    public static CacheLocation ofSystem() {
        return new CacheLocation(System::getProperty, System::getenv, System.getProperty("os.name"));
    }

    /** The cache root, or empty when the cache is disabled or no home folder is known. */
    public Optional<Path> root() {
        if (disabled()) return Optional.empty();
        String dir = setting("tilevm.cache.dir", "TILEVM_CACHE_DIR");
        if (dir != null) return Optional.of(Path.of(dir).toAbsolutePath());
        String xdg = value(env.apply("XDG_CACHE_HOME"));
        if (xdg != null && Path.of(xdg).isAbsolute()) return Optional.of(Path.of(xdg, "tilevm"));
        if (osName.startsWith("windows")) {
            String local = value(env.apply("LOCALAPPDATA"));
            if (local != null) return Optional.of(Path.of(local, "tilevm", "cache"));
        }
        String home = value(property.apply("user.home"));
        if (home == null) return Optional.empty();
        if (osName.startsWith("windows")) return Optional.of(Path.of(home, "AppData", "Local", "tilevm", "cache"));
        if (osName.startsWith("mac")) return Optional.of(Path.of(home, "Library", "Caches", "tilevm"));
        return Optional.of(Path.of(home, ".cache", "tilevm"));
    }

    /** Whether the cache is turned off. */
    public boolean disabled() {
        String v = setting("tilevm.cache.disable", "TILEVM_CACHE_DISABLE");
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    /**
     * The size cap in bytes ({@code 0}: none).
     *
     * @throws IllegalArgumentException when the setting is not a size
     */
    public long maxBytes() {
        String v = setting("tilevm.cache.maxBytes", "TILEVM_CACHE_MAX_BYTES");
        return v == null ? DEFAULT_MAX_BYTES : parseSize(v);
    }

    /** {@code 123}, {@code 64k}, {@code 512M}, {@code 2g} as bytes. */
    static long parseSize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || n > (Long.MAX_VALUE >> shift)) throw new NumberFormatException();
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kernel cache size cap \"" + text + "\" (tilevm.cache.maxBytes / TILEVM_CACHE_MAX_BYTES) "
                    + "is not a byte count such as 1073741824, 512m or 2g");
        }
    }

    private String setting(String prop, String var) {
        String p = value(property.apply(prop));
        return p != null ? p : value(env.apply(var));
    }

    private static String value(String v) { return v == null || v.isBlank() ? null : v.strip(); }
}
