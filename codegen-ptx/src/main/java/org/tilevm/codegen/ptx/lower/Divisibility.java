package org.tilevm.codegen.ptx.lower;

import java.util.HashMap;
import java.util.Map;
import org.tilevm.layout.Sym;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;

/**
 * Proves that block-level integer expressions are multiples of powers of two, from the
 * {@link Specialization} of the parameters and the definitions of {@code let} variables. Every
 * answer is a power of two that divides the value for all launches with that specialization; 1
 * means nothing is known. Used to prove the alignment of vector loads, stores and copies.
 */
final class Divisibility {
    /** Cap on proven divisors (2^20 is more than any alignment a vector access needs). */
    static final long CAP = 1L << 20;

    private final Specialization spec;
    private final Map<String, Long> vars = new HashMap<>();

    Divisibility(Specialization spec) { this.spec = spec; }

    /** Records what {@code var}'s value is divisible by (its latest definition or assignment joined with the previous). */
    void define(String var, Expr value, boolean reassignment) {
        long d = of(value);
        vars.merge(var, d, reassignment ? Math::min : (a, b) -> b);
    }

    /** Forgets what is known of a variable (e.g. a loop-carried variable of unknown update). */
    void forget(String var) { vars.put(var, 1L); }

    long of(Expr e) {
        return switch (e) {
            case Expr.IntConst c -> ofConstant(c.value());
            case Var v -> vars.containsKey(v.name()) ? vars.get(v.name()) : spec.divisor(v.name());
            case Expr.Binary b -> switch (b.op()) {
                case ADD, SUB, MIN, MAX -> Math.min(of(b.a()), of(b.b()));
                case MUL -> Math.min(CAP, of(b.a()) * of(b.b()));
                case SHL -> b.b() instanceof Expr.IntConst c && c.value() >= 0 && c.value() < 20
                        ? Math.min(CAP, of(b.a()) << c.value()) : 1;
                default -> 1;
            };
            case Expr.Select s -> Math.min(of(s.a()), of(s.b()));
            case Expr.Cast c -> c.type().isFloat() || c.a().type().isFloat() ? 1 : of(c.a());
            default -> 1;
        };
    }

    long of(Sym s) {
        long d = CAP;
        for (Sym.Term t : s.terms()) {
            long td = ofConstant(t.coefficient());
            for (String v : t.vars()) td = Math.min(CAP, td * (vars.containsKey(v) ? vars.get(v) : spec.divisor(v)));
            d = Math.min(d, td);
        }
        return d;
    }

    static long ofConstant(long c) { return c == 0 ? CAP : Math.min(CAP, Long.lowestOneBit(c)); }
}
