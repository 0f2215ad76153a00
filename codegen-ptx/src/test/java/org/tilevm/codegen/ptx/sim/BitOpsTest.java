package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.sim.Tir.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.H2Op;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;

/** lop3, prmt, register-array bit fields, and f16x2/bf16x2 arithmetic. */
class BitOpsTest {

    private static int lop3(int a, int b, int c, int lut) {
        return (int) eval1(new TExpr.Lop3(u32(a & 0xFFFF_FFFFL), u32(b & 0xFFFF_FFFFL), u32(c & 0xFFFF_FFFFL), lut));
    }

    @Test
    void lop3TruthTablesFollowPtx() {
        Random rnd = new Random(21);
        for (int i = 0; i < 8; i++) {
            int a = rnd.nextInt(), b = rnd.nextInt(), c = rnd.nextInt();
            // PTX: the table of f(a, b, c) is f(0xF0, 0xCC, 0xAA)
            assertEquals(a, lop3(a, b, c, 0xF0));
            assertEquals(b, lop3(a, b, c, 0xCC));
            assertEquals(c, lop3(a, b, c, 0xAA));
            assertEquals(a & b & c, lop3(a, b, c, 0xF0 & 0xCC & 0xAA));
            assertEquals(a ^ b ^ c, lop3(a, b, c, 0x96));
            assertEquals((a & b) | c, lop3(a, b, c, (0xF0 & 0xCC) | 0xAA));
            assertEquals((a & ~b) ^ c, lop3(a, b, c, (0xF0 & ~0xCC & 0xFF) ^ 0xAA));
            assertEquals((a & b) | (b & c) | (a & c), lop3(a, b, c, 0xE8), "majority");
            assertEquals(0, lop3(a, b, c, 0));
            assertEquals(-1, lop3(a, b, c, 0xFF));
        }
    }

    private static int prmt(int a, int b, int sel) {
        return (int) eval1(new TExpr.Prmt(u32(a & 0xFFFF_FFFFL), u32(b & 0xFFFF_FFFFL), u32(sel)));
    }

    @Test
    void prmtPicksBytesOfBA() {
        int a = 0x44332211, b = 0x88776655;
        assertEquals(a, prmt(a, b, 0x3210));
        assertEquals(b, prmt(a, b, 0x7654));
        assertEquals(0x11223344, prmt(a, b, 0x0123), "byte reverse");
        assertEquals(0x55115511, prmt(a, b, 0x4040));
        assertEquals(0x00000022, prmt(0x0000_2200, 0, 0x4441) & 0xFF);
        // sign replication (selector bit 3): byte 0x88 has its sign set, 0x11 not
        assertEquals(0xFF00FF11, prmt(a, b, 0xF8F0), "nibbles F (b byte 3 = 0x88 -> FF), 8 (a byte 0 = 0x11 -> 00)");
        assertEquals(0xFFFF0011, prmt(a, b, 0xFF80));
        assertEquals(0xFFFFFF80, prmt(0x80, 0, 0x8880));
        // upper selector bits are ignored in the default mode
        assertEquals(prmt(a, b, 0x3210), prmt(a, b, 0x7FFF_3210));
    }

    @Test
    void getAndSetBitsAcrossWordBoundaries() {
        // set 40 bits at bit 20 of a 3-word array (spans words 0, 1), 50 bits at bit 60 (words 1, 2)
        TExpr v1 = u64(0xAB_CDEF_1234L), v2 = u64(0x3_FFFF_0000_1111L);
        long[] got = eval(32, new TExpr.GetBits("w", 14, 64),
                array("w", 4),
                setBits("w", 0, 64, u64(-1L)),
                setBits("w", 64, 64, u64(-1L)),
                setBits("w", 20, 40, v1),
                setBits("w", 60, 50, v2));
        // reference on a BigInteger-like long pair
        long lo = -1L, hi = -1L;
        lo = (lo & ~(((1L << 40) - 1) << 20)) | (0xAB_CDEF_1234L << 20);
        // bits 60..109
        long m2 = (1L << 50) - 1;
        long val2 = 0x3_FFFF_0000_1111L;
        lo = (lo & ~(0xFL << 60)) | ((val2 & 0xF) << 60);
        hi = (hi & ~(m2 >>> 4)) | (val2 >>> 4);
        long expected = (lo >>> 14) | (hi << 50);
        assertEquals(expected, got[0]);
        assertEquals(0xAB_CDEF_1234L, eval(32, new TExpr.GetBits("w", 20, 40), array("w", 2), setBits("w", 20, 40, v1))[0]);
        assertEquals(0x3_FFFF_0000_1111L, eval(32, new TExpr.GetBits("w", 60, 50), array("w", 4), setBits("w", 60, 50, v2))[0]);
    }

    @Test
    void bitsOutsideAnArrayAreAnError() {
        SimulationException e = fails(program(List.of(out()), 32, 0, array("w", 2), setBits("w", 40, 32, u32(1))),
                args("out", segment(8)));
        assertTrue(e.getMessage().contains("bits [40, 72) are outside register array w of 2 words"), e.getMessage());
    }

    // ---- f16x2 / bf16x2

    private static int h2(H2Op op, boolean bf16, int a, int b, int c) {
        return (int) eval1(new TExpr.Half2(op, bf16, u32(a & 0xFFFF_FFFFL), u32(b & 0xFFFF_FFFFL),
                op == H2Op.FMA ? u32(c & 0xFFFF_FFFFL) : null));
    }

