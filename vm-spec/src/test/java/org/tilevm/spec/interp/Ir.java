package org.tilevm.spec.interp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Sym;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/** Small helpers to build test programs from the IR records and to move data in and out of segments. */
final class Ir {
    private Ir() {}

    static TensorVar reg(String name, DType t, RegisterLayout l) {
        return new TensorVar(name, new TensorType.Register(t, l));
    }

    static TensorVar smem(String name, DType t, SharedLayout l) {
        return new TensorVar(name, new TensorType.Shared(t, l));
    }

    /** A row-major global tensor whose sizes are constants or parameter names. */
    static TensorVar gmem(String name, DType t, Object... shape) {
        List<Sym> syms = new ArrayList<>();
        for (Object o : shape) syms.add(o instanceof String s ? Sym.var(s) : Sym.constant(((Number) o).longValue()));
        return new TensorVar(name, new TensorType.Global(t, GlobalLayout.rowMajor(syms)));
    }

    static Stmt ex(Instruction i) { return new Stmt.Exec(i); }

    static Stmt.Seq seq(Stmt... s) { return new Stmt.Seq(List.of(s)); }

    static Stmt.Seq seq(List<Stmt> s) { return new Stmt.Seq(s); }

    static Program program(List<Param> params, List<Expr> grid, Stmt... body) {
        return new Program("k", params, grid, 1, seq(body));
    }

    static Program program(List<Param> params, Stmt... body) {
        return program(params, List.of(Expr.i32(1)), body);
    }

    static Expr i32(long v) { return Expr.i32(v); }

    static List<Expr> at(long... v) {
        return Arrays.stream(v).mapToObj(x -> (Expr) Expr.i32(x)).toList();
    }

    static List<Expr> at(Expr... e) { return List.of(e); }

    static MemorySegment segment(long[] codes, int bits) { return MemorySegment.ofArray(BitPacking.pack(codes, bits)); }

    static MemorySegment bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return MemorySegment.ofArray(b);
    }

    static long[] codes(MemorySegment s, int n, int bits) { return BitPacking.unpack(s, n, bits); }

    /** Random codes of any bit pattern (integers), never all zero. */
    static long[] randomCodes(Random r, DType t, int n) {
        long[] c = new long[n];
        for (int i = 0; i < n; i++) c[i] = r.nextLong() & t.mask();
        return c;
    }

    /** Codes of random finite values of roughly unit scale, rounded to the float type. */
    static long[] randomFloats(Random r, DType t, int n, double scale) {
        long[] c = new long[n];
        for (int i = 0; i < n; i++) c[i] = t.encode(r.nextGaussian() * scale);
        return c;
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static Interpreter interp() { return new Interpreter(System.out, VERIFY); }

    /** Whether test launches run the verifier first (as every real launch does). */
    static final boolean VERIFY = true;

    /** A launch that skips the verifier, to reach the interpreter's own run-time checks. */
    static Interpreter unverified() { return new Interpreter(System.out, false); }
}
