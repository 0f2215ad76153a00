package org.tilevm.codegen.ptx.cuda;

import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.util.function.ToIntFunction;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;

/**
 * Renders {@link TExpr} trees as C expressions with exactly the TIR semantics: compound results
 * are parenthesized; signed wrapping arithmetic is computed in the unsigned type (C leaves signed
 * overflow undefined); float arithmetic uses the {@code __f*_rn} intrinsics, which are never
 * contracted into FMAs; everything else goes through prelude helpers.
 */
final class CudaExprPrinter {
    private final Prelude prelude;
    private final ToIntFunction<String> arrayWords;

    /** {@code arrayWords}: the size of a declared register array (throws {@link CudaException} if undeclared). */
    CudaExprPrinter(Prelude prelude, ToIntFunction<String> arrayWords) {
        this.prelude = prelude;
        this.arrayWords = arrayWords;
    }

    /** The expression without redundant outer parentheses (for statement contexts). */
    String top(TExpr e) { return strip(expr(e)); }

    static String strip(String s) {
        if (!s.startsWith("(") || !s.endsWith(")")) return s;
        int depth = 0;
        for (int i = 0; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            if (depth == 0) return s; // the first parenthesis closes before the end
        }
        return s.substring(1, s.length() - 1);
    }

    String expr(TExpr e) {
        return switch (e) {
            case Const c -> CudaTypes.literal(c.bits(), c.type());
            case Var v -> CudaNames.of(v.name());
            case ThreadIdx t -> "(int)threadIdx.x";
            case BlockIdx b -> "(int)blockIdx." + axis(b.axis());
            case Bin b -> bin(b);
            case Un u -> un(u);
            case Select s -> {
                want(s.cond(), PRED, "select condition");
                same(s.a(), s.b(), "select");
                yield "(" + expr(s.cond()) + " ? " + top(s.a()) + " : " + top(s.b()) + ")";
            }
            case Convert c -> convert(c.type(), c.a());
            case Bitcast b -> bitcast(b.type(), b.a());
            case GetBits g -> {
                BitFields.check(g.array(), arrayWords.applyAsInt(g.array()), g.bit(), g.nbits());
                yield BitFields.get(CudaNames.of(g.array()), g.bit(), g.nbits());
            }
            case Decode d -> DtypeHelpers.decode(d.dtype(), prelude) + "(" + code(d.code(), d.dtype().bits()) + ")";
            case Encode en -> encode(en);
            case CastCode c -> DtypeHelpers.cast(c.from(), c.to(), prelude) + "(" + code(c.code(), c.from().bits()) + ")";
            case Lop3 l -> {
                prelude.require("tv_lop3");
                yield "tv_lop3<" + String.format("0x%02x", l.lut()) + ">(" + u32(l.a()) + ", " + u32(l.b()) + ", " + u32(l.c()) + ")";
            }
            case Prmt p -> {
                prelude.require("tv_prmt");
                yield "tv_prmt(" + u32(p.a()) + ", " + u32(p.b()) + ", " + u32(p.selector()) + ")";
            }
            case Half2 h -> half2(h);
        };
    }

    static String axis(int axis) {
        return switch (axis) {
            case 0 -> "x";
            case 1 -> "y";
            case 2 -> "z";
            default -> throw new CudaException("blockIdx axis " + axis + " (expected 0, 1 or 2)");
        };
    }

    // ---- operators

    private String bin(Bin b) {
        same(b.a(), b.b(), "binary " + b.op());
        ScalarType t = b.a().type();
        BOp op = b.op();
        if (isWrapping(b)) return "(" + t.cName() + ")" + wrapping(b);
        if (op == BOp.SHL || op == BOp.SHR) {
            if (!t.isInteger()) throw new CudaException("shift of " + t + " operands");
            return "(" + expr(b.a()) + " " + op.symbol() + " " + shiftCount(b.b(), t) + ")";
        }
        String a = expr(b.a()), c = expr(b.b());
        if (op == BOp.LAND || op == BOp.LOR) {
            want(b.a(), PRED, op.toString());
            return "(" + a + " " + op.symbol() + " " + c + ")";
        }
        if (op.isPredicate()) return "(" + a + " " + op.symbol() + " " + c + ")";
        if (t.isFloat()) return floatBin(op, t, a, c);
        if (t == PRED) {
            return switch (op) {
                case AND, OR, XOR -> "(" + a + " " + op.symbol() + " " + c + ")";
                default -> throw new CudaException("binary " + op + " on PRED operands");
            };
        }
        return switch (op) {
            case DIV, REM -> {
                if (!t.isSigned()) yield "(" + a + " " + op.symbol() + " " + c + ")";
                prelude.require("tv_sdiv");
                yield (op == BOp.DIV ? "tv_sdiv(" : "tv_srem(") + strip(a) + ", " + strip(c) + ")";
            }
            case MIN, MAX -> {
                String h = op == BOp.MIN ? "tv_min" : "tv_max";
                prelude.require(h);
                yield h + "(" + strip(a) + ", " + strip(c) + ")";
            }
            default -> "(" + a + " " + op.symbol() + " " + c + ")"; // unsigned + - *, and & | ^
        };
    }

