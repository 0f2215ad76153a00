package org.tilevm.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.F32;
import static org.tilevm.spec.dtype.DTypes.I32;
import static org.tilevm.spec.dtype.DTypes.U8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Program;

/**
 * The fused dequantize-and-multiply chain ({@code gen.DequantDotFusion}): programs of the shape
 * {@code load_global u8 -> view intB -> cast f32 -> [row ops] -> dot} are compiled with the chain
 * fused (asserted through {@link CompiledProgram#fusedDots()}), and give bit for bit the
 * interpreter's memory for every code width 1..8, signed and unsigned, with zero, one or two row
 * operations, several rows of A, and ragged M, N, K (tiles partly outside the tensors run the
 * unfused fallback). Programs that break a condition of the fusion are left unfused and still
 * match.
 */
class DequantDotFusionTest {

    /** What a test program looks like. */
    record Shape(DType type, List<BinaryOp> ops, int bm, int bk, int bn, boolean extraUse, boolean storeBetween) {
        /** Integer codes of {@code bits} bits. */
        Shape(int bits, boolean signed, List<BinaryOp> ops, int bm, int bk, int bn, boolean extraUse, boolean storeBetween) {
            this(DType.parse((signed ? "i" : "u") + bits), ops, bm, bk, bn, extraUse, storeBetween);
        }

        int bits() { return type.bits(); }
    }

    /**
     * [rows, bn] with runs of 8 (codes) or {@code bits} (bytes) elements: bn/8 runs over bn/8 threads,
     * replicated to fill the warp when bn < 256; several runs per thread (as the stdlib's CPU program) when bn > 256.
     */
    static RegisterLayout columns(int rows, int bn, int run) {
        if (bn > 256) return Layouts.local(rows, bn / 256).spatial(1, 32).local(1, run);
        RegisterLayout l = Layouts.local(rows, 1).spatial(1, bn / 8).local(1, run);
        return bn / 8 < 32 ? Layouts.replicated(32 / (bn / 8), 2).compose(l) : l;
    }

