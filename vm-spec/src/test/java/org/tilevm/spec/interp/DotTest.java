package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Harness.in;
import static org.tilevm.spec.interp.Ir.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Dot;
import org.tilevm.spec.ir.TensorVar;

/** dot: accumulation in the accumulator's dtype, in ascending k. */
class DotTest {
    static final RegisterLayout A = Layouts.local(2, 2).spatial(8, 4).local(1, 2);  // [16, 16]
    static final RegisterLayout B = Layouts.local(2, 1).spatial(4, 8).local(2, 1);  // [16, 8]
    static final RegisterLayout C = Layouts.local(2, 1).spatial(8, 4).local(1, 2);  // [16, 8] mma accumulator

    static long[] dot(DType ab, DType acc, long[] a, long[] b, long[] c) {
        TensorVar o = reg("o", acc, C);
        return Harness.run(interp(), o, v -> new Dot(o, v.get(0), v.get(1), v.get(2)),
                in("a", ab, A, a), in("b", ab, B, b), in("c", acc, C, c));
    }

    @Test
    void f16OperandsF32Accumulator() {
        Random r = new Random(31);
        long[] a = randomFloats(r, DTypes.F16, 256, 1), b = randomFloats(r, DTypes.F16, 128, 1);
        long[] c = randomFloats(r, DTypes.F32, 128, 1);
        long[] out = dot(DTypes.F16, DTypes.F32, a, b, c);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                float acc = Float.intBitsToFloat((int) c[i * 8 + j]);
                for (int k = 0; k < 16; k++) {
                    acc += Float.float16ToFloat((short) a[i * 16 + k]) * Float.float16ToFloat((short) b[k * 8 + j]);
                }
                assertEquals(Float.floatToRawIntBits(acc) & 0xFFFF_FFFFL, out[i * 8 + j], "(" + i + "," + j + ")");
            }
        }
    }

    /** The worked example of vm-spec/SPEC.md (Part S): 2048 + 1 + ... + 1 in f16 stays 2048; in f32 it is 2063. */
    @Test
    void f16AccumulatorRoundsEveryStepInAscendingK() {
        long[] a = new long[256], b = new long[128], c = new long[128];
        long one = Float.floatToFloat16(1f) & 0xFFFF;
        Arrays.fill(a, one);
        for (int i = 0; i < 16; i++) a[i * 16] = Float.floatToFloat16(2048f) & 0xFFFF;
        Arrays.fill(b, one);
        long[] h = dot(DTypes.F16, DTypes.F16, a, b, c);
        long[] f = dot(DTypes.F16, DTypes.F32, a, b, c);
        for (int e = 0; e < 128; e++) {
            assertEquals(2048f, Float.float16ToFloat((short) h[e]));
            assertEquals(2063f, Float.intBitsToFloat((int) f[e]));
        }
        // random data: acc = f16(acc + f16(a*b)) with an independent rounding reference
        Random r = new Random(32);
        a = randomFloats(r, DTypes.F16, 256, 4);
        b = randomFloats(r, DTypes.F16, 128, 4);
        c = randomFloats(r, DTypes.F16, 128, 4);
        long[] out = dot(DTypes.F16, DTypes.F16, a, b, c);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                double acc = Float.float16ToFloat((short) c[i * 8 + j]);
                for (int k = 0; k < 16; k++) {
                    double p = (double) Float.float16ToFloat((short) a[i * 16 + k]) * Float.float16ToFloat((short) b[k * 8 + j]);
                    p = Float.float16ToFloat((short) RefRound.f16(p));
                    acc = Float.float16ToFloat((short) RefRound.f16(acc + p));
                }
                assertEquals(RefRound.f16(acc), out[i * 8 + j], "(" + i + "," + j + ")");
            }
        }
    }

    @Test
    void integerAccumulatorsWrap() {
        Random r = new Random(33);
        long[] a = randomCodes(r, DTypes.I8, 256), b = randomCodes(r, DTypes.I8, 128), c = randomCodes(r, DTypes.I32, 128);
        long[] out = dot(DTypes.I8, DTypes.I32, a, b, c);
        long[] a8 = randomCodes(r, DTypes.U8, 256), b8 = randomCodes(r, DTypes.U8, 128), c8 = randomCodes(r, DTypes.U8, 128);
        long[] out8 = dot(DTypes.U8, DTypes.U8, a8, b8, c8);
        long[] a4 = randomCodes(r, DTypes.I4, 256), b4 = randomCodes(r, DTypes.I4, 128), c32 = randomCodes(r, DTypes.I32, 128);
        long[] out4 = dot(DTypes.I4, DTypes.I32, a4, b4, c32);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                int s = (int) c[i * 8 + j], s4 = (int) c32[i * 8 + j];
                long s8 = c8[i * 8 + j];
                for (int k = 0; k < 16; k++) {
                    s += (byte) a[i * 16 + k] * (byte) b[k * 8 + j];
                    s8 += a8[i * 16 + k] * b8[k * 8 + j];
                    s4 += ((int) (a4[i * 16 + k] << 28) >> 28) * ((int) (b4[k * 8 + j] << 28) >> 28); // sign-extend i4
                }
                assertEquals(s & 0xFFFF_FFFFL, out[i * 8 + j]);
                assertEquals(s8 & 0xFF, out8[i * 8 + j]);
                assertEquals(s4 & 0xFFFF_FFFFL, out4[i * 8 + j]);
            }
        }
    }

    @Test
    void lowBitFloatOperandsAreConvertedExactly() {
        Random r = new Random(34);
        long[] a = randomCodes(r, DTypes.F4E2M1, 256), b = randomCodes(r, DTypes.F4E2M1, 128);
        long[] c = new long[128];
        long[] out = dot(DTypes.F4E2M1, DTypes.F32, a, b, c);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                float acc = 0;
                for (int k = 0; k < 16; k++) {
                    acc += (float) (DTypes.F4E2M1.decode(a[i * 16 + k]) * DTypes.F4E2M1.decode(b[k * 8 + j]));
                }
                assertEquals(acc, Float.intBitsToFloat((int) out[i * 8 + j]));
            }
        }
    }
}
