package org.tilevm.codegen.ptx.cuda.cache;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The folder name for a codegen version: the version itself when it is a safe file name
 * (letters, digits, {@code . _ -}, at most 64 characters), else a sanitized prefix plus a hash of
 * the full string, so distinct versions never share a folder and no version escapes the root.
 */
final class VersionFolder {
    private VersionFolder() {}

    static String name(String version) {
        if (version.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")) return version;
        String safe = version.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 40) safe = safe.substring(0, 40);
        byte[] h = CacheKey.sha256().digest(version.getBytes(StandardCharsets.UTF_8));
        return "v_" + safe + "-" + HexFormat.of().formatHex(h, 0, 6);
    }
}
