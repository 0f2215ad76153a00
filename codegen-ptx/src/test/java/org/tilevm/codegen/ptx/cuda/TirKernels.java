package org.tilevm.codegen.ptx.cuda;

import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.util.ArrayList;
import java.util.List;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.SyncThreads;

/**
 * Hand-built thread-level programs for the printer tests; together they use every {@link TExpr}
 * and {@link TStmt} kind. Every computed value ends up in a global store so that nothing is dead
 * code when compiled.
 */
final class TirKernels {
    private TirKernels() {}

    static final Param OUT = Param.pointer("out", DTypes.U8);
    static final Param IN = Param.pointer("src", DTypes.U8);

    static Var v(String name, ScalarType t) { return new Var(name, t); }

    static Const i32(long x) { return new Const(x, I32); }

    static Const u32(long x) { return new Const(x, U32); }

    static Const i64(long x) { return new Const(x, I64); }

    static Const f32(float x) { return new Const(Float.floatToRawIntBits(x), F32); }

    static Const tru() { return new Const(1, PRED); }

    static TExpr bin(BOp op, TExpr a, TExpr b) { return new Bin(op, a, b); }

    static TExpr tid() { return new ThreadIdx(); }

    /** Global bit address of 32-bit word {@code word + threadIdx * stride} (I64). */
    static TExpr gbit(int word, int stride) {
        return new Convert(I64, bin(BOp.MUL, bin(BOp.ADD, bin(BOp.MUL, tid(), i32(stride)), i32(word)), i32(32)));
    }

    /** Stores a 32-bit value to out word {@code word + 64*threadIdx}. */
    static List<TStmt> emit(String scratch, int word, TExpr value) {
        TExpr u = switch (value.type()) {
            case U32 -> value;
            case I32 -> new Bitcast(U32, value);
            case F32 -> new Bitcast(U32, value);
            case PRED -> new Convert(U32, value);
            case U64, I64 -> new Convert(U32, value);
            case F64 -> new Convert(U32, new Bitcast(U64, value));
        };
        return List.of(new SetBits(scratch, 0, 32, u),
                new Store(TStmt.Space.GLOBAL, scratch, 0, 32, "out", gbit(word, 64), 32, tru()));
    }

    private static Program source(String name, List<Param> params) {
        return new Program(name, params, List.of(new Expr.IntConst(2, DTypes.I32), new Expr.IntConst(2, DTypes.I32),
                new Expr.IntConst(1, DTypes.I32)), 4,
                new Stmt.Seq(List.of(new Stmt.Exec(new SyncThreads()))));
    }

    static ThreadProgram program(String name, List<Param> params, int sharedBytes, List<TStmt> body) {
        List<Expr> grid = List.of(new Expr.IntConst(2, DTypes.I32), new Expr.IntConst(2, DTypes.I32), new Expr.IntConst(1, DTypes.I32));
        return new ThreadProgram(name, params, grid, 128, sharedBytes,
                new Seq(body), source(name, params));
    }

