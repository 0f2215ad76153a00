package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

class DtypeCommandTest {

    @Test
    void f4e2m1TableHasTheExactValues() {
        CliRun r = CliRun.of("dtype", "f4e2m1").ok();
        assertEquals(List.of("code,bits,value",
                "0,0000,0", "1,0001,0.5", "2,0010,1", "3,0011,1.5", "4,0100,2", "5,0101,3", "6,0110,4", "7,0111,6",
                "8,1000,-0", "9,1001,-0.5", "10,1010,-1", "11,1011,-1.5", "12,1100,-2", "13,1101,-3", "14,1110,-4",
                "15,1111,-6"), r.outLines());
    }

    @Test
    void u3AndI3Tables() {
        assertEquals(List.of("code,bits,value", "0,000,0", "1,001,1", "2,010,2", "3,011,3", "4,100,4", "5,101,5", "6,110,6",
                "7,111,7"), CliRun.of("dtype", "u3").ok().outLines());
        assertEquals(List.of("code,bits,value", "0,000,0", "1,001,1", "2,010,2", "3,011,3", "4,100,-4", "5,101,-3",
                "6,110,-2", "7,111,-1"), CliRun.of("dtype", "i3").ok().outLines());
    }

    @Test
    void specialValuesAndSmallNumbers() {
        List<String> e5m2 = CliRun.of("dtype", "f8e5m2").ok().outLines();
        assertEquals(257, e5m2.size());
        assertEquals("1,00000001,1.52587890625e-05", e5m2.get(1 + 1));
        assertEquals("124,01111100,Infinity", e5m2.get(1 + 124));
        assertEquals("125,01111101,NaN", e5m2.get(1 + 125));
        assertEquals("123,01111011,57344", e5m2.get(1 + 123));
        assertEquals("252,11111100,-Infinity", e5m2.get(1 + 252));
        List<String> e4m3 = CliRun.of("dtype", "f8e4m3").ok().outLines();
        assertEquals("127,01111111,NaN", e4m3.get(1 + 127));
        assertEquals("126,01111110,448", e4m3.get(1 + 126));
        assertEquals("1,00000001,0.001953125", e4m3.get(1 + 1));
    }

    @Test
    void everyLowBitTypeTableReadsBackToItsDecodedValues() {
        for (DType t : DTypes.allLowBit()) {
            List<String> lines = CliRun.of("dtype", t.name()).ok().outLines();
            assertEquals((1 << t.bits()) + 1, lines.size(), t.name());
            for (int code = 0; code < (1 << t.bits()); code++) {
                String[] f = lines.get(1 + code).split(",");
                assertEquals(code, Integer.parseInt(f[0]));
                assertEquals(code, Integer.parseInt(f[1], 2), t.name() + " bits of " + code);
                assertEquals(t.bits(), f[1].length());
                double v = t.decode(code);
                double back = switch (f[2]) {
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(f[2]);
                };
                assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(back), t.name() + " code " + code);
                assertEquals(Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0), f[2].equals("-0"));
            }
        }
    }

    @Test
    void shortestIsExactForEveryTypeWithAtMostFiveExponentBits() {
        for (DType t : DTypes.allLowBit()) {
            if (t instanceof org.tilevm.spec.dtype.FloatType f && f.exponentBits() > 5) continue;
            for (int code = 0; code < (1 << t.bits()); code++) {
                assertTrue(NumberFormat.shortestIsExact(t.decode(code)), t.name() + " code " + code);
            }
        }
    }

    @Test
    void exactPrintsEveryDigit() {
        List<String> lines = CliRun.of("dtype", "f8e7m0", "--exact").ok().outLines();
        // code 1 is 2^-62 (min normal, exponent field 1, bias 63).
        assertEquals("1,00000001,0.00000000000000000021684043449710088680149056017398834228515625", lines.get(2));
        assertTrue(lines.get(2).length() > 60);
        assertEquals("1,00000001,2.168404344971009e-19", CliRun.of("dtype", "f8e7m0").ok().outLines().get(2));
    }

    @Test
    void wideTypesPrintOneLineSummary() {
        assertEquals(List.of("f16: 16 bits, min -65504, max 65504"), CliRun.of("dtype", "f16").ok().outLines());
        assertEquals(List.of("bf16: 16 bits, min -3.3895313892515355e+38, max 3.3895313892515355e+38"),
                CliRun.of("dtype", "bf16").ok().outLines());
        assertEquals(List.of("i64: 64 bits, min -9223372036854775808, max 9223372036854775807"),
                CliRun.of("dtype", "i64").ok().outLines());
        assertEquals(List.of("u32: 32 bits, min 0, max 4294967295"), CliRun.of("dtype", "u32").ok().outLines());
        assertEquals(List.of("i16: 16 bits, min -32768, max 32767"), CliRun.of("dtype", "i16").ok().outLines());
    }

    @Test
    void unknownDtypeIsBadInput() {
        CliRun.of("dtype", "u9").badInput("unknown dtype 'u9'", "expected u1..u8");
        CliRun.of("dtype", "f4e2m2").badInput("unknown dtype 'f4e2m2'");
        CliRun.of("dtype").badInput("'dtype' needs NAME");
        CliRun.of("dtype", "u4", "u5").badInput("unexpected extra argument 'u5'");
    }

    @Test
    void numberFormat() {
        assertEquals("0.5", NumberFormat.shortest(0.5));
        assertEquals("-6", NumberFormat.shortest(-6));
        assertEquals("0.001953125", NumberFormat.shortest(0x1p-9));
        assertEquals("0.0001", NumberFormat.shortest(1e-4));
        assertEquals("1e-05", NumberFormat.shortest(1e-5));
        assertEquals("-1.5e-07", NumberFormat.shortest(-1.5e-7));
        assertEquals("1e+16", NumberFormat.shortest(1e16));
        assertEquals("9999999999999998", NumberFormat.shortest(9999999999999998.0));
        assertEquals("-0", NumberFormat.shortest(-0.0));
        assertEquals("0", NumberFormat.shortest(0.0));
        assertEquals("NaN", NumberFormat.shortest(Double.NaN));
        assertEquals("-Infinity", NumberFormat.shortest(Double.NEGATIVE_INFINITY));
        assertEquals("0.1", NumberFormat.shortest(0.1));
        assertEquals("0.1000000000000000055511151231257827021181583404541015625", NumberFormat.exact(0.1));
        assertTrue(NumberFormat.shortestIsExact(0x1p-16));
        assertTrue(!NumberFormat.shortestIsExact(0x1p-62));
    }
}
