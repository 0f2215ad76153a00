package org.tilevm.codegen.ptx.cuda.cache;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The byte layout of one cache entry: an 84-byte header, then the image.
 *
 * <pre>
 * offset size
 *      0    8  magic  'T' 'V' 'K' 'C' 0x0D 0x0A 0x1A 0x0A
 *      8    4  format version, big-endian (1)
 *     12   32  the key's SHA-256 (the file name says the same; a mismatch means a misplaced file)
 *     44    8  image length in bytes, big-endian
 *     52   32  SHA-256 of the image
 *     84    n  the image
 * </pre>
 *
 * The magic's CR LF, ^Z, LF catch a file mangled by text-mode copying; the length catches a
 * truncated or extended file; the checksum catches any changed byte of the image. Reading either
 * yields the image or says what is wrong with the file: it never returns part of one.
 */
final class EntryFormat {
    static final byte[] MAGIC = {'T', 'V', 'K', 'C', 0x0D, 0x0A, 0x1A, 0x0A};
    static final int VERSION = 1;
    static final int HEADER = 8 + 4 + 32 + 8 + 32;

    private EntryFormat() {}

    /** What reading a file found. */
    sealed interface Decoded {}

    /** A whole, intact entry for the expected key. */
    record Valid(byte[] image) implements Decoded {}

    /** Not a usable entry, and why (for the warning). */
    record Invalid(String reason) implements Decoded {}

    /** The header for {@code image} under {@code key}; the entry is the header followed by the image. */
    static byte[] header(CacheKey key, byte[] image) {
        return ByteBuffer.allocate(HEADER)
                .put(MAGIC).putInt(VERSION).put(key.bytes())
                .putLong(image.length).put(CacheKey.sha256().digest(image))
                .array();
    }

    /** The entry's bytes checked against {@code key}. */
    static Decoded decode(CacheKey key, byte[] file) {
        if (file.length < HEADER) return new Invalid("truncated: " + file.length + " bytes, shorter than the " + HEADER + "-byte header");
        ByteBuffer b = ByteBuffer.wrap(file);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) return new Invalid("bad magic (not a TileVM kernel cache entry)");
        int version = b.getInt();
        if (version != VERSION) return new Invalid("format version " + version + ", expected " + VERSION);
        byte[] k = new byte[32];
        b.get(k);
        if (!Arrays.equals(k, key.bytes())) return new Invalid("the header's key differs from the file name's");
        long length = b.getLong();
        if (length != file.length - HEADER) {
            return new Invalid("length mismatch: the header says " + length + " image bytes, the file holds " + (file.length - HEADER));
        }
        byte[] sum = new byte[32];
        b.get(sum);
        MessageDigest sha = CacheKey.sha256();
        sha.update(file, HEADER, file.length - HEADER);
        if (!MessageDigest.isEqual(sum, sha.digest())) return new Invalid("checksum mismatch: the image is corrupt");
        if (length == 0) return new Invalid("empty image");
        return new Valid(Arrays.copyOfRange(file, HEADER, file.length));
    }
}