    /** Scalar expressions: every operator, conversion, bitcast, bit field, dtype and bit-trick node. */
    static ThreadProgram expressions() {
        List<Param> params = List.of(OUT, Param.scalar("n", DTypes.I32), Param.scalar("s", DTypes.F16),
                Param.scalar("flag", DTypes.BOOL), Param.scalar("big", DTypes.I64), Param.scalar("f", DTypes.F32),
                Param.scalar("q", DTypes.I3), Param.scalar("w8", DTypes.F8E4M3), Param.scalar("h", DTypes.U16));
        List<TStmt> b = new ArrayList<>();
        b.add(new Comment("every scalar expression kind"));
        b.add(new TStmt.Array("o", 2));
        Var n = v("n", I32), s = v("s", F32), fl = v("flag", PRED), big = v("big", I64), f = v("f", F32), q = v("q", I32);
        Var x = v("x", I32), y = v("y", U32), z = v("z", F32), d = v("d", F64), l = v("l", U64), p = v("p", PRED);
        b.add(new Let(x, bin(BOp.ADD, bin(BOp.MUL, tid(), i32(-3)), bin(BOp.ADD, n, new Convert(I32, new Un(UOp.NEG, tid()))))));
        b.add(new Let(y, bin(BOp.XOR, new Bitcast(U32, x), u32(0x9E3779B9L))));
        b.add(new Let(z, bin(BOp.ADD, bin(BOp.MUL, s, f), new Convert(F32, x))));
        b.add(new Let(d, bin(BOp.DIV, new Convert(F64, z), new Const(Double.doubleToRawLongBits(3.0), F64))));
        b.add(new Let(l, bin(BOp.SHL, new Convert(U64, y), new Const(33, U64))));
        b.add(new Let(p, bin(BOp.LAND, bin(BOp.LT, x, n), fl)));
        int w = 0;
        for (BOp op : BOp.values()) {
            if (op == BOp.LAND || op == BOp.LOR) {
                b.addAll(emit("o", w++, bin(op, p, bin(BOp.GE, z, f32(0.5f)))));
                continue;
            }
            b.addAll(emit("o", w++, bin(op, x, bin(BOp.OR, q, i32(1)))));
            b.addAll(emit("o", w++, bin(op, y, u32(7))));
            b.addAll(emit("o", w++, bin(op, big, new Convert(I64, x))));
            if ((op.ordinal() <= BOp.MAX.ordinal() && op != BOp.REM) || op.isPredicate()) {
                b.addAll(emit("o", w++, bin(op, z, f32(1.25f))));
                b.addAll(emit("o", w++, bin(op, d, new Const(Double.doubleToRawLongBits(-0.5), F64))));
            }
        }
        for (UOp op : UOp.values()) {
            switch (op) {
                case LNOT -> b.addAll(emit("o", w++, new Un(op, p)));
                case NOT -> {
                    b.addAll(emit("o", w++, new Un(op, x)));
                    b.addAll(emit("o", w++, new Un(op, l)));
                }
                case NEG, ABS -> {
                    b.addAll(emit("o", w++, new Un(op, x)));
                    b.addAll(emit("o", w++, new Un(op, big)));
                    b.addAll(emit("o", w++, new Un(op, z)));
                    b.addAll(emit("o", w++, new Un(op, d)));
                }
                default -> {
                    b.addAll(emit("o", w++, new Un(op, z)));
                    b.addAll(emit("o", w++, new Un(op, d)));
                }
            }
        }
        b.addAll(emit("o", w++, new Select(p, z, f32(Float.NaN))));
        b.addAll(emit("o", w++, new Select(bin(BOp.LOR, p, new Convert(PRED, z)), x, i32(Integer.MIN_VALUE))));
        for (ScalarType to : ScalarType.values()) {
            for (TExpr from : List.of(x, y, z, d, l, p, big)) b.addAll(emit("o", w++, new Convert(to, from)));
        }
        b.addAll(emit("o", w++, new Bitcast(F32, y)));
        b.addAll(emit("o", w++, new Bitcast(I32, z)));
        b.addAll(emit("o", w++, new Bitcast(F64, l)));
        b.addAll(emit("o", w++, new Bitcast(I64, d)));
        b.addAll(emit("o", w++, new Bitcast(U64, d)));
        b.addAll(emit("o", w++, new Bitcast(U32, x)));
        // bit fields of a 3-word array, straddling words, up to 64 bits
        b.add(new TStmt.Array("r", 4));
        b.add(new SetBits("r", 0, 32, y));
        b.add(new SetBits("r", 29, 7, bin(BOp.ADD, y, u32(5))));
        b.add(new SetBits("r", 40, 64, l));
        b.add(new SetBits("r", 110, 6, u32(0x2A)));
        b.addAll(emit("o", w++, new GetBits("r", 3, 5)));
        b.addAll(emit("o", w++, new GetBits("r", 28, 9)));
        b.addAll(emit("o", w++, new GetBits("r", 17, 64)));
        b.addAll(emit("o", w++, new GetBits("r", 64, 32)));
        b.addAll(emit("o", w++, new GetBits("r", 33, 40)));
        // dtypes
        TExpr code = new GetBits("r", 5, 8);
        for (DType t : List.of(DTypes.F4E2M1, DTypes.F8E4M3, DTypes.F8E5M2, DTypes.F16, DTypes.BF16, DTypes.F32, DTypes.I4,
                DTypes.U3, DTypes.I32, DTypes.U32, DTypes.BOOL, DTypes.F6E3M2)) {
            TExpr c = t.bits() == 32 ? new GetBits("r", 5, 32) : code;
            b.addAll(emit("o", w++, new Decode(t, c)));
            if (t.isFloat()) {
                for (Rounding r : Rounding.values()) {
                    b.addAll(emit("o", w++, new Encode(t, z, r)));
                    b.addAll(emit("o", w++, new Encode(t, d, r)));
                }
            } else {
                b.addAll(emit("o", w++, new Encode(t, x, Rounding.ARITH)));
            }
        }
        b.addAll(emit("o", w++, new Decode(DTypes.I64, new GetBits("r", 7, 64))));
        b.addAll(emit("o", w++, new Encode(DTypes.I64, big, Rounding.CAST)));
        DType[][] casts = {{DTypes.F16, DTypes.F4E2M1}, {DTypes.F8E5M2, DTypes.F8E4M3}, {DTypes.I8, DTypes.F4E2M1},
                {DTypes.I64, DTypes.F32}, {DTypes.F16, DTypes.I8}, {DTypes.U8, DTypes.I8}, {DTypes.I4, DTypes.I32},
                {DTypes.F32, DTypes.I64}, {DTypes.BF16, DTypes.F16}, {DTypes.U32, DTypes.BF16}, {DTypes.I64, DTypes.U4}};
        for (DType[] c : casts) {
            TExpr from = c[0].bits() == 64 ? new GetBits("r", 1, 64) : new GetBits("r", 9, c[0].bits());
            b.addAll(emit("o", w++, new CastCode(c[0], c[1], from)));
        }
        // bit tricks and packed halves
        b.addAll(emit("o", w++, new Lop3(y, new GetBits("r", 0, 32), u32(0x00F000F0L), 0xEA)));
        b.addAll(emit("o", w++, new Prmt(y, new Bitcast(U32, x), u32(0x5140))));
        for (H2Op op : H2Op.values()) {
            for (boolean bf : new boolean[] {false, true}) {
                TExpr c = op == H2Op.FMA ? new GetBits("r", 32, 32) : null;
                b.addAll(emit("o", w++, new Half2(op, bf, y, new GetBits("r", 0, 32), c)));
            }
        }
        b.addAll(emit("o", w++, new Convert(I32, new BlockIdx(0))));
        b.addAll(emit("o", w++, bin(BOp.ADD, new BlockIdx(1), new BlockIdx(2))));
        b.addAll(emit("o", w++, v("w8", F32)));
        b.addAll(emit("o", w++, v("h", I32)));
        b.add(new Printf("x=%d z=%f p=%d \"q\"\n", List.of(x, z, p), bin(BOp.EQ, tid(), i32(0))));
        return program("k_expressions", params, 0, b);
    }

