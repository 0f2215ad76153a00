package org.tilevm.codegen.ptx.tir;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.UOp;

/**
 * Which operand types each operator of {@link TExpr.Bin} and {@link TExpr.Un} accepts, as data.
 * Both operands of a binary operator have this type; the result is the operand type, or
 * {@code PRED} for comparisons and {@code &&}/{@code ||}.
 */
final class OperandTypes {
    private OperandTypes() {}

    /** A set of scalar types, with the words messages use for it. */
    enum Accepts {
        INTEGER("an integer type (i32, u32, i64, u64)", ScalarType::isInteger),
        BITS("an integer type or pred", t -> t == ScalarType.PRED || t.isInteger()),
        NUMERIC("an integer or float type", t -> t != ScalarType.PRED),
        SIGNED("a signed type (i32, i64, f32, f64)", t -> t != ScalarType.PRED && t.isSigned()),
        FLOAT("a float type (f32, f64)", ScalarType::isFloat),
        PRED("pred", t -> t == ScalarType.PRED),
        ANY("any type", t -> true);

        final String description;
        private final Predicate<ScalarType> test;

        Accepts(String description, Predicate<ScalarType> test) {
            this.description = description;
            this.test = test;
        }

        boolean test(ScalarType t) { return t != null && test.test(t); }
    }

    private static final Map<BOp, Accepts> BINARY = new EnumMap<>(BOp.class);
    private static final Map<UOp, Accepts> UNARY = new EnumMap<>(UOp.class);

    static {
        for (BOp op : new BOp[] {BOp.ADD, BOp.SUB, BOp.MUL, BOp.DIV, BOp.MIN, BOp.MAX, BOp.LT, BOp.LE, BOp.GT, BOp.GE}) {
            BINARY.put(op, Accepts.NUMERIC);
        }
        // % truncates like integer division; floats would need fmod, which the IR does not name
        for (BOp op : new BOp[] {BOp.REM, BOp.SHL, BOp.SHR}) BINARY.put(op, Accepts.INTEGER);
        // on PRED the bitwise operators are the logical ones (the simulator and printer agree)
        for (BOp op : new BOp[] {BOp.AND, BOp.OR, BOp.XOR}) BINARY.put(op, Accepts.BITS);
        BINARY.put(BOp.EQ, Accepts.ANY);
        BINARY.put(BOp.NE, Accepts.ANY);
        BINARY.put(BOp.LAND, Accepts.PRED);
        BINARY.put(BOp.LOR, Accepts.PRED);

        UNARY.put(UOp.NEG, Accepts.NUMERIC);
        UNARY.put(UOp.ABS, Accepts.SIGNED);
        UNARY.put(UOp.NOT, Accepts.BITS);
        UNARY.put(UOp.LNOT, Accepts.PRED);
        for (UOp op : new UOp[] {UOp.SQRT, UOp.RSQRT, UOp.EXP, UOp.LOG}) UNARY.put(op, Accepts.FLOAT);
        if (BINARY.size() != BOp.values().length || UNARY.size() != UOp.values().length) {
            throw new IllegalStateException("an operator has no operand-type rule");
        }
    }

    static Accepts binary(BOp op) { return BINARY.get(op); }

    static Accepts unary(UOp op) { return UNARY.get(op); }
}
