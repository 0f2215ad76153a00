package org.tilevm.codegen.ptx.tir;

import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.UOp;

/**
 * Infix text of thread-level expressions, with C operator precedence and the fewest parentheses
 * that keep the meaning, except that a bitwise or shift operand of a different operator is always
 * parenthesized (so {@code (a & m) == 0} never reads as C's {@code a & (m == 0)}). Tolerates null
 * parts ({@code <null>}): the verifier prints malformed programs too.
 */
final class TirExprText {
    private TirExprText() {}

    private static final int TERNARY = 1, UNARY = 12, ATOM = 13;

    static String render(TExpr e) {
        return render(e, 0);
    }

    private static String render(TExpr e, int minPrec) {
        String s = text(e);
        return prec(e, s) < minPrec ? "(" + s + ")" : s;
    }

    private static int prec(TExpr e, String text) {
        return switch (e) {
            case null -> ATOM;
            case TExpr.Const c -> text.startsWith("-") ? UNARY : ATOM; // a negative literal reads like a negation
            case TExpr.Bin b when b.op() == BOp.MIN || b.op() == BOp.MAX -> ATOM;
            case TExpr.Bin b -> binPrec(b.op());
            case TExpr.Un u -> u.op() == UOp.NEG || u.op() == UOp.NOT || u.op() == UOp.LNOT ? UNARY : ATOM;
            case TExpr.Select s -> TERNARY;
            default -> ATOM;
        };
    }

    private static int binPrec(BOp op) {
        if (op == null) return ATOM;
        return switch (op) {
            case LOR -> 2;
            case LAND -> 3;
            case OR -> 4;
            case XOR -> 5;
            case AND -> 6;
            case EQ, NE -> 7;
            case LT, LE, GT, GE -> 8;
            case SHL, SHR -> 9;
            case ADD, SUB -> 10;
            case MUL, DIV, REM -> 11;
            case MIN, MAX -> ATOM;
        };
    }

    private static boolean bitwise(BOp op) {
        return op == BOp.AND || op == BOp.OR || op == BOp.XOR || op == BOp.SHL || op == BOp.SHR;
    }

    private static String text(TExpr e) {
        return switch (e) {
            case null -> "<null>";
            case TExpr.Const c -> constant(c);
            case TExpr.Var v -> v.name() == null ? "<null>" : v.name();
            case TExpr.ThreadIdx t -> "threadIdx.x";
            case TExpr.BlockIdx b -> "blockIdx." + (b.axis() >= 0 && b.axis() <= 2 ? String.valueOf("xyz".charAt(b.axis())) : String.valueOf(b.axis()));
            case TExpr.Bin b -> bin(b);
            case TExpr.Un u -> un(u);
            case TExpr.Select s -> render(s.cond(), TERNARY + 1) + " ? " + render(s.a(), TERNARY + 1) + " : "
                    + render(s.b(), TERNARY);
            case TExpr.Convert c -> TirTypes.name(c.type()) + "(" + render(c.a()) + ")";
            case TExpr.Bitcast c -> "bitcast." + TirTypes.name(c.type()) + "(" + render(c.a()) + ")";
            case TExpr.GetBits g -> bits(g.array(), g.bit(), g.nbits());
            case TExpr.Decode d -> "decode." + dtype(d.dtype()) + "(" + render(d.code()) + ")";
            case TExpr.Encode en -> "encode." + dtype(en.dtype())
                    + (en.rounding() == null ? "" : "." + en.rounding().name().toLowerCase(java.util.Locale.ROOT))
                    + "(" + render(en.value()) + ")";
            case TExpr.CastCode c -> "cast." + dtype(c.from()) + "." + dtype(c.to()) + "(" + render(c.code()) + ")";
            case TExpr.Lop3 l -> "lop3(" + render(l.a()) + ", " + render(l.b()) + ", " + render(l.c()) + ", 0x"
                    + String.format("%02x", l.lut()) + ")";
            case TExpr.Prmt p -> "prmt(" + render(p.a()) + ", " + render(p.b()) + ", " + render(p.selector()) + ")";
            case TExpr.Half2 h -> (h.bf16() ? "bf16x2." : "f16x2.")
                    + (h.op() == null ? "<null>" : h.op().name().toLowerCase(java.util.Locale.ROOT)) + "("
                    + render(h.a()) + ", " + render(h.b()) + (h.c() == null ? "" : ", " + render(h.c())) + ")";
        };
    }

