package org.tilevm.codegen.ptx.cuda;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.codegen.ptx.cuda.TirKernels.*;
import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.sim.Simulator;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirVerifier;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;

/**
 * Differential test of the printer against the SIMT simulator: seeded random programs (every
 * scalar operator, conversion, bit field, dtype code operation and bit instruction, and loads and
 * stores of 1..128 bits at any bit address and alignment, predicated) are run by the simulator and,
 * printed in portable form, compiled as host C++ and run thread by thread; global memory must end
 * up byte for byte the same. Skipped when there is no host C++ compiler.
 */
class PrinterVsSimulatorHostTest {
    private static final int THREADS = 64;
    private static final int SRC_BYTES_PER_THREAD = 1024;
    private static final int RESULTS = 48;                       // 64-bit result slots per thread
    private static final int OUT_BITS_PER_THREAD = 64 * RESULTS + 8192;
    private static final int SRC_BYTES = THREADS * SRC_BYTES_PER_THREAD;
    private static final int OUT_BYTES = THREADS * OUT_BITS_PER_THREAD / 8;

    private static final List<Param> PARAMS = List.of(OUT, IN, Param.scalar("n", DTypes.I32), Param.scalar("big", DTypes.I64),
            Param.scalar("f", DTypes.F32), Param.scalar("h", DTypes.F16), Param.scalar("flag", DTypes.BOOL),
            Param.scalar("q", DTypes.I3));

    @Test
    void printedProgramsComputeWhatTheSimulatorComputes() throws Exception {
        Path cxx = HostCpp.compiler().orElse(null);
        Assumptions.assumeTrue(cxx != null, "no host C++ compiler on PATH");
        List<ThreadProgram> programs = new ArrayList<>();
        int count = Integer.getInteger("tilevm.cuda.randomPrograms", 12); // more for a longer hunt
        for (int seed = 0; seed < count; seed++) programs.add(randomProgram(seed));
        for (ThreadProgram p : programs) assertEquals(List.of(), TirVerifier.verify(p), p.name());

        byte[] src = new byte[SRC_BYTES];
        new Random(42).nextBytes(src);
        String output = HostCpp.run(cxx, hostProgram(programs), src);
        String[] lines = output.split("\n");
        assertEquals(programs.size(), lines.length, output.length() > 2000 ? output.substring(0, 2000) : output);

        try (Arena arena = Arena.ofConfined()) {
            for (int k = 0; k < programs.size(); k++) {
                ThreadProgram p = programs.get(k);
                MemorySegment in = arena.allocate(SRC_BYTES, 16), out = arena.allocate(OUT_BYTES, 16);
                MemorySegment.copy(MemorySegment.ofArray(src), 0, in, 0, SRC_BYTES);
                Map<String, Object> args = new HashMap<>();
                args.put("out", out);
                args.put("src", in);
                args.put("n", 77);
                args.put("big", -5_000_000_000L);
                args.put("f", 2.5f);
                args.put("h", 1.5);
                args.put("flag", 1);
                args.put("q", -3);
                new Simulator().run(p, args);
                byte[] want = out.toArray(ValueLayout.JAVA_BYTE);
                byte[] got = java.util.HexFormat.of().parseHex(lines[k].trim());
                for (int i = 0; i < OUT_BYTES; i++) {
                    if (want[i] != got[i]) {
                        int thread = i * 8 / OUT_BITS_PER_THREAD, bit = i * 8 % OUT_BITS_PER_THREAD;
                        fail(p.name() + ": byte " + i + " (thread " + thread + ", bit " + bit
                                + (bit < 64 * RESULTS ? ", result " + bit / 64 : ", memory test area") + "): simulator 0x"
                                + Integer.toHexString(want[i] & 0xFF) + ", printed C 0x" + Integer.toHexString(got[i] & 0xFF)
                                + "\n" + CudaPrinter.print(p));
                    }
                }
            }
        }
    }

