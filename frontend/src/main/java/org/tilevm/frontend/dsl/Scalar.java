package org.tilevm.frontend.dsl;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.UnaryOp;

/**
 * An immutable scalar expression of a kernel (evaluated uniformly by every thread of a block):
 * a constant, a parameter, a loop or {@code let} variable, {@code blockIdx}, or an operation on
 * those. Building a scalar emits nothing; it becomes part of the program where it is used.
 *
 * <p>Operands of a binary operation must have the same dtype, except that a literal constant
 * adapts to the other operand's dtype; the {@code long}/{@code double} overloads make such
 * constants. Comparisons and {@code and}/{@code or} give {@code u1} (boolean).
 */
public sealed class Scalar permits ScalarParam, Variable {
    private final Expr expr;
    private final Kernel owner; // null for constants

    Scalar(Expr expr, Kernel owner) {
        this.expr = expr;
        this.owner = owner;
    }

    // ---- constants ----

    /** An {@code i32} constant. */
    public static Scalar i32(long value) { return constant(value, DTypes.I32); }

    /** An {@code i64} constant. */
    public static Scalar i64(long value) { return constant(value, DTypes.I64); }

    /** An {@code f32} constant. */
    public static Scalar f32(double value) { return constant(value, DTypes.F32); }

    /** A boolean ({@code u1}) constant. */
    public static Scalar bool(boolean value) { return new Scalar(Expr.bool(value), null); }

    /**
     * A constant of {@code type}. For an integer type the value must fit the type's signed or
     * unsigned range (it is stored as the type's value of those bits); for a float type it is
     * exact as given and rounded to the type where used.
     */
    public static Scalar constant(long value, DType type) { return new Scalar(constExpr(value, type, "constant"), null); }

    /** A constant of {@code type}; for an integer type the value must be integral. */
    public static Scalar constant(double value, DType type) { return new Scalar(constExpr(value, type, "constant"), null); }

    /** {@code cond ? a : b}; a and b must have the same dtype (a literal adapts to the other). */
    public static Scalar select(Scalar cond, Scalar a, Scalar b) {
        Kernel k = merge(merge(cond.owner, a.owner, "select"), b.owner, "select");
        requireBool(cond, "select condition", k);
        Expr[] ab = unify(a, b, "select", k);
        return new Scalar(new Expr.Select(cond.expr, ab[0], ab[1]), k);
    }

    // ---- accessors ----

    /** The IR expression. */
    public Expr expr() { return expr; }

    /** The dtype of the value. */
    public DType type() { return expr.type(); }

    /** The kernel whose variables this expression uses, or null for a constant expression. */
    Kernel owner() { return owner; }

    // ---- arithmetic ----

    public Scalar plus(Scalar o) { return bin(BinaryOp.ADD, o); }
    public Scalar plus(long c) { return bin(BinaryOp.ADD, c); }
    public Scalar plus(double c) { return bin(BinaryOp.ADD, c); }
    public Scalar minus(Scalar o) { return bin(BinaryOp.SUB, o); }
    public Scalar minus(long c) { return bin(BinaryOp.SUB, c); }
    public Scalar minus(double c) { return bin(BinaryOp.SUB, c); }
    public Scalar times(Scalar o) { return bin(BinaryOp.MUL, o); }
    public Scalar times(long c) { return bin(BinaryOp.MUL, c); }
    public Scalar times(double c) { return bin(BinaryOp.MUL, c); }
    /** Division; truncates toward zero for integers. */
    public Scalar div(Scalar o) { return bin(BinaryOp.DIV, o); }
    public Scalar div(long c) { return bin(BinaryOp.DIV, c); }
    public Scalar div(double c) { return bin(BinaryOp.DIV, c); }
    public Scalar mod(Scalar o) { return bin(BinaryOp.MOD, o); }
    public Scalar mod(long c) { return bin(BinaryOp.MOD, c); }
    public Scalar min(Scalar o) { return bin(BinaryOp.MIN, o); }
    public Scalar min(long c) { return bin(BinaryOp.MIN, c); }
    public Scalar min(double c) { return bin(BinaryOp.MIN, c); }
    public Scalar max(Scalar o) { return bin(BinaryOp.MAX, o); }
    public Scalar max(long c) { return bin(BinaryOp.MAX, c); }
    public Scalar max(double c) { return bin(BinaryOp.MAX, c); }

    /** {@code (this + d - 1) / d} for non-negative integers: the number of tiles of size d covering this. */
    public Scalar ceilDiv(Scalar d) {
        requireInteger(this, "ceilDiv", owner);
        if (d.expr instanceof Expr.IntConst c) return ceilDiv(c.value());
        return plus(d).minus(1).div(d);
    }

