package org.tilevm.codegen.ptx.cuda.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An on-disk cache of compiled kernel images (cubin or PTX), shared by every JVM of the user.
 *
 * <p>Entries live in {@code <root>/<codegen version>/<key>.tvk} in the {@link EntryFormat} layout.
 * A write goes to a fresh temporary file in the same folder, which is then renamed over the entry
 * with {@code ATOMIC_MOVE}: readers open either the old file or the new one, never a partial one,
 * and when several processes compile the same kernel at once the last rename wins (they all wrote
 * the same image). Within one process, concurrent requests for a key run the compiler once. An
 * entry that fails its checks (truncated, corrupt, misplaced) is never returned: it is deleted and
 * rebuilt. A cache that cannot be read or written never fails a launch: it warns once and the
 * kernel is compiled without caching. With a size cap, each write evicts the least recently used
 * entries (by modification time, which a hit refreshes) across all codegen versions.
 *
 * <p>See codegen-ptx/KERNEL-CACHE.md.
 */
public final class KernelCache {
    static final String SUFFIX = ".tvk";
    private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{64}\\.tvk");
    private static final Pattern TEMP = Pattern.compile("[0-9a-f]{16}\\.[0-9]+\\.tmp");
    /** A temporary file this old was left by a process that died while writing it. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger("org.tilevm.codegen.ptx.cuda.cache");

    private final Path root;   // null: no caching
    private final Path dir;    // root/<version folder>
    private final String codegenVersion;
    private final long maxBytes;
    private final Consumer<String> warnings;

    private final ConcurrentHashMap<CacheKey, CompletableFuture<Compiled>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean warnedIo = new AtomicBoolean();
    private final AtomicLong diskHits = new AtomicLong(), compiles = new AtomicLong(), joins = new AtomicLong(),
            corrupt = new AtomicLong(), writeFailures = new AtomicLong(), evicted = new AtomicLong();

    private KernelCache(Path root, String codegenVersion, long maxBytes, Consumer<String> warnings) {
        if (codegenVersion == null || codegenVersion.isBlank()) throw new IllegalArgumentException("kernel cache: codegen version is blank");
        if (maxBytes < 0) throw new IllegalArgumentException("kernel cache: size cap " + maxBytes + " is negative");
        this.root = root;
        this.dir = root == null ? null : root.resolve(VersionFolder.name(codegenVersion));
        this.codegenVersion = codegenVersion;
        this.maxBytes = maxBytes;
        this.warnings = warnings;
    }

    /**
     * The cache this process's configuration names ({@link CacheLocation#ofSystem()}): disabled when
     * turned off or when no folder can be determined; a malformed size cap is warned about and the
     * default used, so configuration never fails a launch.
     */
    public static KernelCache fromEnvironment(String codegenVersion) {
        CacheLocation loc = CacheLocation.ofSystem();
        Consumer<String> warn = KernelCache::log;
        long cap;
        try {
            cap = loc.maxBytes();
        } catch (IllegalArgumentException e) {
            warn.accept(e.getMessage() + "; using " + CacheLocation.DEFAULT_MAX_BYTES);
            cap = CacheLocation.DEFAULT_MAX_BYTES;
        }
        Optional<Path> root;
        try {
            root = loc.root();
        } catch (InvalidPathException e) {
            warn.accept("kernel cache: the configured folder is not a valid path (" + e.getMessage() + "); compiling without caching");
            return new KernelCache(null, codegenVersion, cap, warn);
        }
        if (root.isEmpty() && !loc.disabled()) warn.accept("kernel cache: no cache folder (set tilevm.cache.dir or TILEVM_CACHE_DIR); compiling without caching");
        return new KernelCache(root.orElse(null), codegenVersion, cap, warn);
    }

    /** A cache rooted at {@code root}, with no size cap. */
    public static KernelCache at(Path root, String codegenVersion) {
        return new KernelCache(root.toAbsolutePath(), codegenVersion, 0, KernelCache::log);
    }

    /** No caching at all: every {@link #getOrCompile} compiles (concurrent requests for a key still compile once). */
    public static KernelCache disabled(String codegenVersion) {
        return new KernelCache(null, codegenVersion, 0, KernelCache::log);
    }

    /** This cache's folder with a size cap of {@code maxBytes} ({@code 0}: none); a new instance with fresh counters. */
    public KernelCache withMaxBytes(long maxBytes) { return new KernelCache(root, codegenVersion, maxBytes, warnings); }

    /** This cache's folder with warnings sent to {@code sink} instead of the logger; a new instance with fresh counters. */
    public KernelCache withWarnings(Consumer<String> sink) { return new KernelCache(root, codegenVersion, maxBytes, sink); }

    public String codegenVersion() { return codegenVersion; }

    /** The cache root (holding one folder per codegen version), or empty when caching is off. */
    public Optional<Path> root() { return Optional.ofNullable(root); }

    /** This codegen version's folder, or empty when caching is off. */
    public Optional<Path> directory() { return Optional.ofNullable(dir); }

    public long maxBytes() { return maxBytes; }

    /** The key of a compilation under this cache's codegen version (see {@link CacheKey#of}). */
    public CacheKey key(String source, List<String> options, String compilerVersion, String arch) {
        return CacheKey.of(source, options, codegenVersion, compilerVersion, arch);
    }

    /** Where the entry for {@code key} is (or would be) stored; empty when caching is off. */
    public Optional<Path> entryPath(CacheKey key) { return directory().map(d -> d.resolve(key.hex() + SUFFIX)); }

