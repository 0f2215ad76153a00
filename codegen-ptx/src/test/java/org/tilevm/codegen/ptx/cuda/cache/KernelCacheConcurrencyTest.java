package org.tilevm.codegen.ptx.cuda.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several threads, cache instances and JVM processes compiling the same kernels at once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KernelCacheConcurrencyTest {
    @TempDir
    Path tmp;

    private static final int THREADS = 16;

    /** One cache instance, many threads, one key: the compiler runs once and everyone gets its image. */
    @Test
    void threadsOfOneProcessCompileOnce() throws Exception {
        KernelCache cache = KernelCache.at(tmp, "cg-1");
        CacheKey k = cache.key("kernel", List.of(), "13.0", "sm_90");
        byte[] img = KernelCacheTest.image(1, 200_000);
        AtomicInteger runs = new AtomicInteger();
        List<CacheResult> results = race(THREADS, t -> cache.getOrCompile(k, () -> {
            runs.incrementAndGet();
            sleep(100);
            return new Compiled(img.clone(), "log");
        }));
        assertEquals(1, runs.get());
        for (CacheResult r : results) assertArrayEquals(img, r.image());
        assertEquals(1, results.stream().filter(r -> r.origin() == CacheResult.Origin.COMPILED).count());
        assertTrue(results.stream().allMatch(r -> r.origin() != CacheResult.Origin.JOINED || r.log().equals("log")));
        assertOnlyEntries(cache, 1);
    }

    /** Compiler failure while others wait: all of them see the failure, and the key can be retried. */
    @Test
    void failureReachesEveryWaiter() throws Exception {
        KernelCache cache = KernelCache.at(tmp, "cg-1");
        CacheKey k = cache.key("bad kernel", List.of(), "13.0", "sm_90");
        AtomicInteger failures = new AtomicInteger();
        race(8, t -> {
            try {
                return cache.getOrCompile(k, () -> {
                    sleep(100);
                    throw new IllegalStateException("nvrtc failed");
                });
            } catch (IllegalStateException e) {
                failures.incrementAndGet();
                return null;
            }
        });
        assertEquals(8, failures.get());
        assertEquals(CacheResult.Origin.COMPILED, cache.getOrCompile(k, () -> new Compiled(new byte[] {1, 2, 3}, "")).origin());
    }

    /**
     * Separate cache instances share nothing in memory (as separate processes): each may compile,
     * each rename replaces the entry whole, and the surviving entry is valid with no temp files left.
     */
    @Test
    void independentInstancesRaceSafely() throws Exception {
        for (int round = 0; round < 5; round++) {
            CacheKey k = KernelCache.at(tmp, "cg-1").key("kernel " + round, List.of(), "13.0", "sm_90");
            byte[] img = KernelCacheTest.image(round, 300_000 + round);
            List<CacheResult> results = race(THREADS, t -> KernelCache.at(tmp, "cg-1").getOrCompile(k, () -> {
                sleep(20);
                return new Compiled(img.clone(), "");
            }));
            for (CacheResult r : results) assertArrayEquals(img, r.image());
            assertArrayEquals(img, KernelCache.at(tmp, "cg-1").get(k).orElseThrow());
        }
        assertOnlyEntries(KernelCache.at(tmp, "cg-1"), 5);
    }

    /**
     * Writers keep replacing one entry with two different valid images while readers read it:
     * a reader sees one image or the other, whole, never a partial or corrupt file.
     */
    @Test
    void readersNeverSeePartialEntries() throws Exception {
        KernelCache writerCache = KernelCache.at(tmp, "cg-1");
        CacheKey k = writerCache.key("kernel", List.of(), "13.0", "sm_90");
        byte[] a = KernelCacheTest.image(10, 400_000), b = KernelCacheTest.image(20, 500_000);
        writerCache.put(k, a);
        AtomicBoolean stop = new AtomicBoolean();
        List<KernelCache> readers = new ArrayList<>();
        AtomicInteger reads = new AtomicInteger(), bad = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int id = w;
                fs.add(pool.submit(() -> {
                    KernelCache c = KernelCache.at(tmp, "cg-1");
                    for (int i = 0; i < 150; i++) assertTrue(c.put(k, (i + id) % 2 == 0 ? a : b));
                    return null;
                }));
            }
            for (int r = 0; r < 4; r++) {
                KernelCache c = KernelCache.at(tmp, "cg-1");
                synchronized (readers) { readers.add(c); }
                fs.add(pool.submit(() -> {
                    while (!stop.get()) {
                        byte[] got = c.get(k).orElse(null);
                        reads.incrementAndGet();
                        if (got == null || !(java.util.Arrays.equals(got, a) || java.util.Arrays.equals(got, b))) bad.incrementAndGet();
                    }
                    return null;
                }));
            }
            fs.get(0).get();
            fs.get(1).get();
            stop.set(true);
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertTrue(reads.get() > 10, "readers barely ran: " + reads.get());
        assertEquals(0, bad.get());
        for (KernelCache r : readers) assertEquals(0, r.stats().corrupt());
        assertOnlyEntries(writerCache, 1);
    }

    /** Two JVMs started at once compile the same keys into one cache folder. */
    @Test
    void twoProcessesCompilingTheSameKernels() throws Exception {
        int keys = 30, size = 100_000;
        Path root = tmp.resolve("cache"), go = tmp.resolve("go");
        List<Process> procs = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        try {
            for (int p = 0; p < 2; p++) {
                Process proc = new ProcessBuilder(javaExecutable(), "-cp", testClassPath(), CacheRaceMain.class.getName(),
                        root.toString(), go.toString(), Integer.toString(keys), Integer.toString(size))
                        .redirectError(tmp.resolve("err" + p + ".txt").toFile()).start();
                procs.add(proc);
                outs.add(new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (int p = 0; p < 2; p++) {
                String first = outs.get(p).readLine();
                if (!"ready".equals(first)) {
                    procs.get(p).waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("process " + p + " did not start: " + first + " " + Files.readString(tmp.resolve("err" + p + ".txt")));
                }
            }
            Files.writeString(go, "go");
            Pattern summary = Pattern.compile("compiled=(\\d+) disk=(\\d+) corrupt=0 warnings=0");
            int compiled = 0;
            for (int p = 0; p < 2; p++) {
                String line = outs.get(p).readLine();
                assertTrue(procs.get(p).waitFor(60, TimeUnit.SECONDS), "process " + p + " did not finish");
                String err = Files.readString(tmp.resolve("err" + p + ".txt"));
                assertEquals(0, procs.get(p).exitValue(), "process " + p + ": " + line + " " + err);
                Matcher m = summary.matcher(line == null ? "" : line);
                assertTrue(m.matches(), "process " + p + " printed " + line + " " + err);
                compiled += Integer.parseInt(m.group(1));
                assertEquals(keys, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)));
            }
            assertTrue(compiled >= keys && compiled <= 2 * keys, "compiled " + compiled);
        } finally {
            for (Process p : procs) p.destroyForcibly();
        }
        KernelCache check = KernelCache.at(root, "race-1");
        for (int i = 0; i < keys; i++) {
            assertArrayEquals(CacheRaceMain.raceImage(i, size), check.get(CacheRaceMain.raceKey(check, i)).orElseThrow(), "key " + i);
        }
        assertOnlyEntries(check, keys);
    }

    /** The cache folder holds exactly {@code n} entries and no temporary files. */
    private static void assertOnlyEntries(KernelCache cache, int n) throws IOException {
        try (Stream<Path> files = Files.list(cache.directory().orElseThrow())) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(n, names.size(), names.toString());
            assertTrue(names.stream().allMatch(s -> s.matches("[0-9a-f]{64}\\.tvk")), names.toString());
        }
    }

    /** Runs {@code task} on {@code n} threads released together; their results in thread order. */
    private static <T> List<T> race(int n, java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> fs = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    start.await();
                    return task.apply(id);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test class path (surefire keeps it in its own property when it launches through a manifest jar). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
