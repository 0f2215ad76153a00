package org.tilevm.spec.print;

import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.UnaryOp;
import org.tilevm.spec.ir.Var;

/**
 * Prints scalar expressions with C-like precedence and the fewest parentheses that keep the
 * tree unambiguous: binary operators are left-associative, so a right operand of equal
 * precedence is parenthesized ({@code a - (b - c)}); prefix operators never stack without
 * parentheses ({@code -(-x)}). Literals of the default types ({@code i32}, {@code f32}) print
 * bare, {@code u1} literals as {@code true}/{@code false}, others with a type suffix
 * ({@code 3_i64}, {@code 0.5_f16}).
 */
final class ExprPrinter {
    private ExprPrinter() {}

    /** Precedence of atoms: literals, names, calls. Never parenthesized. */
    static final int ATOM = 100;
    /** Precedence of prefix operators and negative literals. */
    static final int PREFIX = 11;

    static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    /** Prints {@code e}, in parentheses unless it is an atom (for places like {@code 0..extent}). */
    static String printAtomic(Expr e) {
        String s = print(e);
        return precedence(e) == ATOM ? s : "(" + s + ")";
    }

    static int precedence(Expr e) {
        return switch (e) {
            case Expr.IntConst c -> c.value() < 0 ? PREFIX : ATOM;
            case Expr.FloatConst c -> isNegative(c.value()) ? PREFIX : ATOM;
            case Expr.Binary b -> b.op().isFunction() ? ATOM : precedence(b.op());
            case Expr.Unary u -> isPrefix(u.op()) ? PREFIX : ATOM;
            case Var v -> ATOM;
            case Expr.BlockIdx b -> ATOM;
            case Expr.Select s -> ATOM;
            case Expr.Cast c -> ATOM;
        };
    }

    static int precedence(BinaryOp op) {
        return switch (op) {
            case OR -> 1;
            case AND -> 2;
            case BIT_OR -> 3;
            case BIT_XOR -> 4;
            case BIT_AND -> 5;
            case EQ, NE -> 6;
            case LT, LE, GT, GE -> 7;
            case SHL, SHR -> 8;
            case ADD, SUB -> 9;
            case MUL, DIV, MOD -> 10;
            case MIN, MAX -> ATOM;
        };
    }

    static boolean isPrefix(UnaryOp op) {
        return op == UnaryOp.NEG || op == UnaryOp.NOT || op == UnaryOp.BIT_NOT;
    }

    private static boolean isNegative(double v) {
        return v < 0 || (v == 0 && 1 / v < 0);
    }

    private static void write(StringBuilder sb, Expr e) {
        switch (e) {
            case Expr.IntConst c -> sb.append(intLiteral(c.value(), c.type()));
            case Expr.FloatConst c -> sb.append(floatLiteral(c.value(), c.type()));
            case Var v -> sb.append(v.name());
            case Expr.BlockIdx b -> sb.append("blockIdx.").append("xyz".charAt(b.axis()));
            case Expr.Binary b when b.op().isFunction() -> {
                sb.append(b.op().symbol()).append('(');
                write(sb, b.a());
                sb.append(", ");
                write(sb, b.b());
                sb.append(')');
            }
            case Expr.Binary b -> {
                int p = precedence(b.op());
                writeOperand(sb, b.a(), precedence(b.a()) < p);
                sb.append(' ').append(b.op().symbol()).append(' ');
                writeOperand(sb, b.b(), precedence(b.b()) <= p);
            }
            case Expr.Unary u when isPrefix(u.op()) -> {
                sb.append(u.op().symbol());
                writeOperand(sb, u.a(), precedence(u.a()) <= PREFIX);
            }
            case Expr.Unary u -> {
                sb.append(u.op().symbol()).append('(');
                write(sb, u.a());
                sb.append(')');
            }
            case Expr.Select s -> {
                sb.append("select(");
                write(sb, s.cond());
                sb.append(", ");
                write(sb, s.a());
                sb.append(", ");
                write(sb, s.b());
                sb.append(')');
            }
            case Expr.Cast c -> {
                sb.append("cast<").append(c.type().name()).append(">(");
                write(sb, c.a());
                sb.append(')');
            }
        }
    }

    private static void writeOperand(StringBuilder sb, Expr e, boolean parens) {
        if (parens) sb.append('(');
        write(sb, e);
        if (parens) sb.append(')');
    }

    static String intLiteral(long value, DType type) {
        if (type.equals(DTypes.BOOL) && (value == 0 || value == 1)) return value == 1 ? "true" : "false";
        String s = Long.toString(value);
        return type.equals(DTypes.I32) ? s : s + "_" + type.name();
    }

    static String floatLiteral(double value, DType type) {
        String s;
        if (Double.isNaN(value)) s = "nan";
        else if (value == Double.POSITIVE_INFINITY) s = "inf";
        else if (value == Double.NEGATIVE_INFINITY) s = "-inf";
        else s = Double.toString(value); // shortest text that reads back as the same double
        return type.equals(DTypes.F32) ? s : s + "_" + type.name();
    }
}
