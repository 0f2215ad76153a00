package org.tilevm.spec.dtype;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DTypeParseTest {

    @Test
    void everyNameRoundTrips() {
        for (DType t : DTypes.all()) {
            assertEquals(t, DType.parse(t.name()), t.name());
            assertSame(t.getClass(), DType.parse(t.name()).getClass());
        }
    }

    @Test
    void namesAndSpecials() {
        assertEquals(DTypes.U4, DType.parse("u4"));
        assertEquals(DTypes.I8, DType.parse("i8"));
        assertEquals(DTypes.I32, DType.parse("i32"));
        assertEquals(DTypes.I64, DType.parse("i64"));
        assertEquals(DTypes.U16, DType.parse("u16"));
        assertEquals(DTypes.F16, DType.parse("f16"));
        assertEquals(DTypes.BF16, DType.parse("bf16"));
        assertEquals(DTypes.F32, DType.parse("f32"));
        assertEquals(DTypes.F4E2M1, DType.parse("f4e2m1"));
        assertEquals(DTypes.F8E4M3, DType.parse("f8e4m3"));
        assertEquals(FloatType.Special.NAN_ONLY_ALL_ONES, ((FloatType) DType.parse("f8e4m3")).special());
        assertEquals(FloatType.Special.IEEE, ((FloatType) DType.parse("f8e5m2")).special());
        for (String s : new String[] {"f8e3m4", "f8e2m5", "f8e6m1", "f8e1m6", "f8e7m0", "f2e1m0", "f6e3m2"}) {
            FloatType f = (FloatType) DType.parse(s);
            assertEquals(FloatType.Special.FINITE, f.special(), s);
            assertEquals(s, f.name());
        }
        assertEquals("f8e4m3", DTypes.F8E4M3.name());
        assertEquals("f8e5m2", DTypes.F8E5M2.name());
        assertEquals("u1", DTypes.BOOL.name());
    }

    @Test
    void badNamesGiveOneClearMessage() {
        for (String s : new String[] {"u9", "u0", "i0", "i9", "u64", "u128", "i128", "f9e4m4", "f4e2m2", "f8e0m7",
                "f1e0m0", "f16e5m10", "f32e8m23", "f64", "F16", "U4", "", " u4", "u4 ", "u04", "f04e2m1", "f4e02m1",
                "bool", "int4", "fp8", "f8e4m3fn", "e4m3", "f8", "u", "i", "f", "u99999999999", "bf8"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.parse(s), s);
            assertTrue(e.getMessage().startsWith("unknown dtype '" + s + "': expected u1..u8"), e.getMessage());
            assertTrue(e.getMessage().contains("fNeEmM with N=1+E+M<=8, E>=1"), e.getMessage());
        }
        assertEquals("unknown dtype 'u9': expected u1..u8, u16, u32, i1..i8, i16, i32, i64, f16, bf16, f32, "
                + "or fNeEmM with N=1+E+M<=8, E>=1 (e.g. f4e2m1, f6e3m2, f8e4m3)",
                assertThrows(IllegalArgumentException.class, () -> DType.parse("u9")).getMessage());
        assertThrows(NullPointerException.class, () -> DType.parse(null));
    }
}
