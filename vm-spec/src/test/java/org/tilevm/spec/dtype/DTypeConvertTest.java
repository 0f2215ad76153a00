package org.tilevm.spec.dtype;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DTypeConvertTest {

    @Test
    void floatToFloatRoundsAndSaturates() {
        assertEquals(DTypes.F4E2M1.encode(2.0), DType.convert(DTypes.F16, DTypes.F16.encode(2.5), DTypes.F4E2M1));
        assertEquals(0x7L, DType.convert(DTypes.F16, DTypes.F16.encode(100.0), DTypes.F4E2M1));
        assertEquals(0x7EL, DType.convert(DTypes.F8E5M2, 0x7C, DTypes.F8E4M3), "inf -> max where no inf");
        assertEquals(0xFEL, DType.convert(DTypes.F8E5M2, 0xFC, DTypes.F8E4M3));
        assertEquals(0x7C00L, DType.convert(DTypes.F8E5M2, 0x7C, DTypes.F16), "inf -> inf");
        assertEquals(0x7L, DType.convert(DTypes.F16, 0x7E01, DTypes.F4E2M1), "NaN -> +max where no NaN");
        assertEquals(0x7E00L, DType.convert(DTypes.F8E4M3, 0xFF, DTypes.F16), "NaN -> canonical NaN");
        assertEquals(0x7FL, DType.convert(DTypes.F32, 0xFFC00001L, DTypes.F8E4M3));
        assertEquals(0x80L, DType.convert(DTypes.F16, 0x8000, DTypes.F8E4M3), "-0 stays -0");
        assertEquals(0x0001L, DType.convert(DTypes.F16, 0x0001, DTypes.F16), "identity on f16");
        // widening is exact: every f8e4m3 code through f16 and back
        for (long c = 0; c < 256; c++) {
            if (DTypes.F8E4M3.isNaN(c)) continue;
            long h = DType.convert(DTypes.F8E4M3, c, DTypes.F16);
            assertEquals(DTypes.F8E4M3.decode(c), DTypes.F16.decode(h));
            assertEquals(c, DType.convert(DTypes.F16, h, DTypes.F8E4M3));
        }
    }

    @Test
    void floatToIntRoundsToEvenSaturatesAndNaNIsZero() {
        assertEquals(2L, DType.convert(DTypes.F16, DTypes.F16.encode(2.5), DTypes.I8));
        assertEquals(4L, DType.convert(DTypes.F16, DTypes.F16.encode(3.5), DTypes.I8));
        assertEquals(0xFEL, DType.convert(DTypes.F16, DTypes.F16.encode(-2.5), DTypes.I8));
        assertEquals(0x7FL, DType.convert(DTypes.F16, DTypes.F16.encode(1000.0), DTypes.I8));
        assertEquals(0x80L, DType.convert(DTypes.F16, 0xFC00, DTypes.I8), "-inf -> min");
        assertEquals(0L, DType.convert(DTypes.F16, 0x7E00, DTypes.I8), "NaN -> 0");
        assertEquals(0L, DType.convert(DTypes.F4E2M1, DTypes.F4E2M1.encode(-6.0), DTypes.U4));
        assertEquals(6L, DType.convert(DTypes.F4E2M1, DTypes.F4E2M1.encode(6.0), DTypes.U4));
        assertEquals(Long.MAX_VALUE, DType.convert(DTypes.F32, DTypes.F32.encode(1e30), DTypes.I64));
    }

    @Test
    void intToFloatIsExactOrRoundsOnce() {
        assertEquals(DTypes.F4E2M1.encode(4.0), DType.convert(DTypes.I8, 5, DTypes.F4E2M1));
        assertEquals(DTypes.F4E2M1.encode(-6.0), DType.convert(DTypes.I8, 0x80, DTypes.F4E2M1), "-128 saturates");
        assertEquals(DTypes.F16.encode(-1.0), DType.convert(DTypes.I4, 0xF, DTypes.F16));
        assertEquals(DTypes.F16.encode(15.0), DType.convert(DTypes.U4, 0xF, DTypes.F16));
        assertEquals(DTypes.F32.encode(4294967295.0), DType.convert(DTypes.U32, 0xFFFFFFFFL, DTypes.F32));
        long v = (1L << 60) + (1L << 36) + 1;
        assertEquals(Math.scalb(1.0, 60) + Math.scalb(1.0, 37),
                DTypes.F32.decode(DType.convert(DTypes.I64, v, DTypes.F32)), "no double rounding");
    }

    @Test
    void intToIntWraps() {
        assertEquals(0xFL, DType.convert(DTypes.I8, 0xFF, DTypes.U4));       // -1 -> 15
        assertEquals(200L, DType.convert(DTypes.U8, 200, DTypes.I8));        // 200 -> -56
        assertEquals(-56L, DTypes.I8.decodeLong(DType.convert(DTypes.U8, 200, DTypes.I8)));
        assertEquals(0xFFFFFFFFL, DType.convert(DTypes.I4, 0xF, DTypes.I32)); // sign-extends
        assertEquals(0xFL, DType.convert(DTypes.U4, 0xF, DTypes.I32));        // zero-extends
        assertEquals(0x4L, DType.convert(DTypes.U8, 0x14, DTypes.I4));        // 20 -> 4
        assertEquals(0x1L, DType.convert(DTypes.I64, -7, DTypes.U1));
        assertEquals(-1L, DType.convert(DTypes.I4, 0xF, DTypes.I64));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            long x = rnd.nextLong();
            DType from = DTypes.I64;
            for (DType to : DTypes.all()) {
                if (to instanceof IntType it) {
                    assertEquals(x & it.mask(), DType.convert(from, x, to));
                }
            }
        }
    }

    @Test
    void everyLowBitPairAgreesWithDecodeEncode() {
        for (DType from : DTypes.allLowBit()) {
            for (DType to : DTypes.allLowBit()) {
                for (long c = 0; c <= from.mask(); c++) {
                    long got = DType.convert(from, c, to);
                    assertEquals(0, got & ~to.mask(), from + "->" + to);
                    long expect = from.isInteger() && to.isInteger()
                            ? ((IntType) to).encodeLong(((IntType) from).decodeLong(c))
                            : to.encode(from.decode(c));
                    assertEquals(expect, got, from + " " + c + " -> " + to);
                }
            }
        }
    }
}
