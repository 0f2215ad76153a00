package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;

/** A small builder for hand-written thread-level programs in tests, and ways to run them. */
final class Tir {
    private Tir() {}

    // ---- expressions

    static TExpr.Const i32(long v) { return new TExpr.Const(v, ScalarType.I32); }

    static TExpr.Const u32(long v) { return new TExpr.Const(v, ScalarType.U32); }

    static TExpr.Const i64(long v) { return new TExpr.Const(v, ScalarType.I64); }

    static TExpr.Const u64(long v) { return new TExpr.Const(v, ScalarType.U64); }

    static TExpr.Const f32(float v) { return new TExpr.Const(Float.floatToRawIntBits(v), ScalarType.F32); }

    static TExpr.Const f64(double v) { return new TExpr.Const(Double.doubleToRawLongBits(v), ScalarType.F64); }

    static TExpr.Const pred(boolean v) { return new TExpr.Const(v ? 1 : 0, ScalarType.PRED); }

    static TExpr tid() { return new TExpr.ThreadIdx(); }

    static TExpr.Var var(String name, ScalarType t) { return new TExpr.Var(name, t); }

    static TExpr bin(BOp op, TExpr a, TExpr b) { return new TExpr.Bin(op, a, b); }

    static TExpr add(TExpr a, TExpr b) { return bin(BOp.ADD, a, b); }

    static TExpr mul(TExpr a, TExpr b) { return bin(BOp.MUL, a, b); }

    static TExpr conv(ScalarType t, TExpr a) { return new TExpr.Convert(t, a); }

    static TExpr bitcast(ScalarType t, TExpr a) { return new TExpr.Bitcast(t, a); }

    /** {@code tid * k} as I64 (a global address). */
    static TExpr tidTimes64(long k) { return mul(conv(ScalarType.I64, tid()), i64(k)); }

    // ---- statements

    static TStmt.Seq seq(TStmt... s) { return new TStmt.Seq(List.of(s)); }

    static TStmt let(String name, TExpr value) { return new TStmt.Let(var(name, value.type()), value); }

    static TStmt array(String name, int words) { return new TStmt.Array(name, words); }

    static TStmt setBits(String array, int bit, int n, TExpr v) { return new TStmt.SetBits(array, bit, n, v); }

    static TStmt ldGlobal(String array, int dstBit, int n, String ptr, TExpr bitAddr, int align) {
        return new TStmt.Load(TStmt.Space.GLOBAL, array, dstBit, n, ptr, bitAddr, align, pred(true));
    }

    static TStmt stGlobal(String array, int srcBit, int n, String ptr, TExpr bitAddr, int align) {
        return new TStmt.Store(TStmt.Space.GLOBAL, array, srcBit, n, ptr, bitAddr, align, pred(true));
    }

    static TStmt ldShared(String array, int dstBit, int n, TExpr bitAddr, int align) {
        return new TStmt.Load(TStmt.Space.SHARED, array, dstBit, n, null, bitAddr, align, pred(true));
    }

    static TStmt stShared(String array, int srcBit, int n, TExpr bitAddr, int align) {
        return new TStmt.Store(TStmt.Space.SHARED, array, srcBit, n, null, bitAddr, align, pred(true));
    }

    static TStmt sync() { return new TStmt.BarSync(); }

    // ---- programs

    static ThreadProgram program(List<Param> params, int threads, int sharedBytes, TStmt... body) {
        return program(params, List.of(Expr.i32(1)), threads, sharedBytes, body);
    }

    static ThreadProgram program(List<Param> params, List<Expr> grid, int threads, int sharedBytes, TStmt... body) {
        return new ThreadProgram("k", params, grid, threads, sharedBytes, seq(body), null);
    }

    static Param out() { return Param.pointer("out", DTypes.U8); }

    static Param in() { return Param.pointer("in", DTypes.U8); }

    static MemorySegment segment(long bytes) { return Arena.ofAuto().allocate(Math.max(1, bytes), 16); }

    static MemorySegment segment(byte[] data) {
        MemorySegment s = segment(data.length);
        MemorySegment.copy(data, 0, s, ValueLayout.JAVA_BYTE, 0, data.length);
        return s;
    }

    static long[] longs(MemorySegment s) { return s.toArray(ValueLayout.JAVA_LONG_UNALIGNED); }

    static int[] ints(MemorySegment s) { return s.toArray(ValueLayout.JAVA_INT_UNALIGNED); }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static void run(ThreadProgram p, Map<String, Object> args) { new Simulator(new PrintStream(new ByteArrayOutputStream())).run(p, args); }

