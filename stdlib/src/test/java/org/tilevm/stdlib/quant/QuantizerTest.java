package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;

class QuantizerTest {

    static float[] gaussian(Random rnd, int count) {
        float[] w = new float[count];
        for (int i = 0; i < count; i++) w[i] = (float) rnd.nextGaussian();
        return w;
    }

    /** Every value lands within half a quantization step of its original (inside the type's range). */
    @Test
    void integerRoundTripErrorIsAtMostHalfAStep() {
        Random rnd = new Random(21);
        int k = 37, n = 11, g = 8;
        for (int bits = 2; bits <= 8; bits++) {
            for (boolean signed : new boolean[] {false, true}) {
                DType type = new IntType(bits, signed);
                float[] w = gaussian(rnd, k * n);
                QuantizedWeights q = Quantizer.quantize(w, k, n, type, g);
                assertEquals(!signed, q.hasZeros(), type.name());
                for (int r = 0; r < k; r++) {
                    for (int c = 0; c < n; c++) {
                        double scale = q.scales()[(r / g) * n + c];
                        double err = Math.abs(q.dequantized(r, c) - w[r * n + c]);
                        // signed: the most negative w may map below -max*scale only by clamping at +max..-max-1: still within half a step
                        assertTrue(err <= 0.5 * scale * (1 + 1e-6) + 1e-7, type.name() + " at " + r + "," + c + ": err " + err + " step " + scale);
                    }
                }
            }
        }
    }

    @Test
    void symmetricScaleIsAbsmaxOverMax() {
        float[] w = {1f, -3f, 2f, 0.5f}; // [4,1], one group
        QuantizedWeights q = Quantizer.quantize(w, 4, 1, DTypes.I4, 4);
        assertEquals(3f / 7f, q.scales()[0]);
        assertNull(q.zeros());
        assertEquals(-3.0, q.dequantized(1, 0), 1e-6);
        QuantizedWeights f = Quantizer.quantize(w, 4, 1, DTypes.F8E4M3, 4);
        assertEquals((float) (3.0 / 448.0), f.scales()[0]);
        assertEquals(-3.0, f.dequantized(1, 0), 1e-6);
        QuantizedWeights e2m1 = Quantizer.quantize(w, 4, 1, DTypes.F4E2M1, 4);
        assertEquals(0.5f, e2m1.scales()[0]); // absmax 3 / max 6
        assertEquals(1.0, e2m1.dequantized(0, 0)); // 1/0.5 = 2 is exact in f4e2m1
    }

    @Test
    void asymmetricZeroPointIsAnIntegerInRange() {
        Random rnd = new Random(22);
        int k = 64, n = 9;
        for (int bits = 1; bits <= 8; bits++) {
            DType type = new IntType(bits, false);
            float[] w = gaussian(rnd, k * n);
            for (int i = 0; i < w.length; i++) w[i] += 0.7f; // off-centre
            QuantizedWeights q = Quantizer.quantize(w, k, n, type, 32);
            assertNotNull(q.zeros());
            for (float z : q.zeros()) {
                assertEquals(Math.rint(z), z, type.name());
                assertTrue(z >= 0 && z <= type.mask(), type.name() + " zero " + z);
            }
        }
    }

    /** Float types: relative error bounded by the type's precision, except for values below its subnormal range. */
    @Test
    void everyFloatTypeRoundTripsWithinItsPrecision() {
        Random rnd = new Random(23);
        int k = 24, n = 10, g = 12;
        for (DType type : DTypes.allLowBit()) {
            if (!type.isFloat()) continue;
            float[] w = gaussian(rnd, k * n);
            QuantizedWeights q = Quantizer.quantize(w, k, n, type, g);
            int mant = type.bits() - 1 - ((org.tilevm.spec.dtype.FloatType) type).exponentBits();
            double rel = Math.scalb(1.0, -mant - 1) * (1 + 1e-5);
            double minPos = ((org.tilevm.spec.dtype.FloatType) type).minPositive();
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < n; c++) {
                    double scale = q.scales()[(r / g) * n + c];
                    double x = w[r * n + c];
                    double err = Math.abs(q.dequantized(r, c) - x);
                    assertTrue(err <= rel * Math.abs(x) + minPos * scale, type.name() + " at " + r + "," + c + ": " + x + " -> " + q.dequantized(r, c));
                }
            }
        }
    }

    @Test
    void groupsAreIndependentAndRaggedLastGroupWorks() {
        // K = 5, G = 2: groups {0,1}, {2,3}, {4}; column scales differ per group.
        float[] w = {1f, 10f, -1f, 20f, 100f, -30f, 50f, 40f, 0.25f, -0.5f};
        QuantizedWeights q = Quantizer.quantize(w, 5, 2, DTypes.I8, 2);
        assertEquals(6, q.scales().length);
        assertEquals(1f / 127f, q.scales()[0]);
        assertEquals(20f / 127f, q.scales()[1]);
        assertEquals(100f / 127f, q.scales()[2]);
        assertEquals(40f / 127f, q.scales()[3]);
        assertEquals(0.25f / 127f, q.scales()[4]);
        assertEquals(0.5f / 127f, q.scales()[5]);
        assertEquals(0.25, q.dequantized(4, 0), 1e-6);
    }

    @Test
    void zeroGroupsAndNarrowTypesAreHandled() {
        float[] zeros = new float[8];
        for (DType type : DTypes.allLowBit()) {
            QuantizedWeights q = Quantizer.quantize(zeros, 4, 2, type, 4);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 2; c++) assertEquals(0.0, Math.abs(q.dequantized(r, c)), type.name());
            }
        }
        // i1 holds -1 and 0: scale = absmax / 1, positive values clamp to 0.
        QuantizedWeights i1 = Quantizer.quantize(new float[] {-2f, 1f}, 2, 1, DTypes.I1, 2);
        assertEquals(2f, i1.scales()[0]);
        assertEquals(-2.0, i1.dequantized(0, 0));
        assertEquals(0.0, i1.dequantized(1, 0));
        // u1 with zero point: {-1, 3} -> scale 4, zero 0 -> ... values are (code - zero) * 4
        QuantizedWeights u1 = Quantizer.quantize(new float[] {-1f, 3f}, 2, 1, DTypes.U1, 2);
        assertEquals(4f, u1.scales()[0]);
        assertFalse(Double.isNaN(u1.dequantized(0, 0)));
        assertEquals(4.0, u1.dequantized(1, 0));
    }

    @Test
    void quantizeRejectsBadInput() {
        QuantizedWeightsTest.assertMessage("w has 3 elements, expected K*N = 4",
                () -> Quantizer.quantize(new float[3], 2, 2, DTypes.U4, 1));
        QuantizedWeightsTest.assertMessage("w[1,0] = NaN is not finite",
                () -> Quantizer.quantize(new float[] {0f, 0f, Float.NaN, 0f}, 2, 2, DTypes.U4, 1));
        QuantizedWeightsTest.assertMessage("group size -1",
                () -> Quantizer.quantize(new float[4], 2, 2, DTypes.U4, -1));
        QuantizedWeightsTest.assertMessage("f32 is wider than 8 bits",
                () -> Quantizer.quantize(new float[4], 2, 2, DTypes.F32, 1));
    }
}
