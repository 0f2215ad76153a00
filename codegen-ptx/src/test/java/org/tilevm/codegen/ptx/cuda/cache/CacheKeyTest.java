package org.tilevm.codegen.ptx.cuda.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    static final String SRC = "extern \"C\" __global__ void k(int* a) { a[threadIdx.x] = 7; }";

    @Test
    void samePartsSameKey() {
        CacheKey a = CacheKey.of(SRC, List.of("-lineinfo", "--use_fast_math"), "0.1.0", "13.0", "sm_90");
        CacheKey b = CacheKey.of(new String(SRC), List.of("-lineinfo", "--use_fast_math"), "0.1.0", "13.0", "sm_90");
        assertEquals(a, b);
        assertEquals(64, a.hex().length());
        assertArrayEquals(HexFormat.of().parseHex(a.hex()), a.bytes());
    }

    @Test
    void everyPartChangesTheKey() {
        List<CacheKey> keys = List.of(
                CacheKey.of(SRC, List.of("-lineinfo"), "0.1.0", "13.0", "sm_90"),
                CacheKey.of(SRC + " ", List.of("-lineinfo"), "0.1.0", "13.0", "sm_90"),
                CacheKey.of(SRC, List.of(), "0.1.0", "13.0", "sm_90"),
                CacheKey.of(SRC, List.of("-lineinfo", "-G"), "0.1.0", "13.0", "sm_90"),
                CacheKey.of(SRC, List.of("-G", "-lineinfo"), "0.1.0", "13.0", "sm_90"),
                CacheKey.of(SRC, List.of("-lineinfo"), "0.1.1", "13.0", "sm_90"),
                CacheKey.of(SRC, List.of("-lineinfo"), "0.1.0", "12.9", "sm_90"),
                CacheKey.of(SRC, List.of("-lineinfo"), "0.1.0", "13.0", "sm_80"),
                CacheKey.of(SRC, List.of("-lineinfo"), "0.1.0", "13.0", "compute_90"));
        Set<CacheKey> distinct = new HashSet<>(keys);
        assertEquals(keys.size(), distinct.size(), keys.toString());
    }

    /** Boundaries between parts are part of the hash: moving text across one changes the key. */
    @Test
    void partBoundariesAreUnambiguous() {
        assertNotEquals(CacheKey.of("s", List.of("-a", "b"), "v", "c", "sm_90"), CacheKey.of("s", List.of("-a b"), "v", "c", "sm_90"));
        assertNotEquals(CacheKey.of("ab", List.of("c"), "v", "c", "sm_90"), CacheKey.of("a", List.of("bc"), "v", "c", "sm_90"));
        assertNotEquals(CacheKey.of("s", List.of(), "1", "23", "sm_90"), CacheKey.of("s", List.of(), "12", "3", "sm_90"));
        assertNotEquals(CacheKey.of("s", List.of(""), "v", "c", "sm_90"), CacheKey.of("s", List.of(), "v", "c", "sm_90"));
    }

    @Test
    void malformedKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("abc"));
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("../" + "0".repeat(61)));
        assertThrows(IllegalArgumentException.class, () -> CacheKey.of(null, List.of(), "v", "c", "sm_90"));
    }
}