    private String floatBin(BOp op, ScalarType t, String a, String b) {
        String p = t == F32 ? "f" : "d";
        return switch (op) {
            case ADD -> "__" + p + "add_rn(" + a + ", " + b + ")";
            case SUB -> "__" + p + "sub_rn(" + a + ", " + b + ")";
            case MUL -> "__" + p + "mul_rn(" + a + ", " + b + ")";
            case DIV -> "__" + p + "div_rn(" + a + ", " + b + ")";
            case MIN -> {
                prelude.require(t == F32 ? "tv_fmin_f32" : "tv_fmin_f64");
                yield "tv_fmin(" + a + ", " + b + ")";
            }
            case MAX -> {
                prelude.require(t == F32 ? "tv_fmax_f32" : "tv_fmax_f64");
                yield "tv_fmax(" + a + ", " + b + ")";
            }
            default -> throw new CudaException("binary " + op + " on " + t + " operands");
        };
    }

    /** The shift count modulo the width: a constant is reduced here, else masked. */
    private String shiftCount(TExpr b, ScalarType t) {
        int m = t.bits() - 1;
        if (b instanceof Const c) return Long.toString(c.bits() & m);
        return "(" + expr(b) + " & " + m + ")";
    }

    /** Whether {@code e} is signed arithmetic that wraps (rendered in the unsigned type). */
    private static boolean isWrapping(TExpr e) {
        return switch (e) {
            case Bin b -> b.a().type().isSigned() && b.a().type().isInteger()
                    && (b.op() == BOp.ADD || b.op() == BOp.SUB || b.op() == BOp.MUL || b.op() == BOp.SHL);
            case Un u -> u.op() == UOp.NEG && u.type().isSigned() && u.type().isInteger();
            default -> false;
        };
    }

    /** A signed wrapping expression computed in the unsigned type of the same width (a parenthesized C expression). */
    private String wrapping(TExpr e) {
        ScalarType t = e.type();
        String zero = t == I32 ? "0u" : "0ull";
        return switch (e) {
            case Bin b when b.op() == BOp.SHL -> "(" + unsignedOf(b.a()) + " << " + shiftCount(b.b(), t) + ")";
            case Bin b -> "(" + unsignedOf(b.a()) + " " + b.op().symbol() + " " + unsignedOf(b.b()) + ")";
            case Un u -> "(" + zero + " - " + unsignedOf(u.a()) + ")";
            default -> throw new IllegalStateException(e.toString());
        };
    }

    /** A signed integer expression as its unsigned bit pattern, staying unsigned through nested wrapping arithmetic. */
    private String unsignedOf(TExpr e) {
        ScalarType t = e.type();
        String ut = t == I32 ? "unsigned" : "unsigned long long";
        if (isWrapping(e)) return wrapping(e);
        if (e instanceof Const c) {
            if (c.bits() >= 0) return c.bits() + (t == I32 ? "u" : "ull");
            return "(" + ut + ")" + CudaTypes.literal(c.bits(), t);
        }
        if (e instanceof ThreadIdx) return "threadIdx.x";
        if (e instanceof BlockIdx b) return "blockIdx." + axis(b.axis());
        return "(" + ut + ")" + expr(e);
    }

    private String un(Un u) {
        ScalarType t = u.a().type();
        String a = expr(u.a());
        return switch (u.op()) {
            case NEG -> {
                if (t.isFloat()) yield "(-" + a + ")";
                if (t == PRED) throw new CudaException("NEG of a PRED");
                yield t.isSigned() ? "(" + t.cName() + ")" + wrapping(u) : "(" + (t == U32 ? "0u" : "0ull") + " - " + a + ")";
            }
            case ABS -> {
                if (t.isFloat()) yield (t == F32 ? "fabsf(" : "fabs(") + a + ")";
                if (t == PRED) throw new CudaException("ABS of a PRED");
                if (!t.isSigned()) yield a;
                prelude.require("tv_iabs");
                yield "tv_iabs(" + a + ")";
            }
            case NOT -> {
                if (t.isFloat()) throw new CudaException("bitwise NOT of a " + t);
                yield t == PRED ? "(!" + a + ")" : "(~" + a + ")";
            }
            case LNOT -> {
                want(u.a(), PRED, "LNOT");
                yield "(!" + a + ")";
            }
            case SQRT -> floatUn(t, "SQRT", (t == F32 ? "__fsqrt_rn(" : "__dsqrt_rn(") + a + ")");
            case RSQRT -> helperUn(t, "tv_rsqrt", a);
            case EXP -> helperUn(t, "tv_exp", a);
            case LOG -> helperUn(t, "tv_log", a);
        };
    }

