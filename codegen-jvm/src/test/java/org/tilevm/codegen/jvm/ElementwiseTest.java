package org.tilevm.codegen.jvm;

import static org.tilevm.codegen.jvm.Differential.args;
import static org.tilevm.spec.dtype.DTypes.BOOL;
import static org.tilevm.spec.dtype.DTypes.F32;
import static org.tilevm.spec.dtype.DTypes.I32;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
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
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.UnaryOp;

/**
 * unary, binary (same layout, a broadcast row, a broadcast column as either operand), binary_scalar and where, for every dtype: one program
 * per dtype computes every operator the dtype accepts on random codes (all bit patterns: NaN,
 * infinities, subnormals, extremes), over a ragged 21x13 matrix in 16x8 tiles (so tiles are
 * partly outside), and the JVM backend must write exactly the interpreter's bits.
 */
class ElementwiseTest {
    static final int M = 21, N = 13;
    static final RegisterLayout TILE = Layouts.spatial(8, 4).local(2, 2);          // [16, 8], 32 threads
    static final RegisterLayout ROW = TILE.reduce(new int[] {0}, true);            // [1, 8]: broadcast along rows
    static final RegisterLayout COL = TILE.reduce(new int[] {1}, true);            // [16, 1]: broadcast along columns

    static Stream<DType> dtypes() { return DTypes.all().stream(); }