    /** {@code (this + d - 1) / d}, d a positive constant. */
    public Scalar ceilDiv(long d) {
        requireInteger(this, "ceilDiv", owner);
        if (d <= 0) throw error(owner, "ceilDiv needs a positive divisor, got " + d);
        return d == 1 ? this : plus(d - 1).div(d);
    }

    // ---- bits ----

    public Scalar bitAnd(Scalar o) { return bin(BinaryOp.BIT_AND, o); }
    public Scalar bitAnd(long c) { return bin(BinaryOp.BIT_AND, c); }
    public Scalar bitOr(Scalar o) { return bin(BinaryOp.BIT_OR, o); }
    public Scalar bitOr(long c) { return bin(BinaryOp.BIT_OR, c); }
    public Scalar bitXor(Scalar o) { return bin(BinaryOp.BIT_XOR, o); }
    public Scalar bitXor(long c) { return bin(BinaryOp.BIT_XOR, c); }
    public Scalar shl(Scalar o) { return bin(BinaryOp.SHL, o); }
    public Scalar shl(long c) { return bin(BinaryOp.SHL, c); }
    /** Shift right: arithmetic for signed, logical for unsigned types. */
    public Scalar shr(Scalar o) { return bin(BinaryOp.SHR, o); }
    public Scalar shr(long c) { return bin(BinaryOp.SHR, c); }

    // ---- comparisons and logic (u1 results) ----

    public Scalar lt(Scalar o) { return bin(BinaryOp.LT, o); }
    public Scalar lt(long c) { return bin(BinaryOp.LT, c); }
    public Scalar lt(double c) { return bin(BinaryOp.LT, c); }
    public Scalar le(Scalar o) { return bin(BinaryOp.LE, o); }
    public Scalar le(long c) { return bin(BinaryOp.LE, c); }
    public Scalar le(double c) { return bin(BinaryOp.LE, c); }
    public Scalar gt(Scalar o) { return bin(BinaryOp.GT, o); }
    public Scalar gt(long c) { return bin(BinaryOp.GT, c); }
    public Scalar gt(double c) { return bin(BinaryOp.GT, c); }
    public Scalar ge(Scalar o) { return bin(BinaryOp.GE, o); }
    public Scalar ge(long c) { return bin(BinaryOp.GE, c); }
    public Scalar ge(double c) { return bin(BinaryOp.GE, c); }
    public Scalar eq(Scalar o) { return bin(BinaryOp.EQ, o); }
    public Scalar eq(long c) { return bin(BinaryOp.EQ, c); }
    public Scalar eq(double c) { return bin(BinaryOp.EQ, c); }
    public Scalar ne(Scalar o) { return bin(BinaryOp.NE, o); }
    public Scalar ne(long c) { return bin(BinaryOp.NE, c); }
    public Scalar ne(double c) { return bin(BinaryOp.NE, c); }
    /** Logical and of two {@code u1} values. */
    public Scalar and(Scalar o) { return bin(BinaryOp.AND, o); }
    /** Logical or of two {@code u1} values. */
    public Scalar or(Scalar o) { return bin(BinaryOp.OR, o); }

    // ---- unary ----

    /** Logical not (integer operands, normally {@code u1}). */
    public Scalar not() { return un(UnaryOp.NOT); }
    public Scalar bitNot() { return un(UnaryOp.BIT_NOT); }
    public Scalar neg() { return un(UnaryOp.NEG); }
    public Scalar abs() { return un(UnaryOp.ABS); }
    public Scalar exp() { return un(UnaryOp.EXP); }
    public Scalar log() { return un(UnaryOp.LOG); }
    public Scalar sqrt() { return un(UnaryOp.SQRT); }
    public Scalar rsqrt() { return un(UnaryOp.RSQRT); }

    /** This value converted to {@code type} with the dtype conversion rules (no-op when equal). */
    public Scalar cast(DType type) {
        if (type.equals(type())) return this;
        return new Scalar(new Expr.Cast(type, expr), owner);
    }

    /** Applies a binary operator (the general form of the named methods). */
    public Scalar bin(BinaryOp op, Scalar o) {
        Kernel k = merge(owner, o.owner, op.symbol());
        Expr[] ab = unify(this, o, op.symbol(), k);
        if (op.isIntegerOnly() && ab[0].type().isFloat()) {
            throw error(k, "operator '" + op.symbol() + "' needs integer operands, got " + ab[0].type().name());
        }
        if ((op == BinaryOp.AND || op == BinaryOp.OR) && !ab[0].type().equals(DTypes.BOOL)) {
            throw error(k, "operator '" + op.symbol() + "' needs u1 (boolean) operands, got " + ab[0].type().name()
                    + " (" + this + "); compare first, e.g. x.ne(0)");
        }
        return new Scalar(new Expr.Binary(op, ab[0], ab[1]), k);
    }

