package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Harness.in;
import static org.tilevm.spec.interp.Ir.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.View;

/** view: each thread's register bits, reinterpreted. */
class ViewTest {

    /**
     * u8 [4, 16] in spatial(4,8).local(1,2): thread t = 8i + j holds bytes (i, 2j) and (i, 2j+1),
     * i.e. the 16 bits {@code lo | hi << 8}. Viewed as u4 in local(1,4).spatial(4,8) ([4, 32]),
     * register l of thread t is element (i, 8l + j) and holds nibble l of those bits.
     */
    @Test
    void u8ToU4WithLayoutChange() {
        RegisterLayout src = Layouts.spatial(4, 8).local(1, 2);
        RegisterLayout dst = Layouts.local(1, 4).spatial(4, 8);
        long[] bytes = randomCodes(new Random(21), DTypes.U8, 64);
        TensorVar o = reg("o", DTypes.U4, dst);
        long[] out = Harness.run(interp(), o, v -> new View(o, v.get(0)), in("a", DTypes.U8, src, bytes));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 8; j++) {
                long bits = bytes[i * 16 + 2 * j] | bytes[i * 16 + 2 * j + 1] << 8;
                for (int l = 0; l < 4; l++) assertEquals((bits >> (4 * l)) & 15, out[i * 32 + 8 * l + j], "(" + i + "," + (8 * l + j) + ")");
            }
        }
    }

    /**
     * u8 [4, 24] in spatial(4,8).local(1,3): 24 bits per thread, re-split into eight u3 codes;
     * codes 2 (bits 6..8) and 5 (bits 15..17) straddle bytes. Viewing back gives the bytes again.
     */
    @Test
    void u8ToU3StraddlingBytesAndBack() {
        RegisterLayout src = Layouts.spatial(4, 8).local(1, 3);
        RegisterLayout dst = Layouts.spatial(4, 8).local(1, 8);
        long[] bytes = randomCodes(new Random(22), DTypes.U8, 96);
        TensorVar o = reg("o", DTypes.U3, dst);
        long[] out = Harness.run(interp(), o, v -> new View(o, v.get(0)), in("a", DTypes.U8, src, bytes));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 8; j++) {
                int base = i * 24 + 3 * j;
                long bits = bytes[base] | bytes[base + 1] << 8 | bytes[base + 2] << 16;
                for (int l = 0; l < 8; l++) assertEquals((bits >> (3 * l)) & 7, out[i * 64 + 8 * j + l]);
            }
        }
        TensorVar back = reg("back", DTypes.U8, src);
        long[] round = Harness.run(interp(), back, v -> new View(back, v.get(0)), in("u", DTypes.U3, dst, out));
        assertArrayEquals(bytes, round);
    }

    @Test
    void i32ToTwoF16PerRegister() {
        RegisterLayout src = Layouts.spatial(4, 8);
        RegisterLayout dst = Layouts.spatial(4, 8).local(1, 2);
        long[] words = randomCodes(new Random(23), DTypes.I32, 32);
        TensorVar o = reg("o", DTypes.F16, dst);
        long[] out = Harness.run(interp(), o, v -> new View(o, v.get(0)), in("a", DTypes.I32, src, words));
        for (int t = 0; t < 32; t++) {
            assertEquals(words[t] & 0xFFFF, out[2 * t]); // local 0 = low half
            assertEquals(words[t] >>> 16, out[2 * t + 1]);
        }
    }

    @Test
    void replicatedCopiesMustAgree() {
        // one byte per thread, viewed as one byte held by all 32 threads: the copies differ
        long[] bytes = new long[32];
        for (int i = 0; i < 32; i++) bytes[i] = 7 * i + 1;
        TensorVar o = reg("o", DTypes.U8, Layouts.replicated(32, 2));
        LaunchException e = assertThrows(LaunchException.class, () -> Harness.run(interp(), o,
                v -> new View(o, v.get(0)), in("a", DTypes.U8, Layouts.spatial(1, 32), bytes)));
        assertTrue(e.getMessage().contains("view gives element [0, 0] of o different bits in thread 0 (0x1) and thread 1 (0x8)"),
                e.getMessage());
        // replicated on both sides: every copy gets the same bits
        TensorVar o2 = reg("o2", DTypes.U4, Layouts.replicated(32, 2).local(1, 2));
        long[] out = Harness.run(interp(), o2, v -> new View(o2, v.get(0)),
                in("a", DTypes.U8, Layouts.replicated(32, 2), new long[] {0xB7}));
        assertArrayEquals(new long[] {0x7, 0xB}, out);
    }
}