    /** The exact result rounded once (BigDecimal arithmetic, then one rounding with inf on overflow). */
    private static int reference(H2Op op, FloatType t, int a, int b, int c) {
        double x = t.decode(a), y = t.decode(b), z = t.decode(c);
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(z) || Double.isInfinite(x) || Double.isInfinite(y)
                || Double.isInfinite(z)) {
            return -1; // skip specials
        }
        BigDecimal bx = new BigDecimal(x), by = new BigDecimal(y), bz = new BigDecimal(z);
        BigDecimal exact = switch (op) {
            case ADD -> bx.add(by);
            case SUB -> bx.subtract(by);
            case MUL -> bx.multiply(by);
            case FMA -> bx.multiply(by).add(bz);
        };
        double max = t.maxValue(), halfUlp = (max - t.decode(t.maxCode() - 1)) / 2;
        if (exact.abs().compareTo(new BigDecimal(max + halfUlp)) >= 0) {
            return (int) t.encode(exact.signum() > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        }
        // round exactly: pick the nearer of the two neighbouring codes around the double nearest to exact
        long code = t.encode(exact.doubleValue());
        long best = code;
        BigDecimal bestErr = null;
        for (long cand = Math.max(0, (code & 0x7FFF) - 1); cand <= (code & 0x7FFF) + 1; cand++) {
            long full = cand | (exact.signum() < 0 ? 0x8000 : 0);
            double v = t.decode(full);
            if (Double.isNaN(v) || Double.isInfinite(v)) continue;
            BigDecimal err = new BigDecimal(v).subtract(exact).abs();
            int cmp = bestErr == null ? -1 : err.compareTo(bestErr);
            if (cmp < 0 || (cmp == 0 && (full & 1) == 0)) {
                best = full;
                bestErr = err;
            }
        }
        if (exact.signum() == 0) {
            // the sign of an exact zero follows IEEE, which double arithmetic gets right
            double d = switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case FMA -> Math.fma(x, y, z);
            };
            return (int) t.encode(d);
        }
        return (int) best;
    }

    @Test
    void half2ArithmeticRoundsOnceFromTheExactValue() {
        Random rnd = new Random(22);
        for (boolean bf : new boolean[] {false, true}) {
            FloatType t = bf ? DTypes.BF16 : DTypes.F16;
            for (int i = 0; i < 150; i++) {
                int a = randomHalf(rnd, t), b = randomHalf(rnd, t), c = randomHalf(rnd, t);
                int a2 = randomHalf(rnd, t), b2 = randomHalf(rnd, t), c2 = randomHalf(rnd, t);
                for (H2Op op : H2Op.values()) {
                    int got = h2(op, bf, a | (a2 << 16), b | (b2 << 16), c | (c2 << 16));
                    int lo = reference(op, t, a, b, c), hi = reference(op, t, a2, b2, c2);
                    if (lo >= 0) assertEquals(lo, got & 0xFFFF, t.name() + " " + op + " lane 0 of " + a + ", " + b + ", " + c);
                    if (hi >= 0) assertEquals(hi, got >>> 16, t.name() + " " + op + " lane 1 of " + a2 + ", " + b2 + ", " + c2);
                }
            }
        }
    }

    /** A random finite 16-bit code; exponents kept moderate so that sums are interesting. */
    private static int randomHalf(Random rnd, FloatType t) {
        while (true) {
            double v = (rnd.nextDouble() * 2 - 1) * Math.scalb(1.0, rnd.nextInt(12) - 4);
            if (rnd.nextInt(10) == 0) v = Math.scalb(v, t.exponentBits() == 5 ? 12 : 100);
            int code = (int) t.encode(v);
            double d = t.decode(code);
            if (!Double.isNaN(d) && !Double.isInfinite(d)) return code;
        }
    }

    @Test
    void half2KnownValues() {
        // f16: 1.0 + 2^-11 = tie -> 1.0; 2049 + 0 stays; 65504 + 16 = 65520 rounds to inf (arithmetic rounding)
        int one = 0x3C00, tiny = 0x1000; // 2^-11
        assertEquals(0x3C00, h2(H2Op.ADD, false, one, tiny, 0) & 0xFFFF);
        assertEquals(0x7C00, h2(H2Op.ADD, false, 0x7BFF, 0x4C00, 0) & 0xFFFF, "65504 + 16 -> inf");
        // FMA rounds once: (1 + 2^-10)^2 - (1 + 2^-9) = 2^-20 exactly; with the product rounded first it would be 0
        int x = 0x3C01; // 1 + 2^-10
        int fma = h2(H2Op.FMA, false, x, x, 0xBC02);
        assertEquals(DTypes.F16.encode(0x1p-20), fma & 0xFFFF);
        assertTrue((fma & 0xFFFF) != 0);
        // lanes are independent
        int both = h2(H2Op.MUL, true, 0x4000_3F80, 0x4040_4000, 0); // bf16 (1, 2) * (2, 3) = (2, 6)
        assertEquals(0x4000, both & 0xFFFF);
        assertEquals(0x40C0, both >>> 16);
    }

    @Test
    void scalarTypesOfTheOperandsAreChecked() {
        SimulationException e = fails(program(List.of(out()), 32, 0,
                let("y", new TExpr.Lop3(f32(1), u32(2), u32(3), 0x80))), args("out", segment(8)));
        assertTrue(e.getMessage().contains("operands of lop3 must be 32-bit integers, got F32"), e.getMessage());
        SimulationException e2 = fails(program(List.of(out()), 32, 0,
                new TStmt.Let(var("y", ScalarType.U32), new TExpr.Half2(H2Op.ADD, false, u32(1), u32(2), u32(3)))),
                args("out", segment(8)));
        assertTrue(e2.getMessage().contains("takes no third operand"), e2.getMessage());
    }
}