    private static String floatUn(ScalarType t, String op, String text) {
        if (!t.isFloat()) throw new CudaException(op + " of a " + t + " (floats only)");
        return text;
    }

    private String helperUn(ScalarType t, String helper, String a) {
        floatUn(t, helper.substring(3).toUpperCase(java.util.Locale.ROOT), "");
        prelude.require(helper + (t == F32 ? "_f32" : "_f64"));
        return helper + "(" + a + ")";
    }

    // ---- conversions

    private String convert(ScalarType to, TExpr x) {
        ScalarType from = x.type();
        String a = expr(x);
        if (from == to) return a;
        if (to == PRED) return "(" + a + (from.isFloat() ? (from == F32 ? " != 0.0f)" : " != 0.0)") : " != 0)");
        if (from == PRED || !from.isFloat()) return "(" + to.cName() + ")" + a; // C: ints wrap/extend, int->float is RN
        if (to.isFloat()) return "(" + to.cName() + ")" + a;                  // F32 <-> F64, RN
        String dst = (to.isSigned() ? "s" : "u") + to.bits(), src = from == F32 ? "f32" : "f64";
        String name = FixedHelpers.cvtName(dst, src);
        prelude.define(name, FixedHelpers.cvtCode(dst, src, prelude.portable()), java.util.List.of());
        return name + "(" + a + ")";
    }

    private String bitcast(ScalarType to, TExpr x) {
        ScalarType from = x.type();
        String a = expr(x);
        if (from == to) return a;
        if (from == PRED || to == PRED) throw new CudaException("bitcast " + from + " -> " + to);
        if (!from.isFloat() && !to.isFloat()) return "(" + to.cName() + ")" + a;
        if (to == F32) return (from == I32 ? "__int_as_float(" : "__uint_as_float(") + a + ")";
        if (from == F32) return (to == I32 ? "__float_as_int(" : "__float_as_uint(") + a + ")";
        if (to == F64) return "__longlong_as_double(" + (from == U64 ? "(long long)" : "") + a + ")";
        return (to == U64 ? "(unsigned long long)" : "") + "__double_as_longlong(" + a + ")";
    }

    private String encode(Encode en) {
        ScalarType vt = en.value().type();
        String v = expr(en.value());
        if (en.dtype() instanceof IntType it) {
            if (!vt.isInteger()) throw new CudaException("encode to " + it.name() + " of a " + vt + " value (integers only)");
            if (it.bits() == 64) return "(unsigned long long)" + v;
            String u = vt == U32 ? v : "(unsigned)" + v;
            return it.bits() == 32 ? u : "(" + u + " & " + CudaTypes.hex(it.mask(), 32) + ")";
        }
        if (!vt.isFloat()) throw new CudaException("encode to " + en.dtype().name() + " of a " + vt + " value (F32 or F64 only)");
        String h = DtypeHelpers.encodeFloat((FloatType) en.dtype(), en.rounding(), vt == F32 ? "f32" : "f64", prelude);
        return h + "(" + strip(v) + ")";
    }

    /** A code operand as the unsigned type of a dtype of {@code bits} bits. */
    private String code(TExpr c, int bits) {
        ScalarType t = c.type();
        if (!t.isInteger()) throw new CudaException("a dtype code must be an integer, got " + t);
        String s = expr(c);
        if (bits <= 32) return t == U32 ? strip(s) : "(unsigned)" + s;
        return t == U64 ? strip(s) : "(unsigned long long)" + s;
    }

    /** A 32-bit operand of a bit instruction, as {@code unsigned}. */
    String u32(TExpr e) {
        return switch (e.type()) {
            case U32 -> top(e);
            case I32 -> "(unsigned)" + expr(e);
            case F32 -> "__float_as_uint(" + top(e) + ")";
            default -> throw new CudaException("expected a 32-bit operand, got " + e.type());
        };
    }

    private String half2(Half2 h) {
        String name = "tv_" + (h.bf16() ? "bf16x2_" : "f16x2_") + h.op().name().toLowerCase(java.util.Locale.ROOT);
        prelude.require(name);
        if ((h.op() == H2Op.FMA) != (h.c() != null)) throw new CudaException("half2 " + h.op() + ": c is for FMA only");
        return name + "(" + u32(h.a()) + ", " + u32(h.b()) + (h.c() != null ? ", " + u32(h.c()) : "") + ")";
    }

    // ---- checks

    static void want(TExpr e, ScalarType t, String what) {
        if (e.type() != t) throw new CudaException(what + " must be " + t + ", got " + e.type());
    }

    private static void same(TExpr a, TExpr b, String what) {
        if (a.type() != b.type()) throw new CudaException(what + ": operand types " + a.type() + " and " + b.type() + " differ");
    }
}
