package org.tilevm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheInfoTest {

    @Test
    void parsesSysfsSizes() {
        assertEquals(32L << 20, CacheInfo.parseSize("32768K"));
        assertEquals(1L << 20, CacheInfo.parseSize("1M\n"));
        assertEquals(2L << 30, CacheInfo.parseSize("2G"));
        assertEquals(512, CacheInfo.parseSize("512"));
        assertEquals(-1, CacheInfo.parseSize("lots"));
    }

    @Test
    void picksTheHighestDataOrUnifiedLevel(@TempDir Path dir) throws IOException {
        cache(dir, "index0", 1, "Data", "32K");
        cache(dir, "index1", 1, "Instruction", "32K");
        cache(dir, "index2", 2, "Unified", "1024K");
        cache(dir, "index3", 3, "Unified", "36608K");
        assertEquals(36608L << 10, CacheInfo.lastLevelBytes(dir));
    }

    @Test
    void fallsBackWhenNothingIsReadable(@TempDir Path dir) throws IOException {
        assertEquals(CacheInfo.FALLBACK_BYTES, CacheInfo.lastLevelBytes(dir.resolve("missing")));
        cache(dir, "index0", 1, "Instruction", "32K");
        assertEquals(CacheInfo.FALLBACK_BYTES, CacheInfo.lastLevelBytes(dir));
    }

    private static void cache(Path dir, String index, int level, String type, String size) throws IOException {
        Path p = Files.createDirectories(dir.resolve(index));
        Files.writeString(p.resolve("level"), level + "\n");
        Files.writeString(p.resolve("type"), type + "\n");
        Files.writeString(p.resolve("size"), size + "\n");
    }
}
