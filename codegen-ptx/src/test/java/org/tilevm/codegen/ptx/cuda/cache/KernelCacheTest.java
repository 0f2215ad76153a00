package org.tilevm.codegen.ptx.cuda.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCacheTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private KernelCache cache(Path root) { return KernelCache.at(root, "cg-1").withWarnings(warnings::add); }

    static byte[] image(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static CacheKey key(KernelCache c, int i) { return c.key("kernel source " + i, List.of("-lineinfo"), "13.0", "sm_90"); }

    @Test
    void missCompilesThenHitReadsDisk() {
        KernelCache c = cache(tmp);
        CacheKey k = key(c, 1);
        byte[] img = image(11, 5000);
        AtomicInteger runs = new AtomicInteger();
        CacheResult first = c.getOrCompile(k, () -> { runs.incrementAndGet(); return new Compiled(img.clone(), "warning: x"); });
        assertEquals(CacheResult.Origin.COMPILED, first.origin());
        assertFalse(first.hit());
        assertEquals("warning: x", first.log());
        assertArrayEquals(img, first.image());
        assertTrue(Files.isRegularFile(tmp.resolve("cg-1").resolve(k.hex() + ".tvk")));

        CacheResult second = c.getOrCompile(k, () -> { runs.incrementAndGet(); return new Compiled(image(99, 10), ""); });
        assertEquals(CacheResult.Origin.DISK, second.origin());
        assertTrue(second.hit());
        assertArrayEquals(img, second.image());
        assertEquals(1, runs.get());

        // a new instance (another process) sees the entry too
        KernelCache other = cache(tmp);
        assertArrayEquals(img, other.getOrCompile(k, () -> { throw new AssertionError("should hit"); }).image());
        assertEquals(new CacheStats(1, 1, 0, 0, 0, 0), c.stats());
        assertEquals(List.of(), warnings);
    }

    @Test
    void differentKeysAreDifferentEntries() {
        KernelCache c = cache(tmp);
        CacheKey a = c.key("src", List.of(), "13.0", "sm_90"), b = c.key("src", List.of(), "13.0", "sm_80"),
                d = c.key("src", List.of("-G"), "13.0", "sm_90");
        c.put(a, image(1, 100));
        c.put(b, image(2, 100));
        assertTrue(c.get(d).isEmpty());
        assertArrayEquals(image(1, 100), c.get(a).orElseThrow());
        assertArrayEquals(image(2, 100), c.get(b).orElseThrow());
        // another codegen version has its own folder and its own keys
        KernelCache v2 = KernelCache.at(tmp, "cg-2");
        assertNotEquals(a, v2.key("src", List.of(), "13.0", "sm_90"));
        assertTrue(v2.get(v2.key("src", List.of(), "13.0", "sm_90")).isEmpty());
        assertNotEquals(c.directory(), v2.directory());
    }

    @Test
    void returnedArraysAreTheCallersOwn() {
        KernelCache c = cache(tmp);
        CacheKey k = key(c, 2);
        byte[] img = image(3, 300);
        CacheResult r = c.getOrCompile(k, () -> new Compiled(img, ""));
        r.image()[0] ^= 1;
        assertArrayEquals(img, c.get(k).orElseThrow());
    }

    /** Every header byte, and random image bytes, flipped one at a time: detected, deleted, rebuilt. */
    @Test
    void flippedByteIsDetectedDeletedAndRebuilt() throws IOException {
        KernelCache c = cache(tmp);
        CacheKey k = key(c, 3);
        byte[] img = image(5, 4096);
        Path entry = c.entryPath(k).orElseThrow();
        Random rnd = new Random(77);
        List<Integer> positions = new ArrayList<>();
        for (int p = 0; p < EntryFormat.HEADER; p++) positions.add(p);
        for (int i = 0; i < 40; i++) positions.add(EntryFormat.HEADER + rnd.nextInt(img.length));
        int expectedCorrupt = 0;
        for (int p : positions) {
            assertTrue(c.put(k, img));
            byte[] file = Files.readAllBytes(entry);
            file[p] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(entry, file);
            assertTrue(c.get(k).isEmpty(), "flip at " + p + " not detected");
            expectedCorrupt++;
            assertFalse(Files.exists(entry), "corrupt entry kept after flip at " + p);
            CacheResult r = c.getOrCompile(k, () -> new Compiled(img.clone(), ""));
            assertEquals(CacheResult.Origin.COMPILED, r.origin());
            assertArrayEquals(img, r.image());
            assertEquals(CacheResult.Origin.DISK, c.getOrCompile(k, () -> { throw new AssertionError(); }).origin());
        }
        assertEquals(expectedCorrupt, c.stats().corrupt());
        assertEquals(expectedCorrupt, warnings.size());
        assertTrue(warnings.getFirst().contains("bad magic"), warnings.getFirst());
    }

    @Test
    void truncatedOrExtendedEntryIsDetectedAndRebuilt() throws IOException {
        KernelCache c = cache(tmp);
        CacheKey k = key(c, 4);
        byte[] img = image(6, 1000);
        Path entry = c.entryPath(k).orElseThrow();
        int full = EntryFormat.HEADER + img.length;
        for (int len : new int[] {0, 1, 10, EntryFormat.HEADER - 1, EntryFormat.HEADER, EntryFormat.HEADER + 1, full / 2, full - 1, full + 1}) {
            c.put(k, img);
            byte[] file = Files.readAllBytes(entry);
            byte[] cut = Arrays.copyOf(file, len);
            if (len > full) cut[len - 1] = 42;
            Files.write(entry, cut);
            CacheResult r = c.getOrCompile(k, () -> new Compiled(img.clone(), ""));
            assertEquals(CacheResult.Origin.COMPILED, r.origin(), "length " + len);
            assertArrayEquals(img, r.image());
            assertArrayEquals(file, Files.readAllBytes(entry), "rebuilt entry differs, length " + len);
        }
        assertEquals(9, c.stats().corrupt());
    }

    /** A valid entry stored under another key's name (copied by hand) is not served for that key. */
    @Test
    void misplacedEntryIsRejected() throws IOException {
        KernelCache c = cache(tmp);
        CacheKey a = key(c, 5), b = key(c, 6);
        c.put(a, image(7, 200));
        Files.copy(c.entryPath(a).orElseThrow(), c.entryPath(b).orElseThrow());
        assertTrue(c.get(b).isEmpty());
        assertTrue(warnings.getFirst().contains("key differs"), warnings.getFirst());
        assertTrue(c.get(a).isPresent());
    }

    /** The cache folder cannot be created (its parent is a file: root or not, that fails): compile anyway, warn once. */
    @Test
    void unwritableFolderFallsBackToCompilingAndWarnsOnce() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        KernelCache c = cache(file.resolve("cache"));
        for (int i = 0; i < 3; i++) {
            byte[] img = image(i, 64);
            CacheResult r = c.getOrCompile(key(c, i), () -> new Compiled(img.clone(), ""));
            assertEquals(CacheResult.Origin.COMPILED, r.origin());
            assertArrayEquals(img, r.image());
        }
        // nothing stored, so the same key compiles again rather than failing
        assertEquals(CacheResult.Origin.COMPILED, c.getOrCompile(key(c, 0), () -> new Compiled(image(0, 64), "")).origin());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("cannot write") && warnings.getFirst().contains("without caching"), warnings.getFirst());
        assertEquals(4, c.stats().writeFailures());
    }

    /** An entry path that is a folder cannot be read or replaced: treated as a miss, never thrown. */
    @Test
    void unreadableEntryIsAMiss() throws IOException {
        KernelCache c = cache(tmp);
        CacheKey k = key(c, 8);
        Files.createDirectories(c.entryPath(k).orElseThrow());
        byte[] img = image(8, 64);
        CacheResult r = c.getOrCompile(k, () -> new Compiled(img.clone(), ""));
        assertArrayEquals(img, r.image());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void disabledCacheCompilesEveryTime() {
        KernelCache c = KernelCache.disabled("cg-1");
        CacheKey k = key(c, 9);
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 3; i++) c.getOrCompile(k, () -> { runs.incrementAndGet(); return new Compiled(image(9, 10), ""); });
        assertEquals(3, runs.get());
        assertFalse(c.put(k, image(9, 10)));
        assertTrue(c.entryPath(k).isEmpty());
    }

    @Test
    void compilerFailureStoresNothingAndPropagates() {
        KernelCache c = cache(tmp);
        CacheKey k = key(c, 10);
        IllegalStateException boom = new IllegalStateException("nvrtc: error: expected a ';'");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> c.getOrCompile(k, () -> { throw boom; })));
        assertFalse(Files.exists(c.entryPath(k).orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> c.getOrCompile(k, () -> new Compiled(new byte[0], "")));
        // a later success is stored normally
        assertEquals(CacheResult.Origin.COMPILED, c.getOrCompile(k, () -> new Compiled(image(10, 10), "")).origin());
        assertTrue(c.get(k).isPresent());
    }

    /** With a cap, writes evict the least recently modified entries first; a hit refreshes an entry. */
    @Test
    void sizeCapEvictsLeastRecentlyUsed() throws IOException {
        int size = 1000, entryBytes = size + EntryFormat.HEADER;
        KernelCache c = cache(tmp).withMaxBytes(3L * entryBytes);
        List<CacheKey> keys = new ArrayList<>();
        Instant t0 = Instant.now().minusSeconds(3600);
        for (int i = 0; i < 3; i++) {
            CacheKey k = key(c, 100 + i);
            keys.add(k);
            c.put(k, image(i, size));
            Files.setLastModifiedTime(c.entryPath(k).orElseThrow(), FileTime.from(t0.plusSeconds(10 * i)));
        }
        assertTrue(c.get(keys.get(0)).isPresent());   // refreshes entry 0: entry 1 is now the oldest
        CacheKey k3 = key(c, 103);
        c.put(k3, image(3, size));
        assertFalse(Files.exists(c.entryPath(keys.get(1)).orElseThrow()), "least recently used entry kept");
        for (CacheKey k : List.of(keys.get(0), keys.get(2), k3)) assertTrue(c.get(k).isPresent());
        assertEquals(1, c.stats().evicted());
        // a cap smaller than one entry keeps only the entry just written
        KernelCache tiny = cache(tmp).withMaxBytes(10);
        CacheKey k4 = key(c, 104);
        tiny.put(k4, image(4, size));
        try (Stream<Path> files = Files.list(c.directory().orElseThrow())) {
            assertEquals(List.of(c.entryPath(k4).orElseThrow()), files.toList());
        }
    }

    /** Temporary files abandoned by dead writers are removed once stale; fresh ones (a live writer's) are kept. */
    @Test
    void staleTemporaryFilesAreCleanedUp() throws IOException {
        KernelCache c = cache(tmp);
        Path dir = Files.createDirectories(c.directory().orElseThrow());
        Path stale = Files.write(dir.resolve("0123456789abcdef.123.tmp"), image(1, 10));
        Path fresh = Files.write(dir.resolve("fedcba9876543210.456.tmp"), image(2, 10));
        Path foreign = Files.write(dir.resolve("notes.txt"), image(3, 10));
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(7200)));
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.now().minusSeconds(7200)));
        c.put(key(c, 11), image(11, 10));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(foreign), "files the cache did not write are never deleted");
    }

    @Test
    void cachedCompilerPassesOptionsAndTargetAndKeysOnThem() {
        KernelCache c = cache(tmp);
        List<String> seen = new ArrayList<>();
        Compiler nvrtc = (src, opts, target) -> {
            seen.add(target.nvrtcOption() + " " + opts);
            return new Compiled((src + target.arch()).getBytes(java.nio.charset.StandardCharsets.UTF_8), "");
        };
        CachedCompiler cc = new CachedCompiler(c, nvrtc, "13.0");
        assertFalse(cc.compile("k1", List.of("-lineinfo"), CompileTarget.cubin(90)).hit());
        assertTrue(cc.compile("k1", List.of("-lineinfo"), CompileTarget.cubin(90)).hit());
        assertFalse(cc.compile("k1", List.of("-lineinfo"), CompileTarget.ptx(90)).hit());
        assertFalse(cc.compile("k1", List.of(), CompileTarget.cubin(90)).hit());
        assertFalse(new CachedCompiler(c, nvrtc, "13.1").compile("k1", List.of("-lineinfo"), CompileTarget.cubin(90)).hit());
        assertEquals(List.of("--gpu-architecture=sm_90 [-lineinfo]", "--gpu-architecture=compute_90 [-lineinfo]",
                "--gpu-architecture=sm_90 []", "--gpu-architecture=sm_90 [-lineinfo]"), seen);
    }
}
