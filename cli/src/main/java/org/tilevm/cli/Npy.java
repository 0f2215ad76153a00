package org.tilevm.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader and writer of NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>A file is: the magic {@code \x93NUMPY}, the major and minor version bytes, the header length
 * (2 bytes little-endian in version 1, 4 bytes in versions 2 and 3), the header (a Python dict
 * literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}, Latin-1 in
 * versions 1 and 2, UTF-8 in version 3, padded with spaces and a newline so the data starts at a
 * multiple of 64 bytes), then the raw elements. Supported: the {@link NpyType}s, little-endian,
 * C order. Big-endian data and {@code fortran_order: True} are rejected with a message saying
 * how to convert the array; so are structured dtypes and files whose data is shorter or longer
 * than the shape says.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;

    /** Reads the file; {@link NpyFormatException} messages start with the path. */
    public static NpyArray read(Path path) throws IOException {
        return read(Files.readAllBytes(path), path.toString());
    }

    /** Parses the bytes of a {@code .npy} file; {@code name} starts every error message. */
    public static NpyArray read(byte[] file, String name) {
        if (file.length < 10 || !Arrays.equals(file, 0, 6, MAGIC, 0, 6)) {
            throw bad(name, "not a .npy file (it does not start with the magic \\x93NUMPY)");
        }
        int major = file[6] & 0xFF, minor = file[7] & 0xFF;
        if (major < 1 || major > 3) {
            throw bad(name, "unsupported .npy format version " + major + "." + minor + " (expected 1.0, 2.0 or 3.0)");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int lenBytes = major == 1 ? 2 : 4;
        if (file.length < 8 + lenBytes) throw bad(name, "truncated header");
        long headerLen = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8) & 0xFFFFFFFFL;
        int start = 8 + lenBytes;
        if (start + headerLen > file.length) {
            throw bad(name, "truncated header: it says " + headerLen + " header bytes but the file has "
                    + (file.length - start) + " after the length field");
        }
        Charset cs = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String header = new String(file, start, (int) headerLen, cs);
        Header h = parseHeader(header, name);
        int dataStart = start + (int) headerLen;
        long count;
        try {
            count = NpyArray.elementCount(h.shape);
        } catch (ArithmeticException e) {
            throw bad(name, "shape " + Arrays.toString(h.shape) + " has too many elements");
        }
        long need = count * h.type.itemSize();
        long have = file.length - dataStart;
        if (need != have) {
            throw bad(name, "shape " + Arrays.toString(h.shape) + " with dtype " + h.type.describe() + " needs " + need
                    + " data bytes but the file has " + have + (have < need ? " (truncated?)" : ""));
        }
        return new NpyArray(h.type, h.shape, Arrays.copyOfRange(file, dataStart, file.length));
    }

    private record Header(NpyType type, int[] shape) {}

    private static Header parseHeader(String text, String name) {
        Object parsed;
        try {
            PyLiteral p = new PyLiteral(text);
            parsed = p.value();
            p.end();
        } catch (IllegalArgumentException e) {
            throw bad(name, "malformed header " + quote(text) + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> dict)) throw bad(name, "header " + quote(text) + " is not a dict");
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) throw bad(name, "header " + quote(text) + " has no '" + key + "' key");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw bad(name, "structured dtype " + descr + " is not supported (expected a plain dtype such as '<f4')");
        }
        NpyType type = NpyType.ofDescr(d);
        if (type == null) {
            if (d.startsWith(">") && NpyType.ofDescr("<" + d.substring(1)) != null) {
                throw bad(name, "big-endian dtype '" + d + "' is not supported: save it little-endian, e.g. "
                        + "a.astype('<" + d.substring(1) + "')");
            }
            throw bad(name, "unsupported dtype '" + d + "' (supported: '<f4' float32, '<f2' float16, '|u1' uint8, '|i1' int8)");
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean f)) throw bad(name, "fortran_order is " + fortran + ", expected True or False");
        if (f) {
            throw bad(name, "fortran_order=True is not supported: save the array in C order "
                    + "(numpy.ascontiguousarray(a))");
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof List<?> dims)) throw bad(name, "shape " + shape + " is not a tuple");
        int[] s = new int[dims.size()];
        for (int i = 0; i < s.length; i++) {
            if (!(dims.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw bad(name, "shape " + shape + " has a bad dimension " + dims.get(i));
            }
            s[i] = (int) (long) v;
        }
        return new Header(type, s);
    }

    private static String quote(String header) {
        String t = header.strip();
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }

    private static NpyFormatException bad(String name, String problem) {
        return new NpyFormatException(name + ": " + problem);
    }

    /** Writes the array as a version 1.0 file (2.0 if the header would not fit). */
    public static void write(Path path, NpyArray array) throws IOException {
        Files.write(path, toBytes(array));
    }

    /** The file bytes of the array, version 1.0 (2.0 if the header would not fit). */
    public static byte[] toBytes(NpyArray array) {
        return toBytes(array, 1);
    }

    /** The file bytes of the array in format version {@code major}.0 (1, 2 or 3). */
    public static byte[] toBytes(NpyArray array, int major) {
        if (major < 1 || major > 3) throw new IllegalArgumentException("npy format version " + major + " (expected 1..3)");
        StringBuilder h = new StringBuilder("{'descr': '").append(array.type().descr())
                .append("', 'fortran_order': False, 'shape': (");
        int[] shape = array.shape();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) h.append(", ");
            h.append(shape[i]);
        }
        if (shape.length == 1) h.append(',');
        h.append("), }");
        byte[] dict = h.toString().getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lenBytes = major == 1 ? 2 : 4;
        int unpadded = 8 + lenBytes + dict.length + 1; // + the final newline
        int total = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        int headerLen = total - 8 - lenBytes;
        if (major == 1 && headerLen > 0xFFFF) return toBytes(array, 2);
        byte[] data = array.data();
        ByteBuffer out = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) out.putShort((short) headerLen); else out.putInt(headerLen);
        out.put(dict);
        for (int i = dict.length; i < headerLen - 1; i++) out.put((byte) ' ');
        out.put((byte) '\n');
        out.put(data);
        return out.array();
    }

    /**
     * A parser of the Python literals a header uses: dicts, tuples and lists, strings in single or
     * double quotes, integers, True, False and None. Throws {@link IllegalArgumentException}
     * naming the character position.
     */
    private static final class PyLiteral {
        private final String s;
        private int pos;

        PyLiteral(String s) { this.s = s; }

        Object value() {
            skip();
            if (pos >= s.length()) throw error("unexpected end");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> dict();
                case '(' -> sequence(')');
                case '[' -> sequence(']');
                case '\'', '"' -> string();
                default -> {
                    if (c == '-' || Character.isDigit(c)) yield integer();
                    if (Character.isLetter(c)) yield word();
                    throw error("unexpected '" + c + "'");
                }
            };
        }

        void end() {
            skip();
            if (pos != s.length()) throw error("unexpected '" + s.charAt(pos) + "' after the dict");
        }

        private Map<Object, Object> dict() {
            pos++;
            Map<Object, Object> m = new LinkedHashMap<>();
            while (true) {
                skip();
                if (peek() == '}') { pos++; return m; }
                Object key = value();
                skip();
                expect(':');
                Object v = value();
                if (m.put(key, v) != null) throw error("key " + key + " twice");
                skip();
                if (peek() == ',') pos++;
                else if (peek() != '}') throw error("expected ',' or '}'");
            }
        }

        private List<Object> sequence(char close) {
            pos++;
            List<Object> l = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == close) { pos++; return l; }
                l.add(value());
                skip();
                if (peek() == ',') pos++;
                else if (peek() != close) throw error("expected ',' or '" + close + "'");
            }
        }

        private String string() {
            char q = s.charAt(pos++);
            int startPos = pos;
            while (pos < s.length() && s.charAt(pos) != q) {
                if (s.charAt(pos) == '\\') throw error("escapes in strings are not supported");
                pos++;
            }
            if (pos >= s.length()) throw error("unterminated string");
            return s.substring(startPos, pos++);
        }

        private Long integer() {
            int startPos = pos;
            if (s.charAt(pos) == '-') pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos < s.length() && s.charAt(pos) == 'L') pos++; // Python 2 long suffix
            String digits = s.substring(startPos, pos).replace("L", "");
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                pos = startPos;
                throw error("bad integer '" + digits + "'");
            }
        }

        private Object word() {
            int startPos = pos;
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) pos++;
            String w = s.substring(startPos, pos);
            return switch (w) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> "None";
                default -> {
                    pos = startPos;
                    throw error("unexpected word '" + w + "'");
                }
            };
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        private char peek() {
            if (pos >= s.length()) throw error("unexpected end");
            return s.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) throw error("expected '" + c + "'");
            pos++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }
    }
}