    static List<UnaryOp> unaryOps(DType t) {
        List<UnaryOp> out = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (t.isFloat() ? !op.isIntegerOnly() : !op.isFloatOnly()) out.add(op);
        }
        return out;
    }

    static List<BinaryOp> binaryOps(DType t) {
        List<BinaryOp> out = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            if (t.isFloat() && op.isIntegerOnly()) continue;
            if ((op == BinaryOp.AND || op == BinaryOp.OR) && !t.equals(BOOL)) continue;
            out.add(op);
        }
        return out;
    }

    /** Every operator on x and z (and on a broadcast row of z, and with scalar s), each into its own output. */
    static Program program(DType t, DType scalarType) {
        return Kernel.build("ew_" + t.name(), k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32), s = k.param("s", scalarType);
            Pointer x = k.pointer("x", t), z = k.pointer("z", t);
            Map<String, Pointer> outs = new LinkedHashMap<>();
            for (UnaryOp op : unaryOps(t)) outs.put("u_" + op.name().toLowerCase(), k.pointer("u_" + op.name().toLowerCase(), t));
            for (BinaryOp op : binaryOps(t)) {
                DType r = op.isComparison() ? BOOL : t;
                String name = op.name().toLowerCase();
                outs.put("b_" + name, k.pointer("b_" + name, r));
                outs.put("r_" + name, k.pointer("r_" + name, r));
                outs.put("s_" + name, k.pointer("s_" + name, r));
                outs.put("c_" + name, k.pointer("c_" + name, r));
                outs.put("d_" + name, k.pointer("d_" + name, r));
            }
            Pointer w = k.pointer("w", t);
            k.warps(1);
            k.grid(m.ceilDiv(16), n.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(16), c0 = k.blockIdx(1).times(8);
            GlobalTensor gx = k.globalView(x, m, n), gz = k.globalView(z, m, n);
            RegisterTensor a = k.loadGlobal(gx, TILE, r0, c0), b = k.loadGlobal(gz, TILE, r0, c0);
            RegisterTensor row = k.loadGlobal(gz, ROW, r0, c0), col = k.loadGlobal(gz, COL, r0, c0);
            // integer divisors: elements outside the matrix load as 0, so divide by (b | 1)
            RegisterTensor bd = t.isInteger() ? b.bitOr(1) : b, rowd = t.isInteger() ? row.bitOr(1) : row;
            RegisterTensor cold = t.isInteger() ? col.bitOr(1) : col, ad = t.isInteger() ? a.bitOr(1) : a;
            for (UnaryOp op : unaryOps(t)) {
                k.storeGlobal(k.unary(op, a), k.globalView(outs.get("u_" + op.name().toLowerCase()), m, n), r0, c0);
            }
            for (BinaryOp op : binaryOps(t)) {
                String name = op.name().toLowerCase();
                boolean div = op == BinaryOp.DIV || op == BinaryOp.MOD;
                k.storeGlobal(k.binary(op, a, div ? bd : b), k.globalView(outs.get("b_" + name), m, n), r0, c0);
                k.storeGlobal(k.binary(op, a, div ? rowd : row), k.globalView(outs.get("r_" + name), m, n), r0, c0);
                k.storeGlobal(k.binary(op, a, s), k.globalView(outs.get("s_" + name), m, n), r0, c0);
                // a column broadcast along the rows, as either operand
                k.storeGlobal(k.binary(op, a, div ? cold : col), k.globalView(outs.get("c_" + name), m, n), r0, c0);
                k.storeGlobal(k.binary(op, col, div ? ad : a), k.globalView(outs.get("d_" + name), m, n), r0, c0);
            }
            k.storeGlobal(k.where(k.binary(BinaryOp.LT, a, b), a, b), k.globalView(w, m, n), r0, c0);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void everyOperatorMatchesTheInterpreter(DType t) {
        DType scalarType = t.isFloat() ? F32 : I32;
        Program p = program(t, scalarType);
        Random rnd = new Random(1000 + t.hashCode());
        Map<String, byte[]> mem = new LinkedHashMap<>();
        for (var param : p.params()) {
            if (!param.pointer()) continue;
            boolean divisor = param.name().equals("z"); // integer division by zero is tested elsewhere
            mem.put(param.name(), Differential.codes(rnd, param.dtype(), M * N, divisor && t.isInteger()));
        }
        Object s = t.isFloat() ? (Object) (float) (rnd.nextGaussian() * 3) : (Object) (2 * rnd.nextInt(100) + 3); // odd: nonzero in every width
        Differential.checkOk(p, args("m", M, "n", N, "s", s), mem);
    }

    /**
     * f32 add/sub/mul/div on wide rows ([4, 40] tiles over a ragged 9 x 83 matrix: whole vectors of
     * 8 or 16 lanes and a scalar tail), each operand contiguous or broadcast (a row, a column, on
     * either side): the vectorized rows of the JVM backend against the interpreter, all bit patterns.
     */
    @org.junit.jupiter.api.Test
    void wideF32RowsMatchTheInterpreter() {
        RegisterLayout wide = Layouts.spatial(4, 8).local(1, 5);
        RegisterLayout wideRow = wide.reduce(new int[] {0}, true), wideCol = wide.reduce(new int[] {1}, true);
        BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV};
        Program p = Kernel.build("wide_f32", k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer x = k.pointer("x", F32), z = k.pointer("z", F32);
            Map<String, Pointer> outs = new LinkedHashMap<>();
            for (BinaryOp op : ops) {
                for (String form : new String[] {"tt", "tr", "rt", "tc", "ct"}) {
                    outs.put(form + "_" + op.name().toLowerCase(), k.pointer(form + "_" + op.name().toLowerCase(), F32));
                }
            }
            k.warps(1);
            k.grid(m.ceilDiv(4), n.ceilDiv(40));
            Scalar r0 = k.blockIdx(0).times(4), c0 = k.blockIdx(1).times(40);
            GlobalTensor gx = k.globalView(x, m, n), gz = k.globalView(z, m, n);
            RegisterTensor a = k.loadGlobal(gx, wide, r0, c0), b = k.loadGlobal(gz, wide, r0, c0);
            RegisterTensor row = k.loadGlobal(gz, wideRow, r0, c0), col = k.loadGlobal(gz, wideCol, r0, c0);
            for (BinaryOp op : ops) {
                String name = op.name().toLowerCase();
                k.storeGlobal(k.binary(op, a, b), k.globalView(outs.get("tt_" + name), m, n), r0, c0);
                k.storeGlobal(k.binary(op, a, row), k.globalView(outs.get("tr_" + name), m, n), r0, c0);
                k.storeGlobal(k.binary(op, row, a), k.globalView(outs.get("rt_" + name), m, n), r0, c0);
                k.storeGlobal(k.binary(op, a, col), k.globalView(outs.get("tc_" + name), m, n), r0, c0);
                k.storeGlobal(k.binary(op, col, a), k.globalView(outs.get("ct_" + name), m, n), r0, c0);
            }
        });
        int m = 9, n = 83;
        Random rnd = new Random(1300);
        Map<String, byte[]> mem = new LinkedHashMap<>();
        for (var param : p.params()) {
            if (param.pointer()) mem.put(param.name(), Differential.codes(rnd, F32, m * n, false));
        }
        Differential.checkOk(p, args("m", m, "n", n), mem);
    }

    /** Integer operations where divisors include zero: the run fails with the interpreter's message. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("integerTypes")
    void divisionByZeroFailsLikeTheInterpreter(DType t) {
        Program p = Kernel.build("div0", k -> {
            ScalarParam m = k.param("m", I32), n = k.param("n", I32);
            Pointer x = k.pointer("x", t), z = k.pointer("z", t), y = k.pointer("y", t);
            k.warps(1);
            k.grid(m.ceilDiv(16), n.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(16), c0 = k.blockIdx(1).times(8);
            RegisterTensor a = k.loadGlobal(k.globalView(x, m, n), TILE, r0, c0);
            RegisterTensor b = k.loadGlobal(k.globalView(z, m, n), TILE, r0, c0);
            k.storeGlobal(a.mod(b).plus(a.div(b)), k.globalView(y, m, n), r0, c0);
        });
        Random rnd = new Random(7 + t.hashCode());
        byte[] zs = Differential.codes(rnd, t, M * N, true);
        org.tilevm.spec.dtype.BitPacking.set(java.lang.foreign.MemorySegment.ofArray(zs), 3 * N + 5, t.bits(), 0);
        Differential.Outcome o = Differential.check(p, args("m", M, "n", N),
                Map.of("x", Differential.random(rnd, t, M * N), "z", zs, "y", Differential.random(rnd, t, M * N)));
        org.junit.jupiter.api.Assertions.assertNotNull(o.error(), "a zero divisor must fail");
    }

    /**
     * f16 and bf16 compute in float (see {@code Half}: exact by the double-rounding bound) and bf16
     * division in double: many random code pairs, including subnormal results, must round as the
     * interpreter's double arithmetic does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("halfTypes")
    void halfPrecisionArithmeticOnManyPairs(DType t) {
        int m = 256, n = 256;
        Program p = Kernel.build("half_" + t.name(), k -> {
            ScalarParam mm = k.param("m", I32), nn = k.param("n", I32);
            Pointer x = k.pointer("x", t), z = k.pointer("z", t);
            Map<BinaryOp, Pointer> outs = new LinkedHashMap<>();
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV}) {
                outs.put(op, k.pointer("y_" + op.name().toLowerCase(), t));
            }
            Pointer q = k.pointer("q", t);
            k.warps(1);
            k.grid(mm.ceilDiv(16), nn.ceilDiv(8));
            Scalar r0 = k.blockIdx(0).times(16), c0 = k.blockIdx(1).times(8);
            RegisterTensor a = k.loadGlobal(k.globalView(x, mm, nn), TILE, r0, c0);
            RegisterTensor b = k.loadGlobal(k.globalView(z, mm, nn), TILE, r0, c0);
            outs.forEach((op, ptr) -> k.storeGlobal(k.binary(op, a, b), k.globalView(ptr, mm, nn), r0, c0));
            k.storeGlobal(a.abs().sqrt().plus(b.exp()).minus(a.rsqrt()), k.globalView(q, mm, nn), r0, c0);
        });
        Random rnd = new Random(1200 + t.hashCode());
        Map<String, byte[]> mem = new LinkedHashMap<>();
        for (var param : p.params()) {
            if (param.pointer()) mem.put(param.name(), Differential.random(rnd, t, m * n));
        }
        Differential.checkOk(p, args("m", m, "n", n), mem);
    }

    static Stream<DType> halfTypes() { return Stream.of(DTypes.F16, DTypes.BF16); }

    static Stream<DType> integerTypes() { return DTypes.all().stream().filter(DType::isInteger); }
}