    /** Loads and stores through every path: vector, typed, straddling, generic, predicated, shared and global. */
    static ThreadProgram memory() {
        List<TStmt> b = new ArrayList<>();
        TExpr g = gbit(0, 16);
        TExpr pr = bin(BOp.LT, tid(), i32(100));
        TExpr sbit = bin(BOp.MUL, tid(), i32(256));
        TStmt.Space G = TStmt.Space.GLOBAL, S = TStmt.Space.SHARED;
        // each load fills its own array, which is stored whole at the end, so no load is dead code
        record L(TStmt.Space space, int dst, int nbits, TExpr addr, int align, TExpr pred) {}
        List<L> loads = List.of(
                new L(G, 0, 128, g, 128, tru()),
                new L(G, 128, 64, bin(BOp.ADD, g, i64(128)), 64, pr),
                new L(G, 192, 32, bin(BOp.ADD, g, i64(192)), 32, pr),
                new L(G, 224, 16, bin(BOp.ADD, g, i64(224)), 16, tru()),
                new L(G, 216, 16, bin(BOp.ADD, g, i64(240)), 16, pr),                       // straddles words
                new L(G, 100, 8, bin(BOp.ADD, g, i64(256)), 8, tru()),
                new L(G, 3, 3, bin(BOp.ADD, g, new Convert(I64, tid())), 1, pr),            // 3 bits at any bit
                new L(G, 40, 100, bin(BOp.ADD, g, i64(300)), 4, tru()),                     // two chunks
                new L(G, 160, 64, bin(BOp.ADD, g, i64(8)), 8, pr),                          // byte-aligned only
                new L(G, 33, 128, bin(BOp.ADD, g, i64(512)), 128, pr),                      // vector, unaligned dst
                new L(S, 0, 128, bin(BOp.XOR, sbit, i32(256)), 128, tru()),
                new L(S, 128, 4, bin(BOp.ADD, sbit, i32(4)), 4, pr),
                new L(S, 140, 100, bin(BOp.ADD, sbit, i32(1)), 1, tru()));
        b.add(new TStmt.Array("a", 8));
        b.add(new Load(G, "a", 0, 128, "src", g, 128, tru()));
        b.add(new Load(G, "a", 128, 128, "src", bin(BOp.ADD, g, i64(128)), 128, tru()));
        b.add(new Store(S, "a", 0, 128, null, sbit, 128, tru()));
        b.add(new Store(S, "a", 128, 64, null, bin(BOp.ADD, sbit, i32(128)), 64, pr));
        b.add(new Store(S, "a", 7, 32, null, bin(BOp.ADD, sbit, i32(192)), 32, tru()));
        b.add(new Store(S, "a", 50, 16, null, bin(BOp.ADD, sbit, i32(224)), 16, pr));
        b.add(new Store(S, "a", 60, 8, null, bin(BOp.ADD, sbit, i32(240)), 8, tru()));
        b.add(new Store(S, "a", 61, 5, null, bin(BOp.ADD, sbit, i32(249)), 1, pr));                // partial bytes
        b.add(new BarSync());
        for (int i = 0; i < loads.size(); i++) {
            L l = loads.get(i);
            b.add(new TStmt.Array("l" + i, 8));
            // global loads read past the words "a" came from, so that the compiler cannot reuse those loads
            TExpr addr = l.space() == G ? bin(BOp.ADD, l.addr(), i64(8192)) : l.addr();
            b.add(new Load(l.space(), "l" + i, l.dst(), l.nbits(), l.space() == G ? "src" : null, addr, l.align(), l.pred()));
        }
        for (int i = 0; i < loads.size(); i++) {
            TExpr at = bin(BOp.ADD, g, i64(1024 + 256L * i));
            b.add(new Store(G, "l" + i, 0, 128, "out", at, 128, tru()));
            b.add(new Store(G, "l" + i, 128, 128, "out", bin(BOp.ADD, at, i64(128)), 128, tru()));
        }
        b.add(new Store(G, "a", 0, 128, "out", g, 128, pr));
        b.add(new Store(G, "a", 3, 64, "out", bin(BOp.ADD, g, i64(128)), 64, tru()));
        b.add(new Store(G, "a", 100, 3, "out", bin(BOp.ADD, g, i64(197)), 1, tru()));             // inside one byte
        b.add(new Store(G, "a", 20, 90, "out", bin(BOp.ADD, g, i64(203)), 1, pr));                // 2 chunks, partial ends
        b.add(new Store(G, "a", 130, 24, "out", bin(BOp.ADD, g, i64(296)), 8, tru()));            // whole bytes
        b.add(new Store(G, "a", 160, 16, "out", bin(BOp.ADD, g, i64(320)), 16, tru()));
        b.add(new Store(G, "a", 170, 8, "out", bin(BOp.ADD, g, i64(336)), 8, pr));
        return program("k_memory", List.of(OUT, IN), 128 * 32 + 64, b);
    }

