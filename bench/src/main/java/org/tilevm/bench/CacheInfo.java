package org.tilevm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The size of the last-level cache, which decides how many copies of the inputs a benchmark
 * rotates over (more than twice the LLC, so that the weights of each call come from DRAM). Read
 * from Linux's {@code /sys/devices/system/cpu/cpu0/cache/index*} (the data or unified cache of the
 * highest level); {@link #FALLBACK_BYTES} where that is missing.
 */
public final class CacheInfo {
    private CacheInfo() {}

    /** Assumed when the cache sizes cannot be read: a large server LLC. */
    public static final long FALLBACK_BYTES = 64L << 20;

    /** The LLC of this machine, in bytes. */
    public static long lastLevelBytes() {
        return lastLevelBytes(Path.of("/sys/devices/system/cpu/cpu0/cache"));
    }

    /** The LLC described by a sysfs {@code cache} folder, or {@link #FALLBACK_BYTES}. */
    static long lastLevelBytes(Path cacheDir) {
        int bestLevel = -1;
        long bestSize = FALLBACK_BYTES;
        if (!Files.isDirectory(cacheDir)) return FALLBACK_BYTES;
        try (Stream<Path> entries = Files.list(cacheDir)) {
            for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                String type = read(index.resolve("type"));
                if (type == null || type.equals("Instruction")) continue;
                String level = read(index.resolve("level")), size = read(index.resolve("size"));
                if (level == null || size == null) continue;
                int lv = Integer.parseInt(level);
                long bytes = parseSize(size);
                if (lv > bestLevel && bytes > 0) {
                    bestLevel = lv;
                    bestSize = bytes;
                }
            }
        } catch (IOException | RuntimeException e) {
            return FALLBACK_BYTES;
        }
        return bestSize;
    }

    /** A sysfs size: {@code 32768K}, {@code 1M}, {@code 2G} or plain bytes; -1 when unreadable. */
    static long parseSize(String s) {
        String t = s.trim();
        if (t.isEmpty()) return -1;
        long unit = switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
