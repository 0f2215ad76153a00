package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.TExpr.BOp.*;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import java.util.List;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.spec.dtype.DTypes;

/** Well-formed thread-level programs used by several tests. */
final class Samples {
    private Samples() {}

    static final Var LANE = i("lane"), WARP = i("warp"), KT = i("kt"), S = v("s", ScalarType.F32), O = i("o"),
            R = u("r"), X = u("x"), G = v("g", ScalarType.I64), CNT = i("cnt"), H = u("h"), Q = u("q");

    /**
     * A warp-tiled f16 mma loop with cp.async staging, ldmatrix, a shuffle reduction, a store,
     * and one use of every other statement and expression kind.
     */
    static ThreadProgram kitchenSink() {
        return prog(
                new Comment("acc = dot(a, b, acc)"),
                array("acc", 4), array("fa", 4), array("fb", 2),
                let(WARP, bin(DIV, TID, TExpr.i32(32))),
                let(LANE, bin(REM, TID, TExpr.i32(32))),
                let(G, new Convert(ScalarType.I64, bin(MUL, new BlockIdx(0), TExpr.i32(2048)))),
                new For(KT, bin(DIV, n, TExpr.i32(16)), 2, TStmt.seq(
                        new CpAsync(bin(MUL, TID, TExpr.i32(16)), "a",
                                bin(ADD, G, new Convert(ScalarType.I64, bin(MUL, TID, TExpr.i32(16)))), 16,
                                TExpr.i32(16), bin(LT, TID, TExpr.i32(128))),
                        new CpAsyncCommit(),
                        new CpAsyncWait(0),
                        new BarSync(),
                        new Ldmatrix("fa", 0, 4, false, bin(MUL, LANE, TExpr.i32(16))),
                        new Ldmatrix("fb", 0, 2, true,
                                bin(ADD, TExpr.i32(2048), bin(MUL, bin(REM, LANE, TExpr.i32(16)), TExpr.i32(16)))),
                        new Mma(MmaShape.M16N8K16, DTypes.F16, DTypes.F32, "acc", 0, "fa", 0, "fb", 0, "acc", 0),
                        new BarSync())),
                let(S, new Bitcast(ScalarType.F32, new GetBits("acc", 0, 32))),
                new For(O, TExpr.i32(5), -1, TStmt.seq(
                        let(X, new Bitcast(ScalarType.U32, S)),
                        new Shfl(R, ShflMode.BFLY, X, bin(SHL, TExpr.i32(1), O)),
                        set(S, bin(ADD, S, new Bitcast(ScalarType.F32, R))))),
                array("out", 1),
                new SetBits("out", 0, 32, new Bitcast(ScalarType.U32, bin(MUL, S, scale))),
                new Store(Space.GLOBAL, "out", 0, 32, "c",
                        bin(MUL, new Convert(ScalarType.I64, new BlockIdx(0)), TExpr.i64(32)), 32,
                        bin(EQ, LANE, TExpr.i32(0))),
                new Store(Space.SHARED, "out", 0, 16, null, bin(MUL, TID, TExpr.i32(16)), 16, TRUE),
                ldShared("out", 16, 16, TExpr.i32(64), 16),
                let(CNT, TExpr.i32(0)),
                new While(bin(LT, CNT, n), TStmt.seq(
                        set(CNT, bin(ADD, CNT, TExpr.i32(1))),
                        new If(bin(LAND, flag, bin(GE, CNT, TExpr.i32(3))), TStmt.seq(new Break()), null))),
                new If(bin(NE, k, TExpr.i32(0)),
                        TStmt.seq(let(H, new Half2(H2Op.FMA, false, new GetBits("out", 0, 32), TExpr.u32(0x3C003C00L),
                                new Lop3(TExpr.u32(1), TExpr.u32(2), new GetBits("out", 0, 32), 0x96)))),
                        TStmt.seq(let(H, new Prmt(TExpr.u32(0x01234567L), TExpr.u32(0x89ABCDEFL), TExpr.u32(0x3210))))),
                let(Q, new Encode(DTypes.F8E4M3, new Decode(DTypes.F16, new CastCode(DTypes.F32, DTypes.F16,
                        new GetBits("acc", 32, 32))), Rounding.CAST)),
                let(v("m", ScalarType.F32), new Select(flag, new Un(UOp.SQRT, scale), new Un(UOp.NEG, scale))),
                new Printf("lane %d: %f\n", List.of(LANE, S), bin(EQ, TID, TExpr.i32(0))),
                new AtomicWait("c", TExpr.i64(0), TExpr.i32(1), bin(EQ, TID, TExpr.i32(0))),
                new AtomicStore("c", TExpr.i64(4), TExpr.u32(2), bin(EQ, TID, TExpr.i32(0))));
    }
}