    /** The portable translation unit plus a driver that runs every kernel thread by thread. */
    private static String hostProgram(List<ThreadProgram> programs) {
        StringBuilder sb = new StringBuilder("""
                #define __global__
                #define __launch_bounds__(...)
                #define __shared__
                #define __align__(n) __attribute__((aligned(n)))
                #define __restrict__ __restrict
                struct tv_dim3 { unsigned x, y, z; };
                static tv_dim3 threadIdx, blockIdx;
                extern "C" { __attribute__((aligned(128))) unsigned char smem[1]; }
                static inline int __float_as_int(float f) { return (int)__float_as_uint(f); }
                static inline float __int_as_float(int i) { return __uint_as_float((unsigned)i); }
                static inline float __fadd_rn(float a, float b) { return a + b; }
                static inline float __fsub_rn(float a, float b) { return a - b; }
                static inline float __fdiv_rn(float a, float b) { return a / b; }
                static inline float __fsqrt_rn(float a) { return std::sqrt(a); }
                static inline double __dadd_rn(double a, double b) { return a + b; }
                static inline double __dsub_rn(double a, double b) { return a - b; }
                static inline double __dmul_rn(double a, double b) { return a * b; }
                static inline double __ddiv_rn(double a, double b) { return a / b; }
                static inline double __dsqrt_rn(double a) { return std::sqrt(a); }
                static inline unsigned __funnelshift_r(unsigned lo, unsigned hi, unsigned s) {
                  return (unsigned)((((unsigned long long)hi << 32) | lo) >> (s & 31));
                }
                static inline unsigned atomicAnd(unsigned* p, unsigned v) { unsigned o = *p; *p = o & v; return o; }
                static inline unsigned atomicOr(unsigned* p, unsigned v) { unsigned o = *p; *p = o | v; return o; }
                """);
        sb.append(CudaPrinter.print(programs, true));
        sb.append("alignas(16) static unsigned char src[").append(SRC_BYTES).append("], out[").append(OUT_BYTES).append("];\n");
        sb.append("int main() {\n");
        sb.append("  if (std::fread(src, 1, sizeof src, stdin) != sizeof src) return 1;\n");
        for (ThreadProgram p : programs) {
            sb.append("  std::memset(out, 0, sizeof out);\n");
            sb.append("  for (unsigned t = 0; t < ").append(THREADS).append("; ++t) { threadIdx.x = t; ")
                    .append(CudaPrinter.kernelName(p))
                    .append("(out, src, 77, -5000000000ll, 2.5f, (unsigned short)0x3e00, true, (signed char)-3); }\n");
            sb.append("  for (unsigned i = 0; i < sizeof out; ++i) std::printf(\"%02x\", out[i]);\n");
            sb.append("  std::printf(\"\\n\");\n");
        }
        return sb.append("  return 0;\n}\n").toString();
    }

