package org.tilevm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DTypes;

class QmatmulImplTest {

    /** Every implementation computes the same C on a small random problem (interp: the stdlib kernel through the SPI). */
    @Test
    void implementationsAgreeOnASmallShape() {
        try (QmatmulWorkload work = QmatmulWorkload.create(3, 200, 96, DTypes.U4, 32, 0, true, 5)) {
            for (String name : new String[] {"scalar", "vector", "backend:interp"}) {
                QmatmulImpl impl = QmatmulImpl.create(name, DTypes.U4, 32, 3, 200);
                assertEquals(name, impl.name());
                impl.run(work.operands(1));
                QmatmulImpl.spotCheck(impl, work.operands(1));
            }
            float[] scalar = work.operands(1).c().clone();
            float[] interp = QmatmulImpl.create("backend:interp", DTypes.U4, 32, 3, 200).result(work.operands(1));
            for (int i = 0; i < scalar.length; i++) assertEquals(scalar[i], interp[i], 1e-3f * (1 + Math.abs(scalar[i])), "C[" + i + "]");
        }
    }

    /** W4A8: the backends run i8 activations; the workload's A holds the quantized values, so the scalar loop checks them. */
    @Test
    void w4a8OnTheBackendsAgreesWithTheScalarLoop() {
        try (QmatmulWorkload work = QmatmulWorkload.create(2, 256, 64, DTypes.U4, 32, 0, true, 7, DTypes.I8)) {
            assertEquals(Traffic.bytesPerCall(2, 256, 64, DTypes.U4, 32, DTypes.I8), work.bytesPerCall());
            for (String name : new String[] {"backend:jvm", "backend:interp"}) {
                QmatmulImpl impl = QmatmulImpl.create(name, DTypes.U4, 32, 2, 256, DTypes.I8);
                impl.run(work.operands(0));
                QmatmulImpl.spotCheck(impl, work.operands(0));
            }
            var e = assertThrows(QmatmulImpl.Unavailable.class, () -> QmatmulImpl.create("vector", DTypes.U4, 32, 2, 256, DTypes.I8));
            assertTrue(e.getMessage().contains("skipped for i8"), e.getMessage());
        }
    }

    @Test
    void aWrongResultFailsTheSpotCheck() {
        try (QmatmulWorkload work = QmatmulWorkload.create(1, 64, 64, DTypes.I4, 32, 0, false, 6)) {
            QmatmulImpl impl = QmatmulImpl.create("vector", DTypes.I4, 32, 1, 64);
            impl.run(work.operands(0));
            work.operands(0).c()[63] += 1;
            var e = assertThrows(IllegalStateException.class, () -> QmatmulImpl.spotCheck(impl, work.operands(0)));
            assertTrue(e.getMessage().startsWith("vector computes a wrong C[0,63]"), e.getMessage());
        }
    }

    @Test
    void missingBackendsAreSkippedWithTheReason() {
        var e = assertThrows(QmatmulImpl.Unavailable.class, () -> QmatmulImpl.create("backend:nosuch", DTypes.U4, 32, 1, 64));
        assertTrue(e.getMessage().startsWith("backend:nosuch is skipped: unknown backend 'nosuch'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QmatmulImpl.create("fast", DTypes.U4, 32, 1, 64));
        assertInstanceOf(QmatmulImpl.OnBackend.class, QmatmulImpl.create("backend:interp", DTypes.U2, 128, 1, 64));
        assertEquals(QmatmulImpl.INTERP_MAX_MACS, QmatmulImpl.create("backend:interp", DTypes.U2, 128, 1, 64).maxMacs());
    }
}