    /** {@code r[bit+:nbits]}: bits {@code [bit, bit+nbits)} of a register array. */
    static String bits(String array, int bit, int nbits) {
        return (array == null ? "<null>" : array) + "[" + bit + "+:" + nbits + "]";
    }

    static String dtype(org.tilevm.spec.dtype.DType d) {
        return d == null ? "<null>" : d.name();
    }

    private static String unsigned(long v) {
        return Long.compareUnsigned(v, 0xFF) > 0 ? "0x" + Long.toHexString(v) : Long.toString(v);
    }

    private static String bin(TExpr.Bin b) {
        BOp op = b.op();
        if (op == BOp.MIN || op == BOp.MAX) {
            return op.symbol() + "(" + render(b.a()) + ", " + render(b.b()) + ")";
        }
        int p = binPrec(op);
        String sym = op == null ? "<null>" : op.symbol();
        return operand(op, b.a(), p) + " " + sym + " " + operand(op, b.b(), p + 1);
    }

    private static String operand(BOp parent, TExpr child, int minPrec) {
        if (child instanceof TExpr.Bin cb && cb.op() != parent && cb.op() != null && bitwise(cb.op())
                && parent != null && parent != BOp.MIN && parent != BOp.MAX) {
            return "(" + text(child) + ")";
        }
        return render(child, minPrec);
    }

    private static String un(TExpr.Un u) {
        if (u.op() == null) return "<null>(" + render(u.a()) + ")";
        return switch (u.op()) {
            case NEG -> prefix("-", u.a());
            case NOT -> prefix("~", u.a());
            case LNOT -> prefix("!", u.a());
            case ABS -> "abs(" + render(u.a()) + ")";
            case SQRT -> "sqrt(" + render(u.a()) + ")";
            case RSQRT -> "rsqrt(" + render(u.a()) + ")";
            case EXP -> "exp(" + render(u.a()) + ")";
            case LOG -> "log(" + render(u.a()) + ")";
        };
    }

    private static String prefix(String op, TExpr a) {
        String s = render(a, UNARY);
        // "- -3" must not read as a decrement or a double sign
        return op + (s.startsWith("-") || s.startsWith("~") || s.startsWith("!") ? "(" + s + ")" : s);
    }

    /**
     * Constants: {@code 5} (i32), {@code 5u}, {@code 5l} (i64), {@code 5ul}, {@code true}/{@code
     * false}, {@code 1.5f}, {@code 1.5d}; unsigned values above 255 in hex ({@code 0x3c003c00u},
     * they are usually bit patterns); non-finite floats by their bits, {@code f32bits(0x7fc00000)}.
     */
    static String constant(TExpr.Const c) {
        long v = c.bits();
        return switch (c.type()) {
            case PRED -> v != 0 ? "true" : "false";
            case I32 -> Long.toString((int) v);
            case U32 -> unsigned(v & 0xFFFF_FFFFL) + "u";
            case I64 -> v + "l";
            case U64 -> unsigned(v) + "ul";
            case F32 -> {
                float f = Float.intBitsToFloat((int) v);
                yield Float.isFinite(f) ? f + "f" : String.format("f32bits(0x%08x)", (int) v);
            }
            case F64 -> {
                double d = Double.longBitsToDouble(v);
                yield Double.isFinite(d) ? d + "d" : String.format("f64bits(0x%016x)", v);
            }
        };
    }
}
