package org.tilevm.codegen.ptx.cuda.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheLocationTest {
    private static final String HOME = Path.of("/home/u").toAbsolutePath().toString();

    private static CacheLocation loc(Map<String, String> props, Map<String, String> env, String os) {
        return new CacheLocation(props::get, env::get, os);
    }

    @Test
    void propertyThenEnvironmentThenXdgThenHome() {
        Map<String, String> env = Map.of("TILEVM_CACHE_DIR", "/e/cache", "XDG_CACHE_HOME", "/xdg");
        assertEquals(Optional.of(Path.of("/p/cache").toAbsolutePath()),
                loc(Map.of("tilevm.cache.dir", "/p/cache", "user.home", HOME), env, "Linux").root());
        assertEquals(Optional.of(Path.of("/e/cache").toAbsolutePath()), loc(Map.of("user.home", HOME), env, "Linux").root());
        assertEquals(Optional.of(Path.of("/xdg", "tilevm")), loc(Map.of("user.home", HOME), Map.of("XDG_CACHE_HOME", "/xdg"), "Linux").root());
        assertEquals(Optional.of(Path.of(HOME, ".cache", "tilevm")), loc(Map.of("user.home", HOME), Map.of(), "Linux").root());
    }

    @Test
    void blankAndRelativeValuesAreIgnoredWhereTheyMustBe() {
        // a blank property does not hide the environment; a relative XDG_CACHE_HOME is invalid per the XDG spec
        assertEquals(Optional.of(Path.of(HOME, ".cache", "tilevm")),
                loc(Map.of("tilevm.cache.dir", "  ", "user.home", HOME), Map.of("XDG_CACHE_HOME", "rel/cache"), "Linux").root());
        // a relative explicit folder is taken relative to the working directory
        assertEquals(Optional.of(Path.of("build/kc").toAbsolutePath()), loc(Map.of("tilevm.cache.dir", "build/kc"), Map.of(), "Linux").root());
        assertEquals(Optional.empty(), loc(Map.of(), Map.of(), "Linux").root());
    }

    @Test
    void platformFolders() {
        assertEquals(Optional.of(Path.of(HOME, "Library", "Caches", "tilevm")), loc(Map.of("user.home", HOME), Map.of(), "Mac OS X").root());
        assertEquals(Optional.of(Path.of("/la", "tilevm", "cache")), loc(Map.of("user.home", HOME), Map.of("LOCALAPPDATA", "/la"), "Windows 11").root());
        assertEquals(Optional.of(Path.of(HOME, "AppData", "Local", "tilevm", "cache")), loc(Map.of("user.home", HOME), Map.of(), "Windows 11").root());
    }

    @Test
    void disableAndSizeCap() {
        CacheLocation off = loc(Map.of("user.home", HOME), Map.of("TILEVM_CACHE_DISABLE", "1"), "Linux");
        assertTrue(off.disabled());
        assertEquals(Optional.empty(), off.root());
        assertFalse(loc(Map.of("tilevm.cache.disable", "no", "user.home", HOME), Map.of(), "Linux").disabled());
        assertEquals(CacheLocation.DEFAULT_MAX_BYTES, loc(Map.of(), Map.of(), "Linux").maxBytes());
        assertEquals(512L << 20, loc(Map.of("tilevm.cache.maxBytes", "512m"), Map.of("TILEVM_CACHE_MAX_BYTES", "1"), "Linux").maxBytes());
        assertEquals(2L << 30, loc(Map.of(), Map.of("TILEVM_CACHE_MAX_BYTES", "2G"), "Linux").maxBytes());
        assertEquals(12345, CacheLocation.parseSize("12345"));
        assertEquals(0, CacheLocation.parseSize("0"));
        assertEquals(64 << 10, CacheLocation.parseSize(" 64k "));
        var bad = assertThrows(IllegalArgumentException.class, () -> CacheLocation.parseSize("lots"));
        assertTrue(bad.getMessage().contains("lots") && bad.getMessage().contains("TILEVM_CACHE_MAX_BYTES"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CacheLocation.parseSize("-5"));
        assertThrows(IllegalArgumentException.class, () -> CacheLocation.parseSize("99999999999999999g"));
    }

    @Test
    void versionFoldersAreSafeAndDistinct() {
        assertEquals("0.1.0-SNAPSHOT", VersionFolder.name("0.1.0-SNAPSHOT"));
        String a = VersionFolder.name("../../etc"), b = VersionFolder.name("__.._etc");
        assertFalse(a.contains("/") || a.startsWith("."), a);
        assertFalse(a.equals(b), a + " vs " + b);
        assertFalse(VersionFolder.name("a/b").equals(VersionFolder.name("a_b")));
        assertTrue(VersionFolder.name("x".repeat(500)).length() < 64);
        assertFalse(VersionFolder.name(".").equals("."));
    }
}