    /** 48 random expressions (each stored as 64 bits) and 12 random loads with stores of their bits. */
    private static ThreadProgram randomProgram(int seed) {
        Random rnd = new Random(1000 + seed);
        List<TStmt> b = new ArrayList<>();
        TExpr tid = new ThreadIdx();
        TExpr srcBase = new Convert(I64, bin(BOp.MUL, tid, i32(8 * SRC_BYTES_PER_THREAD)));
        TExpr outBase = new Convert(I64, bin(BOp.MUL, tid, i32(OUT_BITS_PER_THREAD)));
        b.add(new TStmt.Array("in", 8));
        b.add(new Load(TStmt.Space.GLOBAL, "in", 0, 128, "src", srcBase, 128, tru()));
        b.add(new Load(TStmt.Space.GLOBAL, "in", 128, 128, "src", bin(BOp.ADD, srcBase, i64(128)), 128, tru()));
        Var a = v("a", I32), u = v("u", U32), c = v("c", I64), d = v("d", U64), e = v("e", F32), g = v("g", F64),
                p = v("p", PRED), small = v("small", F32);
        b.add(new Let(a, new Bitcast(I32, new GetBits("in", 0, 32))));
        b.add(new Let(u, new GetBits("in", 32, 32)));
        b.add(new Let(c, new Bitcast(I64, new GetBits("in", 64, 64))));
        b.add(new Let(d, new GetBits("in", 128, 64)));
        b.add(new Let(e, new Bitcast(F32, new GetBits("in", 192, 32))));
        b.add(new Let(g, new Bitcast(F64, new GetBits("in", 192, 64))));
        b.add(new Let(p, bin(BOp.EQ, bin(BOp.AND, a, i32(1)), i32(0))));
        // values of ordinary size, so that float arithmetic is not all NaN and infinity
        b.add(new Let(small, bin(BOp.MUL, new Convert(F32, bin(BOp.SHR, a, i32(20))), f32(0.0625f))));
        Map<ScalarType, List<TExpr>> leaves = Map.of(
                I32, List.of(a, tid, v("n", I32), v("q", I32)), U32, List.of(u), I64, List.of(c, v("big", I64)),
                U64, List.of(d), F32, List.of(e, small, small, v("f", F32), v("h", F32)), F64, List.of(g),
                PRED, List.of(p, v("flag", PRED)));
        RandomTir gen = new RandomTir(rnd, leaves, "in", 256);
        b.add(new TStmt.Array("o", 2));
        for (int k = 0; k < RESULTS; k++) {
            ScalarType t = gen.anyType();
            Var r = v("r" + k, t);
            b.add(new Let(r, gen.gen(t, 4)));
            TExpr bits = switch (t) {
                case PRED -> new Convert(U64, r);
                case I32 -> new Convert(U64, new Bitcast(U32, r));
                case U32 -> new Convert(U64, r);
                case I64 -> new Bitcast(U64, r);
                case U64 -> r;
                // NaN payloads differ between GPUs and the JVM; compare NaN as NaN
                case F32 -> new Convert(U64, new Bitcast(U32, new Select(bin(BOp.NE, r, r), f32(Float.NaN), r)));
                case F64 -> new Bitcast(U64, new Select(bin(BOp.NE, r, r), new Const(0x7ff8000000000000L, F64), r));
            };
            b.add(new SetBits("o", 0, 64, bits));
            b.add(new Store(TStmt.Space.GLOBAL, "o", 0, 64, "out", bin(BOp.ADD, outBase, i64(64L * k)), 64, tru()));
        }
        // loads of 1..128 bits at any address into any bit of a register array, stored back at any address
        b.add(new TStmt.Array("m", 8));
        for (int k = 0; k < 12; k++) {
            int nbits = rnd.nextInt(4) == 0 ? List.of(8, 16, 32, 64, 128).get(rnd.nextInt(5)) : 1 + rnd.nextInt(128);
            int align = 1 << rnd.nextInt(8);
            long from = (rnd.nextInt(8 * SRC_BYTES_PER_THREAD - 256) / align) * (long) align;
            int dst = rnd.nextInt(256 - nbits + 1);
            TExpr pred = rnd.nextBoolean() ? tru() : bin(BOp.LT, tid, i32(rnd.nextInt(THREADS)));
            b.add(new Load(TStmt.Space.GLOBAL, "m", dst, nbits, "src", bin(BOp.ADD, srcBase, i64(from)), align, pred));
            int salign = 1 << rnd.nextInt(8);
            long to = 64L * RESULTS + (rnd.nextInt(8192 - 128) / salign) * (long) salign;
            TExpr spred = rnd.nextBoolean() ? tru() : bin(BOp.GE, tid, i32(rnd.nextInt(THREADS)));
            int sbit = rnd.nextInt(256 - nbits + 1);
            b.add(new Store(TStmt.Space.GLOBAL, "m", sbit, nbits, "out", bin(BOp.ADD, outBase, i64(to)), salign, spred));
        }
        return new ThreadProgram("k_random" + seed, PARAMS, List.of(new Expr.IntConst(1, DTypes.I32)), THREADS, 0,
                new Seq(b), null);
    }
}
