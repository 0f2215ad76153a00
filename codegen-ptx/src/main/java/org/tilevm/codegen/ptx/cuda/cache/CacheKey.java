package org.tilevm.codegen.ptx.cuda.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity of a compiled kernel image: SHA-256 over everything that determines the bytes NVRTC
 * returns: the source text, the compile options (in order), the codegen version, the compiler's
 * own version and the target architecture. Each part is written with a tag and its length, so no
 * two different inputs hash the same text (options {@code ["-a", "b"]} differ from {@code ["-a b"]}).
 *
 * @param hex the 64 lower-case hex digits of the digest; also the entry's file name
 */
public record CacheKey(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    /** Changes when the way a key is computed changes, so old keys can never match new meanings. */
    private static final String SCHEME = "tilevm-kernel-cache-key/1";

    public CacheKey {
        if (hex == null || !HEX.matcher(hex).matches()) throw new IllegalArgumentException("cache key must be 64 lower-case hex digits: " + hex);
    }

    /**
     * The key of a compilation.
     *
     * @param source          the CUDA C++ text (or any program text the image is a function of)
     * @param options         the compiler options other than the architecture, in the order passed
     * @param codegenVersion  the version of the code generator that produced {@code source}
     * @param compilerVersion the compiler's version (for NVRTC, {@code nvrtcVersion} as "13.0"), so
     *                        an upgraded compiler does not reuse images it did not build
     * @param arch            the target, {@link CompileTarget#arch()} ({@code sm_90}, {@code compute_86})
     */
    public static CacheKey of(String source, List<String> options, String codegenVersion, String compilerVersion, String arch) {
        MessageDigest sha = sha256();
        part(sha, 'S', SCHEME);
        part(sha, 's', source);
        sha.update(ByteBuffer.allocate(5).put((byte) 'O').putInt(options.size()).array());
        for (String o : options) part(sha, 'o', o);
        part(sha, 'v', codegenVersion);
        part(sha, 'c', compilerVersion);
        part(sha, 'a', arch);
        return new CacheKey(HexFormat.of().formatHex(sha.digest()));
    }

    /** The 32 digest bytes (stored in each entry's header). */
    public byte[] bytes() { return HexFormat.of().parseHex(hex); }

    @Override
    public String toString() { return hex; }

    private static void part(MessageDigest sha, char tag, String text) {
        if (text == null) throw new IllegalArgumentException("cache key part '" + tag + "' is null");
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(9).put((byte) tag).putLong(b.length).array());
        sha.update(b);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
