package org.tilevm.codegen.ptx.tir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;

/**
 * Fixtures for thread-level IR tests: a 4-warp program with parameters {@code a: ptr<f16>},
 * {@code c: ptr<f32>}, {@code n: i32}, {@code flag: u1}, {@code scale: f32}, {@code w8: u8} (an i32 variable), 4096
 * bytes of shared memory, grid {@code [n]}; short constructors; assertions on verifier results.
 */
final class Tx {
    private Tx() {}

    static final Param A = Param.pointer("a", DTypes.F16), C = Param.pointer("c", DTypes.F32);
    static final Param N = Param.scalar("n", DTypes.I32), FLAG = Param.scalar("flag", DTypes.BOOL);
    static final Param SCALE = Param.scalar("scale", DTypes.F32), K = Param.scalar("w8", DTypes.U8);
    static final List<Param> PARAMS = List.of(A, C, N, FLAG, SCALE, K);

    /** The parameters as thread-level variables. */
    static final TExpr.Var n = v("n", ScalarType.I32), flag = v("flag", ScalarType.PRED),
            scale = v("scale", ScalarType.F32), k = v("w8", ScalarType.I32);
    static final TExpr TID = new TExpr.ThreadIdx();
    static final TExpr TRUE = TExpr.pred(true);

    static ThreadProgram prog(TStmt... body) {
        return prog(128, 4096, body);
    }

    static ThreadProgram prog(int threads, int sharedBytes, TStmt... body) {
        return new ThreadProgram("t", PARAMS, List.of(N.var()), threads, sharedBytes, TStmt.seq(body), null);
    }

    static TExpr.Var v(String name, ScalarType t) { return new TExpr.Var(name, t); }

    static TExpr.Var i(String name) { return v(name, ScalarType.I32); }

    static TExpr.Var u(String name) { return v(name, ScalarType.U32); }

    static TExpr bin(TExpr.BOp op, TExpr a, TExpr b) { return new TExpr.Bin(op, a, b); }

    static TStmt let(TExpr.Var var, TExpr value) { return new TStmt.Let(var, value); }

    static TStmt set(TExpr.Var var, TExpr value) { return new TStmt.Assign(var, value); }

    static TStmt array(String name, int words) { return new TStmt.Array(name, words); }

    static TStmt loop(TExpr.Var var, TExpr extent, TStmt... body) { return new TStmt.For(var, extent, 0, TStmt.seq(body)); }

    static TStmt when(TExpr cond, TStmt... then) { return new TStmt.If(cond, TStmt.seq(then), null); }

    static TStmt ldShared(String array, int dstBit, int nbits, TExpr bitAddr, int align) {
        return new TStmt.Load(TStmt.Space.SHARED, array, dstBit, nbits, null, bitAddr, align, TRUE);
    }

    static TStmt ldGlobal(String array, int dstBit, int nbits, String ptr, TExpr bitAddr, int align, TExpr pred) {
        return new TStmt.Load(TStmt.Space.GLOBAL, array, dstBit, nbits, ptr, bitAddr, align, pred);
    }

    static void valid(ThreadProgram p) {
        List<TirError> errors = TirVerifier.verify(p);
        assertTrue(errors.isEmpty(), () -> "expected no errors, got:\n" + lines(errors) + "in:\n" + TirText.render(p));
        TirVerifier.check(p);
    }

    /**
     * The program has exactly one error, at {@code path}, of {@code kind}, whose reason contains
     * every part; its message starts with {@code path kind: } and quotes the statement.
     */
    static TirError expect(ThreadProgram p, String path, String kind, String... reasonParts) {
        List<TirError> errors = TirVerifier.verify(p);
        assertEquals(1, errors.size(), () -> "expected one error, got:\n" + lines(errors) + "in:\n" + TirText.render(p));
        TirError e = errors.get(0);
        assertEquals(path, e.path(), e.message());
        assertEquals(kind, e.kind(), e.message());
        for (String part : reasonParts) {
            assertTrue(e.reason().contains(part), () -> "reason lacks '" + part + "': " + e.message());
        }
        String msg = e.message();
        assertTrue(msg.startsWith(path + " " + kind + ": ") && msg.contains(e.reason()) && msg.endsWith("(in: " + e.text() + ")"),
                msg);
        return e;
    }

    static String lines(List<TirError> errors) {
        StringBuilder sb = new StringBuilder();
        for (TirError e : errors) sb.append(e.message()).append('\n');
        return sb.toString();
    }

    static Expr gridN() { return N.var(); }
}