    /** Applies a unary operator (the general form of the named methods). */
    public Scalar un(UnaryOp op) {
        if (op.isIntegerOnly() && type().isFloat()) {
            throw error(owner, "operator '" + op.symbol() + "' needs an integer operand, got " + type().name());
        }
        if (op.isFloatOnly() && !type().isFloat()) {
            throw error(owner, "operator '" + op.symbol() + "' needs a float operand, got " + type().name());
        }
        return new Scalar(new Expr.Unary(op, expr), owner);
    }

    private Scalar bin(BinaryOp op, long c) { return bin(op, new Scalar(constExpr(c, type(), op.symbol()), null)); }

    private Scalar bin(BinaryOp op, double c) { return bin(op, new Scalar(constExpr(c, type(), op.symbol()), null)); }

    @Override
    public String toString() { return ExprText.of(expr); }

    // ---- helpers shared with Kernel ----

    static Expr constExpr(long value, DType type, String where) {
        if (type.isFloat()) return new Expr.FloatConst(value, type);
        IntType t = (IntType) type;
        if (t.bits() < 64) {
            long lo = t.signed() ? t.minLong() : -(1L << (t.bits() - 1));
            long hi = (1L << t.bits()) - 1;
            if (value < lo || value > hi) {
                throw new DslException(where + ": constant " + value + " does not fit " + t.name());
            }
            value = t.wrap(value);
        }
        return new Expr.IntConst(value, t);
    }

    static Expr constExpr(double value, DType type, String where) {
        if (type.isFloat()) return new Expr.FloatConst(value, type);
        if (value != Math.rint(value) || Double.isInfinite(value) || Math.abs(value) >= 0x1p63) {
            throw new DslException(where + ": constant " + value + " is not an integer, but the operand is "
                    + type.name());
        }
        return constExpr((long) value, type, where);
    }

    /** Makes a and b the same type, re-typing a literal constant; throws if they cannot agree. */
    static Expr[] unify(Scalar a, Scalar b, String op, Kernel k) {
        DType ta = a.type(), tb = b.type();
        if (ta.equals(tb)) return new Expr[] {a.expr, b.expr};
        if (isLiteral(b.expr)) return new Expr[] {a.expr, retype(b.expr, ta, op, k)};
        if (isLiteral(a.expr)) return new Expr[] {retype(a.expr, tb, op, k), b.expr};
        throw error(k, "operands of '" + op + "' have different dtypes " + ta.name() + " (" + a + ") and "
                + tb.name() + " (" + b + "); convert one with cast(dtype)");
    }

    /** The expression of s as a value of type t: a literal is re-typed, anything else must already be t. */
    static Expr coerce(Scalar s, DType t, String what, Kernel k) {
        if (s.type().equals(t)) return s.expr;
        if (isLiteral(s.expr)) return retype(s.expr, t, what, k);
        throw error(k, what + " must be " + t.name() + ", got " + s.type().name() + " (" + s + ")");
    }

    static boolean isLiteral(Expr e) { return e instanceof Expr.IntConst || e instanceof Expr.FloatConst; }

    private static Expr retype(Expr lit, DType t, String op, Kernel k) {
        try {
            return switch (lit) {
                case Expr.IntConst c -> constExpr(c.value(), t, "'" + op + "'");
                case Expr.FloatConst c -> constExpr(c.value(), t, "'" + op + "'");
                default -> throw new IllegalStateException("not a literal: " + lit);
            };
        } catch (DslException e) {
            throw error(k, e.getMessage());
        }
    }

    static void requireInteger(Scalar s, String what, Kernel k) {
        if (s.type().isFloat()) throw error(k, what + " needs an integer value, got " + s.type().name() + " (" + s + ")");
    }

    static void requireBool(Scalar s, String what, Kernel k) {
        if (!s.type().equals(DTypes.BOOL)) {
            throw error(k, what + " must be u1 (boolean), got " + s.type().name() + " (" + s + "); compare first, e.g. x.ne(0)");
        }
    }

    static Kernel merge(Kernel a, Kernel b, String op) {
        if (a == null) return b;
        if (b == null || a == b) return a;
        throw new DslException("operator '" + op + "' mixes scalars of kernel '" + a.name() + "' and kernel '"
                + b.name() + "'");
    }

    private static DslException error(Kernel k, String msg) {
        return k == null ? new DslException(msg) : new DslException(k.where() + ": " + msg);
    }
}