    static Program program(Shape s) {
        return Kernel.build("fuse_" + s.type().name() + "_" + s.ops().size() + (s.extraUse ? "_x" : "") + (s.storeBetween ? "_s" : ""), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), kk = k.param("k", I32), n8 = k.param("n8", I32);
            Pointer pa = k.pointer("a", F32), pw = k.pointer("w", U8), pc = k.pointer("c", F32), pout = k.pointer("out", F32);
            Pointer pr0 = k.pointer("r0", F32), pr1 = k.pointer("r1", F32), pspill = k.pointer("spill", s.type());
            k.warps(1);
            k.grid(n.ceilDiv(s.bn()), m.ceilDiv(s.bm()));
            GlobalTensor ga = k.globalView(pa, m, kk), gw = k.globalView(pw, kk, n8.times(s.bits()));
            GlobalTensor gr0 = k.globalView(pr0, kk, n), gr1 = k.globalView(pr1, kk, n); // row kt of each is used
            GlobalTensor gspill = k.globalView(pspill, kk, n);
            Scalar m0 = k.let("m0", k.blockIdx(1).times(s.bm())), n0 = k.let("n0", k.blockIdx(0).times(s.bn()));
            Scalar wc0 = k.let("wc0", k.blockIdx(0).times(s.bn() / 8 * s.bits()));
            RegisterLayout wl = columns(s.bk(), s.bn(), 8), bl = columns(s.bk(), s.bn(), s.bits()), cl = columns(s.bm(), s.bn(), 8);
            RegisterLayout rl = wl.reduce(new int[] {0}, true);
            RegisterTensor acc = k.loadGlobal(k.globalView(pc, m, n), cl, m0, n0);
            k.forRange("kt", kk.ceilDiv(s.bk()), kt -> {
                Scalar k0 = k.let("k0", kt.times(s.bk()));
                RegisterTensor a = k.loadGlobal(ga, Layouts.replicated(32, 2).compose(Layouts.local(s.bm(), s.bk())), m0, k0);
                RegisterTensor bytes = k.loadGlobal(gw, bl, k0, wc0);
                RegisterTensor codes = k.view(bytes, s.type(), wl);
                if (s.extraUse()) k.storeGlobal(codes, gspill, k0, n0);
                RegisterTensor wf = k.cast(codes, F32);
                GlobalTensor[] rows = {gr0, gr1};
                for (int i = 0; i < s.ops().size(); i++) {
                    RegisterTensor row = k.loadGlobal(rows[i], rl, kt, n0); // loaded between the chain's members
                    if (s.storeBetween() && i == 0) k.storeGlobal(row, rows[1], kt, n0);
                    wf = k.binary(s.ops().get(i), wf, row);
                }
                k.dot(a, wf, acc, acc);
            });
            k.storeGlobal(acc, k.globalView(pout, m, n), m0, n0);
        });
    }

    static Map<String, byte[]> memory(Random rnd, Shape s, int m, int n, int kk) {
        Map<String, byte[]> mem = new LinkedHashMap<>();
        mem.put("a", DotTest.values(rnd, F32, m * kk));
        mem.put("w", Differential.random(rnd, U8, kk * ((n + 7) / 8) * s.bits()));
        mem.put("c", DotTest.values(rnd, F32, m * n));
        mem.put("out", Differential.random(rnd, F32, m * n));
        mem.put("r0", DotTest.values(rnd, F32, kk * n));
        mem.put("r1", DotTest.values(rnd, F32, kk * n));
        mem.put("spill", Differential.random(rnd, s.type(), kk * n));
        return mem;
    }

    static void check(Shape s, int m, int n, int kk, long seed, int expectFused) {
        Program p = program(s);
        assertEquals(expectFused, JvmCompiler.compile(p).fusedDots(), "fused chains of " + p.name());
        Differential.checkOk(p, args("m", m, "n", n, "k", kk, "n8", (n + 7) / 8), memory(new Random(seed), s, m, n, kk));
    }

    static Stream<Arguments> widths() {
        List<Arguments> out = new ArrayList<>();
        for (int b = 1; b <= 8; b++) {
            out.add(Arguments.of(b, false));
            out.add(Arguments.of(b, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} bits, signed {1}")
    @MethodSource("widths")
    void everyWidthMatchesTheInterpreter(int bits, boolean signed) {
        // M = 1 as in a GEMV; N and K cover whole tiles and a ragged edge (fallback) each
        check(new Shape(bits, signed, List.of(BinaryOp.SUB), 1, 16, 32, false, false), 1, 80, 40, 100 + bits, 1);
        // several rows of A with two row operations
        check(new Shape(bits, signed, List.of(BinaryOp.SUB, BinaryOp.MUL), 4, 8, 64, false, false), 6, 128, 24, 200 + bits, 1);
        // 256-column tiles: whole 32-byte units for every width that divides 32 (the phase-order path)
        check(new Shape(bits, signed, List.of(BinaryOp.SUB), 1, 32, 256, false, false), 1, 520, 72, 300 + bits, 1);
        check(new Shape(bits, signed, List.of(BinaryOp.SUB, BinaryOp.MUL), 2, 16, 256, false, false), 3, 512, 40, 400 + bits, 1);
        // no row operations (the stdlib CPU program), 512-column tiles: the product-table path for 1, 2 and 4 bits
        // (whole units of 16 lanes x 32/bits columns), and a ragged last tile
        check(new Shape(bits, signed, List.of(), 1, 32, 512, false, false), 1, 1040, 72, 500 + bits, 1);
        // k-tiles of 18 rows: four-row passes and two single rows
        check(new Shape(bits, signed, List.of(), 1, 18, 512, false, false), 1, 1024, 54, 600 + bits, 1);
        check(new Shape(bits, signed, List.of(), 1, 17, 512, false, false), 1, 512, 51, 650 + bits, 1); // an odd row count
        // several rows of A without row operations (the strided kernel's wide decode and four-row accumulation)
        check(new Shape(bits, signed, List.of(), 4, 32, 256, false, false), 5, 512, 64, 700 + bits, 1);
    }

    /**
     * Float codes of 1, 2 and 4 bits (every such type): the value-table kernels at M = 1 and with
     * several rows of A, the scalar loop for row operations and ragged tiles; wider float codes stay
     * unfused and still match.
     */
    @Test
    void floatCodesMatchTheInterpreter() {
        int seed = 800;
        for (DType t : org.tilevm.spec.dtype.DTypes.allLowBit()) {
            if (!t.isFloat()) continue;
            int b = t.bits();
            boolean fused = b == 1 || b == 2 || b == 4;
            if (b > 4 && b != 6 && b != 8) continue; // wider ones once per width is enough
            check(new Shape(t, List.of(), 1, 32, 512, false, false), 1, 1040, 72, seed++, fused ? 1 : 0);
            check(new Shape(t, List.of(), 4, 32, 256, false, false), 5, 512, 64, seed++, fused ? 1 : 0);
            check(new Shape(t, List.of(BinaryOp.SUB, BinaryOp.MUL), 2, 16, 64, false, false), 3, 136, 40, seed++, fused ? 1 : 0);
        }
    }

    @Test
    void rowOperationsInEveryCombination() {
        List<List<BinaryOp>> combos = List.of(List.of(), List.of(BinaryOp.ADD), List.of(BinaryOp.MUL, BinaryOp.ADD),
                List.of(BinaryOp.MUL, BinaryOp.SUB), List.of(BinaryOp.ADD, BinaryOp.MUL));
        int seed = 0;
        for (List<BinaryOp> ops : combos) {
            check(new Shape(4, false, ops, 2, 32, 64, false, false), 3, 96, 64, 300 + seed++, 1);
            check(new Shape(3, true, ops, 16, 16, 32, false, false), 17, 40, 48, 400 + seed++, 1);
            check(new Shape(2, true, ops, 1, 16, 256, false, false), 1, 256, 48, 600 + seed++, 1);
            check(new Shape(8, false, ops, 4, 32, 256, false, false), 4, 256, 64, 700 + seed++, 1);
        }
    }

    @Test
    void chainsThatBreakARuleAreNotFusedAndStillMatch() {
        // the codes are also stored: they do not die in the chain
        check(new Shape(4, false, List.of(BinaryOp.SUB), 1, 16, 32, true, false), 1, 64, 32, 500, 0);
        // a global store between the load and the dot
        check(new Shape(4, false, List.of(BinaryOp.SUB, BinaryOp.MUL), 1, 16, 32, false, true), 1, 64, 32, 501, 0);
    }

    @Test
    void aViewThatIsNotTheRowStreamIsNotFused() {
        // bytes laid out with the rows of the tile over the threads and the columns local: the view
        // then takes a thread's bytes in a column-major order, not the packed row stream
        Program p = Kernel.build("fuse_colmajor", k -> {
            ScalarParam kk = k.param("k", I32);
            Pointer pa = k.pointer("a", F32), pw = k.pointer("w", U8), pout = k.pointer("out", F32);
            k.warps(1);
            k.grid(1);
            RegisterLayout bl = Layouts.spatial(8, 1).columnLocal(2, 4), wl = Layouts.spatial(8, 1).columnLocal(2, 8);
            GlobalTensor gw = k.globalView(pw, kk, Scalar.i32(4));
            RegisterTensor acc = k.registerTensor("acc", F32, Layouts.replicated(32, 2).compose(Layouts.local(1, 8)), 0.0);
            RegisterTensor a = k.loadGlobal(k.globalView(pa, Scalar.i32(1), kk), Layouts.replicated(32, 2).compose(Layouts.local(1, 16)), 0, 0);
            RegisterTensor bytes = k.loadGlobal(gw, Layouts.replicated(4, 2).compose(bl), 0, 0);
            RegisterTensor codes = k.view(bytes, DType.parse("u4"), Layouts.replicated(4, 2).compose(wl));
            k.dot(a, k.cast(codes, F32), acc, acc);
            k.storeGlobal(acc, k.globalView(pout, Scalar.i32(1), Scalar.i32(8)), 0, 0);
        });
        assertEquals(0, JvmCompiler.compile(p).fusedDots());
        Random rnd = new Random(7);
        Map<String, byte[]> mem = new LinkedHashMap<>();
        mem.put("a", DotTest.values(rnd, F32, 16));
        mem.put("w", Differential.random(rnd, U8, 64));
        mem.put("out", Differential.random(rnd, F32, 8));
        Differential.checkOk(p, args("k", 16), mem);
    }

    /** The integer form (W4A8): i8 activations widened to i16, codes cast to i16 minus an i16 row, an i32 dot. */
    static Program intProgram(DType codeType, DType valueType, boolean withRow, int bm, int bk, int bn) {
        return Kernel.build("fuse_int_" + codeType.name() + "_" + valueType.name() + (withRow ? "_z" : ""), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), kk = k.param("k", I32), n8 = k.param("n8", I32);
            Pointer pa = k.pointer("a", org.tilevm.spec.dtype.DTypes.I8), pw = k.pointer("w", U8);
            Pointer pz = k.pointer("z", valueType), pc = k.pointer("c", I32), pout = k.pointer("out", I32);
            k.warps(1);
            k.grid(n.ceilDiv(bn), m.ceilDiv(bm));
            GlobalTensor ga = k.globalView(pa, m, kk), gw = k.globalView(pw, kk, n8.times(codeType.bits()));
            GlobalTensor gz = k.globalView(pz, kk, n);
            Scalar m0 = k.let("m0", k.blockIdx(1).times(bm)), n0 = k.let("n0", k.blockIdx(0).times(bn));
            Scalar wc0 = k.let("wc0", k.blockIdx(0).times(bn / 8 * codeType.bits()));
            RegisterLayout wl = columns(bk, bn, 8), bl = columns(bk, bn, codeType.bits()), cl = columns(bm, bn, 8);
            RegisterTensor acc = k.loadGlobal(k.globalView(pc, m, n), cl, m0, n0);
            k.forRange("kt", kk.ceilDiv(bk), kt -> {
                Scalar k0 = k.let("k0", kt.times(bk));
                RegisterTensor a = k.cast(k.loadGlobal(ga, Layouts.replicated(32, 2).compose(Layouts.local(bm, bk)), m0, k0), valueType);
                RegisterTensor codes = k.view(k.loadGlobal(gw, bl, k0, wc0), codeType, wl);
                RegisterTensor w = k.cast(codes, valueType);
                if (withRow) w = w.minus(k.loadGlobal(gz, wl.reduce(new int[] {0}, true), kt, n0));
                k.dot(a, w, acc, acc);
            });
            k.storeGlobal(acc, k.globalView(pout, m, n), m0, n0);
        });
    }

    @Test
    void integerChainsMatchTheInterpreter() {
        int seed = 900;
        for (String t : new String[] {"u4", "i4", "u2", "u3", "u8", "i8", "u1"}) {
            for (DType vt : new DType[] {org.tilevm.spec.dtype.DTypes.I16, I32}) {
                DType ct = DType.parse(t);
                Program p = intProgram(ct, vt, true, 2, 16, 64);
                assertEquals(1, JvmCompiler.compile(p).fusedDots(), "fused chains of " + p.name());
                int m = 3, n = 136, kk = 40;
                Random rnd = new Random(seed++);
                Map<String, byte[]> mem = new LinkedHashMap<>();
                mem.put("a", Differential.random(rnd, org.tilevm.spec.dtype.DTypes.I8, m * kk));
                mem.put("w", Differential.random(rnd, U8, kk * ((n + 7) / 8) * ct.bits()));
                mem.put("z", Differential.random(rnd, vt, kk * n)); // any codes: the i16 differences wrap
                mem.put("c", Differential.random(rnd, I32, m * n));
                mem.put("out", Differential.random(rnd, I32, m * n));
                Differential.checkOk(p, args("m", m, "n", n, "k", kk, "n8", (n + 7) / 8), mem);
            }
        }
        // M = 1 with whole 32-byte units: the phase-order integer path, i16 differences that wrap
        for (String t : new String[] {"u4", "i4", "u2", "i8", "u1"}) {
            for (DType vt : new DType[] {org.tilevm.spec.dtype.DTypes.I16, I32}) {
                DType ct = DType.parse(t);
                Program p = intProgram(ct, vt, true, 1, 32, 256);
                int n = 512, kk = 96;
                Random rnd = new Random(seed++);
                Map<String, byte[]> mem = new LinkedHashMap<>();
                mem.put("a", Differential.random(rnd, org.tilevm.spec.dtype.DTypes.I8, kk));
                mem.put("w", Differential.random(rnd, U8, kk * n / 8 * ct.bits()));
                mem.put("z", Differential.random(rnd, vt, kk * n));
                mem.put("c", Differential.random(rnd, I32, n));
                mem.put("out", Differential.random(rnd, I32, n));
                Differential.checkOk(p, args("m", 1, "n", n, "k", kk, "n8", n / 8), mem);
            }
        }
        // no row operations (the stdlib's W4A8 program): the product-table path for 4-bit codes; a ragged last k-tile
        for (String t : new String[] {"u4", "i4", "u2", "i2", "u1"}) {
            for (DType vt : new DType[] {org.tilevm.spec.dtype.DTypes.I16, I32}) {
                boolean shortTiles = vt.equals(I32); // k-tiles of 18 rows: a last pass of two rows
                Program noRow = intProgram(DType.parse(t), vt, false, 1, shortTiles ? 18 : 32, 256);
                assertEquals(1, JvmCompiler.compile(noRow).fusedDots());
                int n = 1024, kk = shortTiles ? 54 : 80;
                Random rnd = new Random(seed++);
                Map<String, byte[]> mem = new LinkedHashMap<>();
                mem.put("a", Differential.random(rnd, org.tilevm.spec.dtype.DTypes.I8, kk));
                mem.put("w", Differential.random(rnd, U8, kk * n / 8 * DType.parse(t).bits()));
                mem.put("z", Differential.random(rnd, vt, kk * n));
                mem.put("c", Differential.random(rnd, I32, n));
                mem.put("out", Differential.random(rnd, I32, n));
                Differential.checkOk(noRow, args("m", 1, "n", n, "k", kk, "n8", n / 8), mem);
                // five rows of A in blocks of four: the strided kernel's wide decode and four-row accumulation
                Program rows = intProgram(DType.parse(t), vt, false, 4, 32, 256);
                int m = 5, kr = 64;
                Map<String, byte[]> mr = new LinkedHashMap<>();
                mr.put("a", Differential.random(rnd, org.tilevm.spec.dtype.DTypes.I8, m * kr));
                mr.put("w", Differential.random(rnd, U8, kr * n / 8 * DType.parse(t).bits()));
                mr.put("z", Differential.random(rnd, vt, kr * n));
                mr.put("c", Differential.random(rnd, I32, m * n));
                mr.put("out", Differential.random(rnd, I32, m * n));
                Differential.checkOk(rows, args("m", m, "n", n, "k", kr, "n8", n / 8), mr);
            }
        }
    }
}
