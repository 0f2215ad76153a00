package org.tilevm.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DType;
import org.tilevm.stdlib.quant.QuantizedWeights;

class ScalarQmatmulTest {

    @ParameterizedTest(name = "{0} G={1} M={2} N={3} K={4}")
    @CsvSource({
            "u4, 32, 1, 100, 300", "u4, 128, 3, 70, 300", "i4, 32, 2, 64, 256", "i4, 128, 1, 33, 129",
            "u3, 32, 1, 70, 200", "i3, 128, 2, 19, 300", "u2, 32, 3, 40, 96", "i2, 128, 1, 9, 260",
            "u8, 64, 2, 17, 100", "f4e2m1, 32, 2, 30, 100", "i1, 7, 1, 12, 50"})
    void matchesTheReference(String type, int group, int m, int n, int k) {
        Random rnd = new Random(7 * n + k);
        QuantizedWeights w = Problems.weights(rnd, k, n, DType.parse(type), group);
        float[] a = Problems.activations(rnd, m, k);
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN); // the kernel overwrites C
        ScalarQmatmul.multiply(a, m, w, c);
        Problems.assertClose(type, a, m, w, c);
    }

    @Test
    void readsCodesThatStraddleBytes() {
        // u3 codes [[5,3,6],[7,0,1]] pack to 9D 01 00 47 00 00 (stdlib/QMATMUL.md)
        QuantizedWeights w = QuantizedWeights.fromCodes(new long[] {5, 3, 6, 7, 0, 1}, 2, 3, DType.parse("u3"), 2,
                new float[] {1, 1, 1}, null);
        assertEquals(5, ScalarQmatmul.code(w.packed(), 0, 3));
        assertEquals(3, ScalarQmatmul.code(w.packed(), 3, 3));
        assertEquals(6, ScalarQmatmul.code(w.packed(), 6, 3));
        assertEquals(7, ScalarQmatmul.code(w.packed(), 24, 3));
        assertEquals(1, ScalarQmatmul.code(w.packed(), 30, 3));
        float[] c = new float[3];
        ScalarQmatmul.multiply(new float[] {2, -1}, 1, w, c);
        assertEquals(3f, c[0]);
        assertEquals(6f, c[1]);
        assertEquals(11f, c[2]);
    }

    @Test
    void rejectsWrongSizes() {
        QuantizedWeights w = Problems.weights(new Random(1), 8, 8, DType.parse("u4"), 8);
        var e = assertThrows(IllegalArgumentException.class, () -> ScalarQmatmul.multiply(new float[7], 1, w, new float[8]));
        assertTrue(e.getMessage().contains("a has 7 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScalarQmatmul.multiply(new float[16], 2, w, new float[8]));
        assertTrue(e.getMessage().contains("c has 8 elements"), e.getMessage());
    }
}