    /** cp.async, ldmatrix, every mma.sync shape and type, shuffles, barriers. */
    static ThreadProgram tensorCore() {
        List<TStmt> b = new ArrayList<>();
        TExpr lane = bin(BOp.AND, tid(), i32(31));
        TExpr s16 = bin(BOp.MUL, tid(), i32(16));
        b.add(new Comment("stage 16 bytes per thread, then 4 + 8 bytes"));
        b.add(new CpAsync(s16, "src", new Convert(I64, s16), 16, i32(16), tru()));
        b.add(new CpAsync(bin(BOp.ADD, s16, i32(2048)), "src", new Convert(I64, bin(BOp.ADD, s16, i32(2048))), 8,
                new Select(bin(BOp.LT, tid(), i32(64)), i32(8), i32(0)), tru()));
        b.add(new CpAsync(bin(BOp.ADD, s16, i32(4096)), "src", i64(4096), 4, i32(4), bin(BOp.LT, tid(), i32(96))));
        b.add(new CpAsyncCommit());
        b.add(new CpAsyncWait(1));
        b.add(new CpAsyncWait(0));
        b.add(new BarSync());
        b.add(new TStmt.Array("fa", 4));
        b.add(new TStmt.Array("fb", 2));
        b.add(new TStmt.Array("acc", 4));
        b.add(new TStmt.Array("iacc", 4));
        TExpr row = bin(BOp.MUL, lane, i32(16));
        b.add(new Ldmatrix("fa", 0, 4, false, row));
        b.add(new Ldmatrix("fb", 0, 2, true, bin(BOp.ADD, row, i32(512))));
        b.add(new Ldmatrix("fb", 1, 1, false, bin(BOp.ADD, row, i32(1024))));
        DType f32 = DTypes.F32, i32 = DTypes.I32;
        b.add(new Mma(MmaShape.M16N8K16, DTypes.F16, f32, "acc", 0, "fa", 0, "fb", 0, "acc", 0));
        b.add(new Mma(MmaShape.M16N8K16, DTypes.BF16, f32, "acc", 0, "fa", 0, "fb", 0, "acc", 0));
        b.add(new Mma(MmaShape.M16N8K8, DTypes.F16, f32, "acc", 0, "fa", 2, "fb", 1, "acc", 0));
        b.add(new Mma(MmaShape.M16N8K8, DTypes.BF16, f32, "acc", 0, "fa", 0, "fb", 0, "acc", 0));
        b.add(new Mma(MmaShape.M16N8K32, DTypes.I8, i32, "iacc", 0, "fa", 0, "fb", 0, "iacc", 0));
        b.add(new Mma(MmaShape.M16N8K32, DTypes.U8, i32, "iacc", 0, "fa", 0, "fb", 0, "iacc", 0));
        int w = 0;
        b.add(new TStmt.Array("o", 1));
        for (ShflMode m : ShflMode.values()) {
            Var dst = v("sh_" + m.name().toLowerCase(), U32);
            b.add(new Shfl(dst, m, new GetBits("acc", 32 * m.ordinal(), 32), m == ShflMode.IDX ? bin(BOp.XOR, lane, i32(5)) : i32(1)));
            b.addAll(emit("o", w++, dst));
        }
        b.add(new Shfl(v("shf", U32), ShflMode.BFLY, new Bitcast(F32, new GetBits("acc", 0, 32)), i32(16)));
        b.addAll(emit("o", w++, v("shf", U32)));
        for (int i = 0; i < 4; i++) {
            b.addAll(emit("o", w++, new GetBits("acc", 32 * i, 32)));
            b.addAll(emit("o", w++, new GetBits("iacc", 32 * i, 32)));
        }
        return program("k_tensor_core", List.of(OUT, IN), 8192, b);
    }

