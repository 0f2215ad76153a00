package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.TExpr.BOp.*;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.spec.dtype.DTypes;

/** Expression typing rules: each has a failing example whose message names the place and the reason. */
class TirVerifierExprTest {

    /** {@code let name: t = e} after a two-word array {@code r}; the error is at body[1]. */
    private static void bad(ScalarType t, TExpr e, String... reason) {
        expect(prog(array("r", 2), let(v("e", t), e)), "body[1]", "let", reason);
    }

    @Test
    void binaryOperandsHaveOneTypeValidForTheOperator() {
        bad(ScalarType.I32, bin(ADD, n, TExpr.u32(1)), "`n + 1u`: the operands of + have different types i32 and u32");
        bad(ScalarType.F32, bin(AND, scale, scale), "`scale & scale`: & takes an integer type or pred, not f32");
        bad(ScalarType.F32, bin(SHL, scale, scale), "<< takes an integer type (i32, u32, i64, u64), not f32");
        bad(ScalarType.PRED, bin(SHR, flag, flag), ">> takes an integer type (i32, u32, i64, u64), not pred");
        bad(ScalarType.F32, bin(REM, scale, scale), "% takes an integer type");
        bad(ScalarType.PRED, bin(LAND, n, n), "`n && n`: && takes pred, not i32");
        bad(ScalarType.PRED, bin(LOR, scale, scale), "|| takes pred, not f32");
        bad(ScalarType.PRED, bin(LT, flag, flag), "< takes an integer or float type, not pred");
        bad(ScalarType.PRED, bin(ADD, flag, flag), "+ takes an integer or float type, not pred");
        bad(ScalarType.I32, new Bin(null, n, n), "the operator is missing");
    }

    @Test
    void unaryOperators() {
        bad(ScalarType.F32, new Un(UOp.NOT, scale), "`~scale`: NOT takes an integer type or pred, not f32");
        bad(ScalarType.I32, new Un(UOp.LNOT, n), "`!n`: LNOT takes pred, not i32");
        bad(ScalarType.I32, new Un(UOp.SQRT, n), "`sqrt(n)`: SQRT takes a float type (f32, f64), not i32");
        bad(ScalarType.U32, new Un(UOp.ABS, TExpr.u32(3)), "`abs(3u)`: ABS takes a signed type (i32, i64, f32, f64), not u32");
        bad(ScalarType.PRED, new Un(UOp.NEG, flag), "NEG takes an integer or float type, not pred");
    }

    @Test
    void selectAndLaunchIndices() {
        bad(ScalarType.I32, new Select(n, n, n), "`n ? n : n`: cond must be pred, not i32");
        bad(ScalarType.I32, new Select(flag, n, TExpr.u32(0)), "the alternatives have different types i32 and u32");
        bad(ScalarType.I32, new BlockIdx(1), "`blockIdx.y`: axis 1 is outside the grid's 1 axes");
    }

    @Test
    void registerArrayBits() {
        bad(ScalarType.U32, new GetBits("r", 40, 32), "bits [40, 72) are outside register array 'r' (2 words = 64 bits)");
        bad(ScalarType.U32, new GetBits("q", 0, 8), "register array 'q' is not declared in an enclosing scope");
        expect(prog(let(u("x"), TExpr.u32(0)), let(u("y"), new GetBits("x", 0, 8))), "body[1]", "let",
                "'x' is a let variable (at body[0]), not a register array");
    }

    @Test
    void codes() {
        bad(ScalarType.F32, new Decode(DTypes.F16, n), "`decode.f16(n)`: code must be u32 or u64, not i32");
        bad(ScalarType.I64, new Decode(DTypes.I64, TExpr.u32(1)), "code of type u32 is too narrow for i64 codes (64 bits)");
        bad(ScalarType.U32, new Encode(DTypes.F16, n, Rounding.CAST), "`encode.f16.cast(n)`: value must be f32 or f64, not i32");
        bad(ScalarType.U32, new Encode(DTypes.F16, scale, null), "a float encoding needs a rounding");
        bad(ScalarType.U32, new Encode(DTypes.I8, scale, null), "value must be i32 or u32 or i64 or u64, not f32");
        bad(ScalarType.U32, new CastCode(DTypes.F16, DTypes.F32, scale), "code must be u32 or u64, not f32");
        bad(ScalarType.U32, new Decode(null, TExpr.u32(0)), "dtype is missing");
    }

    @Test
    void bitTricks() {
        bad(ScalarType.U32, new Lop3(TExpr.u32(1), scale, TExpr.u32(2), 0xE8), "b must be u32 or i32, not f32");
        bad(ScalarType.U32, new Prmt(TExpr.u32(1), TExpr.u32(2), flag), "selector must be u32 or i32, not pred");
        bad(ScalarType.U32, new Half2(H2Op.FMA, false, TExpr.u32(1), TExpr.u32(2), null),
                "`f16x2.fma(1u, 2u)`: operand c is missing (null)");
        bad(ScalarType.U32, new Half2(H2Op.ADD, true, TExpr.u32(1), TExpr.u32(2), TExpr.u32(3)),
                "operand c is only for FMA (it must be null for ADD)");
        bad(ScalarType.U32, new Half2(H2Op.MUL, false, n, TExpr.u32(2), null), "a must be u32, not i32");
    }

    @Test
    void missingOperandsAndOneErrorPerMistake() {
        bad(ScalarType.I32, bin(ADD, n, null), "`n + <null>`: operand b is missing (null)");
        // the innermost mistake is reported once; the nodes above it are not checked
        bad(ScalarType.I32, bin(MUL, bin(ADD, n, bin(SUB, n, scale)), n), "`n - scale`: the operands of - have different types");
    }
}