    /**
     * The stored image for {@code key}, if a valid entry exists. An invalid entry is counted,
     * warned about and deleted, and reads as absent.
     */
    public Optional<byte[]> get(CacheKey key) {
        if (dir == null) return Optional.empty();
        Path path = dir.resolve(key.hex() + SUFFIX);
        byte[] file;
        try {
            file = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            if (!Files.exists(path)) return Optional.empty();   // e.g. a parent is not a folder: a plain miss
            warnOnce("kernel cache: cannot read " + path + " (" + e + "); compiling without the cache");
            return Optional.empty();
        }
        return switch (EntryFormat.decode(key, file)) {
            case EntryFormat.Valid(byte[] image) -> {
                diskHits.incrementAndGet();
                touch(path);
                yield Optional.of(image);
            }
            case EntryFormat.Invalid(String reason) -> {
                corrupt.incrementAndGet();
                warnings.accept("kernel cache: entry " + path + " is invalid (" + reason + "); deleted, the kernel will be recompiled");
                deleteQuietly(path);
                yield Optional.empty();
            }
        };
    }

    /**
     * Stores {@code image} under {@code key}: temporary file, then atomic rename over the entry.
     * Never throws for I/O problems: it warns once and returns false.
     *
     * @return whether an entry for {@code key} is now on disk
     */
    public boolean put(CacheKey key, byte[] image) {
        if (dir == null) return false;
        if (image.length == 0) throw new IllegalArgumentException("kernel cache: refusing to store an empty image for " + key);
        Path entry = dir.resolve(key.hex() + SUFFIX);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key.hex().substring(0, 16) + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(EntryFormat.header(key, image));
                out.write(image);
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // A platform that refuses to replace a file another process holds open still has a
            // whole entry for this key (all writers store the same image): nothing was lost.
            if (Files.isRegularFile(entry)) return true;
            writeFailures.incrementAndGet();
            warnOnce("kernel cache: cannot write to " + dir + " (" + e + "); compiling without caching");
            return false;
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
        maintain(entry);
        return true;
    }

    /**
     * The image for {@code key}: from disk when a valid entry exists, else from {@code compiler}
     * (then stored). Concurrent calls in this process for the same key run the compiler once; a
     * compiler failure propagates to every waiting caller and nothing is stored.
     */
    public CacheResult getOrCompile(CacheKey key, Supplier<Compiled> compiler) {
        Optional<byte[]> disk = get(key);
        if (disk.isPresent()) return new CacheResult(disk.get(), CacheResult.Origin.DISK, "");
        CompletableFuture<Compiled> mine = new CompletableFuture<>();
        CompletableFuture<Compiled> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            joins.incrementAndGet();
            Compiled c = await(running);
            return new CacheResult(c.image().clone(), CacheResult.Origin.JOINED, c.log());
        }
        try {
            // Another thread may have stored it between the miss above and the claim.
            disk = get(key);
            if (disk.isPresent()) {
                mine.complete(new Compiled(disk.get(), ""));
                return new CacheResult(disk.get().clone(), CacheResult.Origin.DISK, "");
            }
            Compiled c = compiler.get();
            if (c == null) throw new IllegalStateException("kernel cache: the compiler returned no image for " + key);
            compiles.incrementAndGet();
            put(key, c.image());
            mine.complete(c);
            return new CacheResult(c.image().clone(), CacheResult.Origin.COMPILED, c.log());
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    public CacheStats stats() {
        return new CacheStats(diskHits.get(), compiles.get(), joins.get(), corrupt.get(), writeFailures.get(), evicted.get());
    }

    /**
     * Housekeeping after a write: deletes temporary files abandoned by dead processes and, with a
     * size cap, the least recently used entries (all codegen versions) until the total fits. The
     * entry just written is kept. Errors are ignored: another process may be doing the same.
     */
    private void maintain(Path justWritten) {
        record Entry(Path path, long size, FileTime mtime) {}
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        Instant staleBefore = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path v : versions) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(v)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        boolean entry = ENTRY.matcher(name).matches();
                        if (!entry && !TEMP.matcher(name).matches()) continue;
                        BasicFileAttributes a;
                        try {
                            a = Files.readAttributes(f, BasicFileAttributes.class);
                        } catch (IOException e) {
                            continue;   // deleted meanwhile
                        }
                        if (!entry) {
                            if (a.lastModifiedTime().toInstant().isBefore(staleBefore)) deleteQuietly(f);
                        } else {
                            entries.add(new Entry(f, a.size(), a.lastModifiedTime()));
                            total += a.size();
                        }
                    }
                } catch (IOException e) {
                    // a version folder removed or unreadable: skip it
                }
            }
        } catch (IOException e) {
            return;
        }
        if (maxBytes == 0 || total <= maxBytes) return;
        entries.sort(Comparator.comparing(Entry::mtime));
        for (Entry e : entries) {
            if (total <= maxBytes) break;
            if (e.path().equals(justWritten)) continue;
            if (deleteQuietly(e.path())) evicted.incrementAndGet();
            total -= e.size();
        }
    }

    /** Marks a hit entry as recently used, for eviction by modification time. */
    private static void touch(Path path) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException | SecurityException e) {
            // a read-only cache still serves hits
        }
    }

    private static boolean deleteQuietly(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private void warnOnce(String message) {
        if (warnedIo.compareAndSet(false, true)) warnings.accept(message);
    }

    private static Compiled await(CompletableFuture<Compiled> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    private static void log(String message) { LOG.log(System.Logger.Level.WARNING, message); }
}
