package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
    /** Written by NumPy 2.4: np.save(f, np.arange(6, dtype='<f4').reshape(2, 3) * 0.5). */
    static final String NUMPY_F32 = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000003f0000803f0000c03f0000004000002040";
    /** np.save(f, np.arange(12, dtype='u1').reshape(3, 4)). */
    static final String NUMPY_U1 = "934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c2034292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000102030405060708090a0b";
    /** np.save(f, np.array([[-8, 7], [0, -1]], dtype='i1')). */
    static final String NUMPY_I1 = "934e554d5059010076007b276465736372273a20277c6931272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2032292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200af80700ff";
    /** np.save(f, np.array([1.5, -2, 65504, 0.0001], dtype='<f2')) (0.0001 rounds to 0x068e). */
    static final String NUMPY_F16 = "934e554d5059010076007b276465736372273a20273c6632272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028342c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a003e00c0ff7b8e06";
    /** np.lib.format.write_array(f, np.ones((2, 2), dtype='<f4'), version=(3, 0)). */
    static final String NUMPY_V3 = "934e554d50590300740000007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2032292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a0000803f0000803f0000803f0000803f";

    private static byte[] hex(String s) { return HexFormat.of().parseHex(s); }

    @Test
    void readsNumpyFilesOfEveryType() {
        NpyArray f32 = Npy.read(hex(NUMPY_F32), "f32.npy");
        assertEquals(NpyType.F32, f32.type());
        assertArrayEquals(new int[] {2, 3}, f32.shape());
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f}, f32.toFloats());

        NpyArray u1 = Npy.read(hex(NUMPY_U1), "u1.npy");
        assertEquals(NpyType.U8, u1.type());
        assertArrayEquals(new int[] {3, 4}, u1.shape());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, u1.toLongs());

        NpyArray i1 = Npy.read(hex(NUMPY_I1), "i1.npy");
        assertEquals(NpyType.I8, i1.type());
        assertArrayEquals(new long[] {-8, 7, 0, -1}, i1.toLongs());

        NpyArray f16 = Npy.read(hex(NUMPY_F16), "f16.npy");
        assertEquals(NpyType.F16, f16.type());
        assertArrayEquals(new int[] {4}, f16.shape());
        assertArrayEquals(new float[] {1.5f, -2, 65504, Float.float16ToFloat((short) 0x068e)}, f16.toFloats());

        NpyArray v3 = Npy.read(hex(NUMPY_V3), "v3.npy");
        assertArrayEquals(new float[] {1, 1, 1, 1}, v3.toFloats());
    }

    @Test
    void writerMatchesNumpyByteForByte() {
        assertArrayEquals(hex(NUMPY_F32), Npy.toBytes(NpyArray.ofFloat32(new int[] {2, 3}, new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f})));
        assertArrayEquals(hex(NUMPY_U1), Npy.toBytes(NpyArray.ofUint8(new int[] {3, 4}, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})));
        assertArrayEquals(hex(NUMPY_I1), Npy.toBytes(NpyArray.ofInt8(new int[] {2, 2}, new long[] {-8, 7, 0, -1})));
        assertArrayEquals(hex(NUMPY_F16), Npy.toBytes(NpyArray.ofFloat16(new int[] {4}, new float[] {1.5f, -2, 65504, 0.0001f})));
        assertArrayEquals(hex(NUMPY_V3), Npy.toBytes(NpyArray.ofFloat32(new int[] {2, 2}, new float[] {1, 1, 1, 1}), 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void roundTripsRandomArraysInEveryVersion(int version) {
        Random rnd = new Random(17 + version);
        int[][] shapes = {{}, {0}, {7}, {3, 5}, {2, 3, 4}, {1, 1, 1, 9}};
        for (int[] shape : shapes) {
            int n = (int) NpyArray.elementCount(shape);
            float[] f = new float[n];
            long[] b = new long[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) rnd.nextGaussian() * 100;
                b[i] = rnd.nextInt(256) - 128;
            }
            for (NpyArray a : new NpyArray[] {NpyArray.ofFloat32(shape, f), NpyArray.ofFloat16(shape, f),
                    NpyArray.ofUint8(shape, b), NpyArray.ofInt8(shape, b)}) {
                byte[] file = Npy.toBytes(a, version);
                assertEquals(0, (file.length - a.data().length) % 64, "data starts on a 64-byte boundary");
                assertEquals(version, file[6]);
                NpyArray back = Npy.read(file, "x.npy");
                assertEquals(a, back, "version " + version + " " + a);
            }
            assertArrayEquals(f, Npy.read(Npy.toBytes(NpyArray.ofFloat32(shape, f), version), "x").toFloats());
        }
    }

    @Test
    void float16RoundsToNearestEvenAndIntegersKeepTheirSign() {
        float[] in = {1.0f + 0x1p-11f, 1.0f + 3 * 0x1p-11f, 70000f, -0.0f};
        float[] out = Npy.read(Npy.toBytes(NpyArray.ofFloat16(new int[] {4}, in)), "h").toFloats();
        assertArrayEquals(new float[] {1.0f, 1.0f + 0x1p-9f, Float.POSITIVE_INFINITY, -0.0f}, out);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(out[3]));
        NpyArray u = NpyArray.ofUint8(new int[] {3}, new long[] {255, 128, 3});
        assertArrayEquals(new long[] {255, 128, 3}, u.toLongs());
        NpyArray i = NpyArray.ofInt8(new int[] {3}, new long[] {-128, 127, -1});
        assertArrayEquals(new long[] {-128, 127, -1}, i.toLongs());
    }

    @Test
    void writesAndReadsFiles(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("a.npy");
        NpyArray a = NpyArray.ofFloat32(new int[] {2, 2}, new float[] {1, -2, 3.5f, Float.NaN});
        Npy.write(p, a);
        assertEquals(a, Npy.read(p));
    }

    /** A version 1 file with this header text (padded like NumPy) and these data bytes. */
    static byte[] v1(String header, byte[] data) {
        byte[] h = (header + " ".repeat(Math.max(0, 117 - header.length())) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    private static String bad(byte[] file) {
        return assertThrows(NpyFormatException.class, () -> Npy.read(file, "w.npy")).getMessage();
    }

    @Test
    void acceptsHeaderVariants() {
        // Double quotes, no trailing comma, other key order, 1-byte types with '<' order.
        NpyArray a = Npy.read(v1("{\"shape\": (2,), \"fortran_order\": False, \"descr\": \"<u1\"}", new byte[] {5, 6}), "x");
        assertArrayEquals(new long[] {5, 6}, a.toLongs());
        NpyArray fortranVector = Npy.read(v1("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]), "x");
        assertEquals(1, fortranVector.size());
    }

    @Test
    void rejectsBadFilesWithClearMessages() {
        assertTrue(bad("hello world, not numpy".getBytes(StandardCharsets.US_ASCII)).contains("w.npy: not a .npy file"));
        byte[] v4 = hex(NUMPY_F32);
        v4[6] = 4;
        assertTrue(bad(v4).contains("unsupported .npy format version 4.0"));
        String f = bad(v1("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", new byte[24]));
        assertTrue(f.startsWith("w.npy: fortran_order=True is not supported"), f);
        String be = bad(v1("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]));
        assertTrue(be.contains("big-endian dtype '>f4' is not supported"), be);
        assertTrue(bad(v1("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new byte[16]))
                .contains("unsupported dtype '<f8'"));
        assertTrue(bad(v1("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", new byte[8]))
                .contains("structured dtype"));
        String shortData = bad(v1("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", new byte[20]));
        assertTrue(shortData.contains("needs 24 data bytes but the file has 20"), shortData);
        assertTrue(bad(v1("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[12]))
                .contains("needs 8 data bytes but the file has 12"));
        assertTrue(bad(v1("{'descr': '<f4', 'fortran_order': False}", new byte[4])).contains("has no 'shape' key"));
        assertTrue(bad(v1("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", new byte[24]))
                .contains("malformed header"));
        assertTrue(bad(v1("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", new byte[0]))
                .contains("bad dimension -2"));
        assertTrue(bad(v1("['descr']", new byte[0])).contains("is not a dict"));
        byte[] truncated = java.util.Arrays.copyOf(hex(NUMPY_F32), 40);
        assertTrue(bad(truncated).contains("truncated header"));
    }
}
