package org.tilevm.codegen.ptx.tir;

import java.util.Objects;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.IntType;

/**
 * A per-thread scalar expression of the thread-level program. Every node is pure: it reads
 * variables, register arrays and launch indices and computes a {@link ScalarType} value; memory
 * and warp operations are statements ({@link TStmt}). The semantics of each node is on its record;
 * the simulator and the CUDA printer implement exactly that.
 */
public sealed interface TExpr permits TExpr.Const, TExpr.Var, TExpr.ThreadIdx, TExpr.BlockIdx, TExpr.Bin,
        TExpr.Un, TExpr.Select, TExpr.Convert, TExpr.Bitcast, TExpr.GetBits, TExpr.Decode, TExpr.Encode,
        TExpr.CastCode, TExpr.Lop3, TExpr.Prmt, TExpr.Half2 {

    ScalarType type();

    /**
     * A constant. {@code bits} is the value's bit pattern: the integer (two's complement) for
     * integer types, 0/1 for {@code PRED}, {@code Float.floatToRawIntBits} / {@code
     * Double.doubleToRawLongBits} for floats.
     */
    record Const(long bits, ScalarType type) implements TExpr {
        public Const {
            Objects.requireNonNull(type);
            if (type.bits() == 32 && !type.isFloat()) bits = type.isSigned() ? (int) bits : bits & 0xFFFF_FFFFL;
            if (type == ScalarType.F32) bits &= 0xFFFF_FFFFL;
            if (type == ScalarType.PRED && bits != 0 && bits != 1) throw new IllegalArgumentException("PRED constant " + bits);
        }

        public long longValue() { return bits; }
    }

    /**
     * A scalar variable: a per-thread variable declared by {@link TStmt.Let} or {@link TStmt.For},
     * or a scalar kernel parameter (same name as the {@code Param}).
     */
    record Var(String name, ScalarType type) implements TExpr {
        public Var {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
        }
    }

    /** {@code threadIdx.x} as {@code I32}, in [0, numThreads). */
    record ThreadIdx() implements TExpr {
        public ScalarType type() { return ScalarType.I32; }
    }

    /** {@code blockIdx.x/y/z} as {@code I32}. */
    record BlockIdx(int axis) implements TExpr {
        public ScalarType type() { return ScalarType.I32; }
    }

    /**
     * {@code a op b}; both operands have the same type. Integer arithmetic wraps at the type's
     * width (C semantics for unsigned, two's complement for signed); {@code DIV}/{@code REM}
     * truncate toward zero; shift counts are taken modulo the width; {@code SHR} is arithmetic for
     * signed types. Float arithmetic is IEEE round-to-nearest-even in the type, never contracted
     * into fused multiply-adds. Comparisons and {@code LAND}/{@code LOR} give {@code PRED}.
     */
    record Bin(BOp op, TExpr a, TExpr b) implements TExpr {
        public ScalarType type() { return op.isPredicate() ? ScalarType.PRED : a.type(); }
    }

    /** {@code op a}; see {@link UOp}. */
    record Un(UOp op, TExpr a) implements TExpr {
        public ScalarType type() { return a.type(); }
    }

    /** {@code cond ? a : b} ({@code cond} is {@code PRED}, {@code a} and {@code b} have the same type). */
    record Select(TExpr cond, TExpr a, TExpr b) implements TExpr {
        public ScalarType type() { return a.type(); }
    }

    /**
     * Numeric conversion between scalar types: integer to integer truncates or extends (by the
     * source's signedness); integer to float and F64 to F32 round to nearest even; F32 to F64 is
     * exact; float to integer truncates toward zero, saturating, NaN to 0; PRED converts as 0/1
     * and a value converts to PRED as {@code != 0}.
     */
    record Convert(ScalarType type, TExpr a) implements TExpr {}

    /** The same bits read as another type of the same width (e.g. U32 &lt;-&gt; F32, I32 &lt;-&gt; U32). */
    record Bitcast(ScalarType type, TExpr a) implements TExpr {
        public Bitcast {
            if (type.bits() != a.type().bits()) throw new IllegalArgumentException("bitcast " + a.type() + " -> " + type);
        }
    }

    /**
     * Bits {@code [bit, bit+nbits)} of register array {@code array} (its words concatenated,
     * LSB first), zero-extended: {@code U32} for {@code nbits <= 32}, {@code U64} up to 64.
     */
    record GetBits(String array, int bit, int nbits) implements TExpr {
        public GetBits {
            if (bit < 0 || nbits < 1 || nbits > 64) throw new IllegalArgumentException("bits [" + bit + ", +" + nbits + ")");
        }

        public ScalarType type() { return nbits <= 32 ? ScalarType.U32 : ScalarType.U64; }
    }

    /**
     * The value of a code of {@code dtype} (in the low bits of {@code code}, an unsigned type):
     * integers sign- or zero-extend to {@link #valueType(DType)}; floats decode exactly to F32
     * (every dtype of at most 32 bits is exact in F32).
     */
    record Decode(DType dtype, TExpr code) implements TExpr {
        public ScalarType type() { return valueType(dtype); }
    }

    /** How {@link Encode} rounds a float that is out of the dtype's range. */
    enum Rounding {
        /**
         * As arithmetic in the dtype: round to nearest even; overflow gives ±inf where the dtype
         * has it and ±max otherwise (the interpreter's rule for elementwise results).
         */
        ARITH,
        /** As {@code DType.encode}: round to nearest even, saturate finite values to ±max. */
        CAST
    }

    /**
     * The code of {@code value} in {@code dtype}, zero-extended ({@code U32}, or {@code U64} for
     * 64-bit dtypes). Integer dtypes take an integer value and wrap (keep the low bits); float
     * dtypes take F32 or F64 and round with {@code rounding}.
     */
    record Encode(DType dtype, TExpr value, Rounding rounding) implements TExpr {
        public ScalarType type() { return dtype.bits() <= 32 ? ScalarType.U32 : ScalarType.U64; }
    }

    /** {@code DType.convert(from, code, to)}: the spec's cast of a code, as a code of {@code to}. */
    record CastCode(DType from, DType to, TExpr code) implements TExpr {
        public ScalarType type() { return to.bits() <= 32 ? ScalarType.U32 : ScalarType.U64; }
    }

    /** PTX {@code lop3.b32}: the bitwise function of (a, b, c) whose truth table is {@code lut}. */
    record Lop3(TExpr a, TExpr b, TExpr c, int lut) implements TExpr {
        public Lop3 {
            if (lut < 0 || lut > 255) throw new IllegalArgumentException("lop3 table " + lut);
        }

        public ScalarType type() { return ScalarType.U32; }
    }

    /** PTX {@code prmt.b32} (default mode): bytes of {@code {b, a}} picked by the 4 selector nibbles. */
    record Prmt(TExpr a, TExpr b, TExpr selector) implements TExpr {
        public ScalarType type() { return ScalarType.U32; }
    }

    /**
     * A packed pair operation on two 16-bit floats per U32 ({@code f16x2} or, with {@code bf16},
     * {@code bf16x2}), lanes independent, round to nearest even; {@code c} only for FMA (null otherwise).
     */
    record Half2(H2Op op, boolean bf16, TExpr a, TExpr b, TExpr c) implements TExpr {
        public ScalarType type() { return ScalarType.U32; }
    }

    /** Binary operators of {@link Bin}. */
    enum BOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), REM("%"), MIN("min"), MAX("max"), AND("&"), OR("|"), XOR("^"),
        SHL("<<"), SHR(">>"), LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), LAND("&&"), LOR("||");

        private final String symbol;

        BOp(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }

        public boolean isPredicate() {
            return switch (this) {
                case LT, LE, GT, GE, EQ, NE, LAND, LOR -> true;
                default -> false;
            };
        }
    }

    /** Unary operators of {@link Un}: {@code NOT} is bitwise, {@code LNOT} logical (PRED). */
    enum UOp { NEG, ABS, NOT, LNOT, SQRT, RSQRT, EXP, LOG }

    /** Operators of {@link Half2}. */
    enum H2Op { ADD, SUB, MUL, FMA }

    /** The value type of a dtype's decoded code. */
    static ScalarType valueType(DType dtype) {
        if (dtype.isFloat()) return ScalarType.F32;
        IntType t = (IntType) dtype;
        if (t.bits() <= 31 || (t.bits() == 32 && t.signed())) return ScalarType.I32;
        if (t.bits() == 32) return ScalarType.U32;
        return t.signed() ? ScalarType.I64 : ScalarType.U64;
    }

    /**
     * The scalar type that holds a block-level scalar of {@code dtype}: {@code u1} is {@code PRED},
     * other dtypes their {@link #valueType(DType) value type} (so {@code u8} is I32, a low-bit or
     * 16-bit float is its F32 value).
     */
    static ScalarType scalarTypeOf(DType dtype) {
        if (!dtype.isFloat() && dtype.bits() == 1 && !dtype.isSigned()) return ScalarType.PRED;
        return valueType(dtype);
    }

    // ---- small constructors used by passes and tests

    static Const i32(long v) { return new Const(v, ScalarType.I32); }

    static Const u32(long v) { return new Const(v, ScalarType.U32); }

    static Const i64(long v) { return new Const(v, ScalarType.I64); }

    static Const f32(float v) { return new Const(Float.floatToRawIntBits(v), ScalarType.F32); }

    static Const pred(boolean v) { return new Const(v ? 1 : 0, ScalarType.PRED); }

    static TExpr bin(BOp op, TExpr a, TExpr b) { return new Bin(op, a, b); }
}