    /** Loops (each unroll mode), branches, while/break, nested scopes and split-K semaphores. */
    static ThreadProgram control() {
        List<TStmt> b = new ArrayList<>();
        Var acc = v("acc", U32), i = v("i", I32), j = v("j", I32), k = v("k", I32), it = v("it", I32);
        Var n = v("n", I32);
        b.add(new Let(acc, u32(1)));
        b.add(new For(i, n, 0, TStmt.seq(new Assign(acc, bin(BOp.MUL, acc, u32(3))))));
        b.add(new For(j, i32(4), -1, new Assign(acc, bin(BOp.ADD, acc, new Bitcast(U32, j)))));
        b.add(new For(k, i32(16), 2, TStmt.seq(
                new If(bin(BOp.EQ, bin(BOp.AND, k, i32(1)), i32(0)),
                        new Assign(acc, bin(BOp.XOR, acc, u32(0x55))),
                        new Assign(acc, bin(BOp.SHR, acc, u32(1)))))));
        b.add(new Let(it, i32(0)));
        b.add(new While(bin(BOp.LT, it, n), TStmt.seq(
                new Assign(it, bin(BOp.ADD, it, i32(1))),
                new If(bin(BOp.GT, it, i32(100)), new Break(), null))));
        b.add(TStmt.seq(new Let(v("inner", I32), it), new Assign(acc, bin(BOp.ADD, acc, new Bitcast(U32, v("inner", I32))))));
        TExpr first = bin(BOp.EQ, tid(), i32(0));
        TExpr sem = new Convert(I64, bin(BOp.MUL, new BlockIdx(0), i32(4)));
        b.add(new AtomicWait("sem", sem, new BlockIdx(1), first));
        b.add(new BarSync());
        b.add(new TStmt.Array("o", 1));
        b.addAll(emit("o", 0, acc));
        b.add(new BarSync());
        b.add(new AtomicStore("sem", sem, bin(BOp.ADD, new BlockIdx(1), i32(1)), first));
        return program("k_control", List.of(OUT, Param.pointer("sem", DTypes.I32), Param.scalar("n", DTypes.I32)), 0, b);
    }

    static List<ThreadProgram> all() { return List.of(expressions(), memory(), tensorCore(), control()); }
}
