package org.tilevm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;

class QmatmulWorkloadTest {

    @Test
    void trafficIsWhatTheStdlibCounts() {
        for (String t : new String[] {"u4", "i4", "u3", "u2", "i8"}) {
            try (QmatmulWorkload work = QmatmulWorkload.create(3, 70, 200, DType.parse(t), 32, 0, false, 1)) {
                QuantizedWeights w = work.operands(0).w();
                assertEquals(QuantizedMatmul.bytesMoved(DTypes.F32, 3, w), work.bytesPerCall(), t);
                assertEquals(t.startsWith("u"), w.hasZeros(), t);
            }
        }
        // u4, G = 32, M = 1, N = 4096, K = 14336: 29.36 MB codes + 2 x 7.34 MB scales and zeros + A + C
        assertEquals(29_360_128L + 2 * 7_340_032L + 57_344 + 16_384,
                Traffic.bytesPerCall(1, 4096, 14336, DTypes.U4, 32));
        assertEquals(10.0, Traffic.gigabytesPerSecond(20_000_000_000L, 2.0), 1e-12);
    }

    @Test
    void copiesExceedTheRotationSize() {
        assertEquals(2, QmatmulWorkload.copiesFor(100, 0));
        assertEquals(2, QmatmulWorkload.copiesFor(100, 150));
        assertEquals(3, QmatmulWorkload.copiesFor(100, 200));
        assertEquals(11, QmatmulWorkload.copiesFor(100, 1000));
        try (QmatmulWorkload work = QmatmulWorkload.create(1, 64, 64, DTypes.U4, 32, 40_000, true, 2)) {
            assertTrue(work.totalBytes() > 40_000);
            assertEquals(work.copies() * work.bytesPerCall(), work.totalBytes());
            // copies are independent random inputs
            assertNotEquals(work.operands(0).w().packed().get(java.lang.foreign.ValueLayout.JAVA_LONG, 0),
                    work.operands(1).w().packed().get(java.lang.foreign.ValueLayout.JAVA_LONG, 0));
            assertNotNull(work.operands(0).launchArgs());
            assertEquals(64, work.operands(1).launchArgs().get("n"));
        }
    }

    @Test
    void randomCodesLeaveThePaddingZero() {
        try (QmatmulWorkload work = QmatmulWorkload.create(1, 70, 50, DTypes.U3, 16, 0, false, 3)) {
            QuantizedWeights w = work.operands(0).w();
            assertNull(work.operands(0).launchArgs());
            MemorySegment packed = w.packed();
            long nonzero = 0;
            for (int r = 0; r < w.k(); r++) {
                for (int c = 0; c < w.paddedN(); c++) {
                    long code = BitPacking.get(packed, (long) r * w.paddedN() + c, 3);
                    if (c >= w.n()) assertEquals(0, code, "padding column " + c + " of row " + r);
                    else if (code != 0) nonzero++;
                }
            }
            assertTrue(nonzero > w.k() * w.n() / 2, "codes are random, not zero");
            for (float z : w.zeros()) assertTrue(z >= 0 && z <= 7 && z == Math.rint(z), "zero point " + z);
        }
    }

    @Test
    void acceptsLowBitFloatsAndRejectsEightBitFloats() {
        try (QmatmulWorkload work = QmatmulWorkload.create(1, 16, 16, DTypes.F4E2M1, 8, 0, false, 1)) {
            var w = work.operands(0).w();
            assertEquals(null, w.zeros(), "float weights have no zero points");
            long[] codes = w.codes();
            java.util.Set<Long> distinct = new java.util.HashSet<>();
            for (long c : codes) distinct.add(c);
            assertTrue(distinct.size() > 8, "codes are random: " + distinct);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> QmatmulWorkload.create(1, 8, 8, org.tilevm.spec.dtype.DType.parse("f8e4m3"), 8, 0, false, 1));
        assertEquals("qmatmul workload: weight type f8e4m3 is not supported: expected an integer type of 1..8 bits or a float"
                + " type of 2..7 bits (random bytes are valid codes only for those)", e.getMessage());
    }
}
