package org.tilevm.codegen.ptx.cuda.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process of {@link KernelCacheConcurrencyTest}'s multi-JVM race (a main, not a test): waits
 * for a go file, then gets-or-compiles the same keys as its sibling processes, checking every image
 * it receives. Prints {@code ready}, then {@code compiled=C disk=D corrupt=X warnings=W}; exits 0
 * only when every image was exactly right.
 *
 * <p>Arguments: cache root, go file, number of keys, image size.
 */
public final class CacheRaceMain {
    private CacheRaceMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]), go = Path.of(args[1]);
        int keys = Integer.parseInt(args[2]), size = Integer.parseInt(args[3]);
        AtomicInteger warnings = new AtomicInteger();
        KernelCache cache = KernelCache.at(root, "race-1").withWarnings(w -> {
            warnings.incrementAndGet();
            System.err.println(w);
        });
        System.out.println("ready");
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) System.exit(2);
            Thread.sleep(1);
        }
        int compiled = 0, disk = 0;
        for (int i = 0; i < keys; i++) {
            int index = i;
            CacheKey k = raceKey(cache, i);
            byte[] want = raceImage(i, size);
            CacheResult r = cache.getOrCompile(k, () -> {
                sleep(5);   // long enough for the siblings to be compiling the same key
                return new Compiled(raceImage(index, size), "");
            });
            if (!Arrays.equals(want, r.image())) {
                System.err.println("wrong image for key " + i + " (" + r.origin() + ")");
                System.exit(3);
            }
            if (r.origin() == CacheResult.Origin.COMPILED) compiled++;
            else disk++;
            // reading back must give the whole entry (ours or a sibling's identical one)
            if (!Arrays.equals(want, cache.get(k).orElse(null))) {
                System.err.println("read-back of key " + i + " failed");
                System.exit(4);
            }
        }
        CacheStats s = cache.stats();
        System.out.println("compiled=" + compiled + " disk=" + disk + " corrupt=" + s.corrupt() + " warnings=" + warnings.get());
        System.exit(s.corrupt() == 0 && warnings.get() == 0 ? 0 : 5);
    }

    static CacheKey raceKey(KernelCache cache, int i) {
        return cache.key("race kernel " + i, List.of("-lineinfo"), "13.0", "sm_90");
    }

    /** The image for key {@code i}: a function of {@code i} only, so every process compiles the same bytes. */
    static byte[] raceImage(int i, int size) {
        return KernelCacheTest.image(1000 + i, size + 17 * i);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