    /** Runs and returns what printf wrote. */
    static String runPrinting(ThreadProgram p, Map<String, Object> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Simulator(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(p, args);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static SimulationException fails(ThreadProgram p, Map<String, Object> args) {
        return assertThrows(SimulationException.class, () -> run(p, args));
    }

    /** {@code e} as a U64 holding its canonical bits (see {@link Scalars}). */
    static TExpr canonicalU64(TExpr e) {
        return switch (e.type()) {
            case F32 -> conv(ScalarType.U64, bitcast(ScalarType.U32, e));
            case F64 -> bitcast(ScalarType.U64, e);
            default -> conv(ScalarType.U64, e);
        };
    }

    /**
     * The canonical value of {@code e} in each of {@code threads} threads (one block), after
     * running {@code prelude}.
     */
    static long[] eval(int threads, TExpr e, TStmt... prelude) {
        List<TStmt> body = new ArrayList<>(List.of(prelude));
        body.add(array("r_", 2));
        body.add(setBits("r_", 0, 64, canonicalU64(e)));
        body.add(stGlobal("r_", 0, 64, "out", tidTimes64(64), 64));
        ThreadProgram p = program(List.of(out()), threads, 0, body.toArray(TStmt[]::new));
        MemorySegment o = segment(8L * threads);
        run(p, args("out", o));
        return longs(o);
    }

    /**
     * Runs {@code f} on one 32-bit input word per thread over {@code blocks} blocks of
     * {@code threads} threads: thread g (= blockIdx.x * threads + tid) reads word g of
     * {@code input} (a U32; {@code input} may be null, then the word is g itself) and writes the
     * low 32 bits of the canonical value of {@code f(word)} to word g of the result.
     */
    static int[] map32(int blocks, int threads, int[] input, java.util.function.Function<TExpr, TExpr> f) {
        TExpr g = add(mul(new TExpr.BlockIdx(0), i32(threads)), tid());
        TExpr gAddr = mul(conv(ScalarType.I64, g), i64(32));
        List<TStmt> body = new ArrayList<>();
        body.add(array("x_", 1));
        if (input != null) body.add(ldGlobal("x_", 0, 32, "in", gAddr, 32));
        else body.add(setBits("x_", 0, 32, bitcast(ScalarType.U32, g)));
        body.add(array("y_", 2));
        body.add(setBits("y_", 0, 64, canonicalU64(f.apply(new TExpr.GetBits("x_", 0, 32)))));
        body.add(stGlobal("y_", 0, 32, "out", gAddr, 32));
        int n = blocks * threads;
        MemorySegment o = segment(4L * n);
        MemorySegment in = segment(4L * n);
        if (input != null) MemorySegment.copy(input, 0, in, ValueLayout.JAVA_INT_UNALIGNED, 0, n);
        run(program(List.of(in(), out()), List.of(Expr.i32(blocks)), threads, 0, body.toArray(TStmt[]::new)),
                args("in", in, "out", o));
        return ints(o);
    }

    /**
     * A one-block kernel where each thread first loads {@code inWords} 32-bit words of global
     * {@code in} (thread t: words [t*inWords, (t+1)*inWords)) into register array {@code in_},
     * declares array {@code out_} of {@code outWords} words, runs {@code middle}, then stores
     * {@code out_} to global {@code out} the same way. Returns the output words.
     */
    static int[] perThreadWords(int threads, int sharedBytes, int[] input, int inWords, int outWords, TStmt... middle) {
        List<TStmt> body = new ArrayList<>();
        body.add(array("in_", inWords));
        for (int w = 0; w < inWords; w++) {
            body.add(ldGlobal("in_", 32 * w, 32, "in", add(tidTimes64(32L * inWords), i64(32L * w)), 32));
        }
        body.add(array("out_", outWords));
        body.addAll(List.of(middle));
        for (int w = 0; w < outWords; w++) {
            body.add(stGlobal("out_", 32 * w, 32, "out", add(tidTimes64(32L * outWords), i64(32L * w)), 32));
        }
        MemorySegment in = segment(4L * input.length), o = segment(4L * threads * outWords);
        MemorySegment.copy(input, 0, in, ValueLayout.JAVA_INT_UNALIGNED, 0, input.length);
        run(program(List.of(in(), out()), threads, sharedBytes, body.toArray(TStmt[]::new)), args("in", in, "out", o));
        return ints(o);
    }

    /** The canonical value of {@code e} in thread 0. */
    static long eval1(TExpr e) { return eval(32, e)[0]; }
}
