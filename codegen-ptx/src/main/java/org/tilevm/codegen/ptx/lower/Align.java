package org.tilevm.codegen.ptx.lower;

import java.util.HashMap;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.TExpr;

/**
 * Proves that thread-level integer expressions (addresses) are multiples of powers of two, so
 * that loads, stores and copies can use vector instructions. Variables created by the lowering
 * are recorded with their definitions; block-level variables and parameters are answered by
 * {@link Divisibility}. Answers are powers of two up to {@link Divisibility#CAP}; 1 means unknown.
 */
final class Align {
    private final Map<String, Long> vars = new HashMap<>();
    private final Divisibility blockLevel;

    Align(Divisibility blockLevel) { this.blockLevel = blockLevel; }

    void record(TExpr.Var v, TExpr value) { vars.put(v.name(), of(value)); }

    long of(TExpr e) {
        long cap = Divisibility.CAP;
        return switch (e) {
            case TExpr.Const c -> c.type().isInteger() ? Divisibility.ofConstant(c.bits()) : 1;
            case TExpr.Var v -> vars.containsKey(v.name()) ? vars.get(v.name())
                    : blockLevel.of(new org.tilevm.spec.ir.Var(v.name(), org.tilevm.spec.dtype.DTypes.I32));
            case TExpr.Convert c -> c.type().isInteger() && c.a().type().isInteger() && c.type().bits() >= c.a().type().bits()
                    ? of(c.a()) : 1;
            case TExpr.Bin b -> switch (b.op()) {
                case ADD, SUB -> Math.min(of(b.a()), of(b.b()));
                case MUL -> Math.min(cap, of(b.a()) * of(b.b()));
                case REM -> constant(b.b()) != null && Long.bitCount(constant(b.b())) == 1
                        ? Math.min(of(b.a()), constant(b.b())) : 1;
                case SHL -> constant(b.b()) != null && constant(b.b()) < 20 ? Math.min(cap, of(b.a()) << constant(b.b())) : 1;
                case SHR -> constant(b.b()) != null ? Math.max(1, of(b.a()) >> constant(b.b())) : 1;
                case AND -> Math.max(of(b.a()), of(b.b()));
                case XOR, OR -> Math.min(of(b.a()), of(b.b()));
                default -> 1;
            };
            case TExpr.Select s -> Math.min(of(s.a()), of(s.b()));
            default -> 1;
        };
    }

    private static Long constant(TExpr e) { return T.constValue(e); }
}
