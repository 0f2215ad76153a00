package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tilevm.spec.dtype.DType;

/**
 * The per-expression typing table of the thread-level verifier: for each {@link TExpr} record
 * class, the check its node must pass once its operands (checked first, innermost first) are
 * well formed. A malformed operand stops the check of the nodes above it, so one mistake gives
 * one error.
 */
final class ExprRules {
    private ExprRules() {}

    /** The check of one expression kind; reports through {@code cx.fail} and returns false on failure. */
    @FunctionalInterface
    interface ExprCheck<E extends TExpr> {
        boolean test(E e, TirRuleContext cx);
    }

    /** An operand of an expression node, named as in its record. */
    record Child(String role, TExpr expr) {}

    private static final Map<Class<? extends TExpr>, ExprCheck<?>> TABLE = new HashMap<>();

    private static <E extends TExpr> void rule(Class<E> type, ExprCheck<E> check) {
        if (TABLE.put(type, check) != null) throw new IllegalStateException("duplicate rule for " + type);
    }

    static {
        rule(TExpr.Const.class, (e, cx) -> true);
        rule(TExpr.ThreadIdx.class, (e, cx) -> true);
        rule(TExpr.Var.class, ExprRules::var);
        rule(TExpr.BlockIdx.class, (e, cx) -> e.axis() >= 0 && e.axis() < cx.program().grid().size()
                || cx.fail("`" + text(e) + "`: axis " + e.axis() + " is outside the grid's "
                        + cx.program().grid().size() + " axes"));
        rule(TExpr.Bin.class, ExprRules::bin);
        rule(TExpr.Un.class, ExprRules::un);
        rule(TExpr.Select.class, (e, cx) -> is(e, "cond", e.cond(), cx, PRED)
                && (e.a().type() == e.b().type() || cx.fail("`" + text(e) + "`: the alternatives have different types "
                        + name(e.a().type()) + " and " + name(e.b().type()))));
        rule(TExpr.Convert.class, (e, cx) -> e.type() != null || cx.fail("`" + text(e) + "`: the target type is missing (null)"));
        rule(TExpr.Bitcast.class, (e, cx) -> true); // the record checks the widths
        rule(TExpr.GetBits.class, (e, cx) -> bitRange(e.array(), e.bit(), e.nbits(), cx));
        rule(TExpr.Decode.class, (e, cx) -> present(e, "dtype", e.dtype(), cx) && code(e, "code", e.code(), e.dtype(), cx));
        rule(TExpr.Encode.class, ExprRules::encode);
        rule(TExpr.CastCode.class, (e, cx) -> present(e, "from", e.from(), cx) && present(e, "to", e.to(), cx)
                && code(e, "code", e.code(), e.from(), cx));
        rule(TExpr.Lop3.class, (e, cx) -> is(e, "a", e.a(), cx, U32, I32) && is(e, "b", e.b(), cx, U32, I32)
                && is(e, "c", e.c(), cx, U32, I32));
        rule(TExpr.Prmt.class, (e, cx) -> is(e, "a", e.a(), cx, U32, I32) && is(e, "b", e.b(), cx, U32, I32)
                && is(e, "selector", e.selector(), cx, U32, I32));
        rule(TExpr.Half2.class, ExprRules::half2);
    }

    /** The expression kinds that have a rule (for the completeness test). */
    static Set<Class<? extends TExpr>> classes() { return Collections.unmodifiableSet(TABLE.keySet()); }

    /**
     * Checks {@code e} (operand {@code role} of a statement) and everything under it; reports the
     * innermost malformed node. True when it is well formed.
     */
    static boolean check(TExpr e, String role, TirRuleContext cx) {
        if (e == null) return cx.fail(role + " is missing (null)");
        boolean ok = true;
        for (Child c : children(e)) {
            if (c.expr() == null) {
                ok = cx.fail("`" + text(e) + "`: operand " + c.role() + " is missing (null)");
            } else if (!check(c.expr(), role, cx)) {
                ok = false;
            }
        }
        if (!ok) return false;
        @SuppressWarnings("unchecked")
        ExprCheck<TExpr> rule = (ExprCheck<TExpr>) TABLE.get(e.getClass());
        if (rule == null) return cx.fail("`" + text(e) + "`: no verification rule for " + e.getClass().getSimpleName());
        try {
            return rule.test(e, cx);
        } catch (RuntimeException ex) { // a malformed node that its type() cannot describe
            return cx.fail("`" + text(e) + "` cannot be checked: " + ex);
        }
    }

    /** The operands of a node, in record order ({@code Half2.c} only when present or required). */
    static List<Child> children(TExpr e) {
        List<Child> l = new ArrayList<>(3);
        switch (e) {
            case TExpr.Bin b -> { l.add(new Child("a", b.a())); l.add(new Child("b", b.b())); }
            case TExpr.Un u -> l.add(new Child("a", u.a()));
            case TExpr.Select s -> {
                l.add(new Child("cond", s.cond()));
                l.add(new Child("a", s.a()));
                l.add(new Child("b", s.b()));
            }
            case TExpr.Convert c -> l.add(new Child("a", c.a()));
            case TExpr.Bitcast c -> l.add(new Child("a", c.a()));
            case TExpr.Decode d -> l.add(new Child("code", d.code()));
            case TExpr.Encode en -> l.add(new Child("value", en.value()));
            case TExpr.CastCode c -> l.add(new Child("code", c.code()));
            case TExpr.Lop3 o -> { l.add(new Child("a", o.a())); l.add(new Child("b", o.b())); l.add(new Child("c", o.c())); }
            case TExpr.Prmt p -> {
                l.add(new Child("a", p.a()));
                l.add(new Child("b", p.b()));
                l.add(new Child("selector", p.selector()));
            }
            case TExpr.Half2 h -> {
                l.add(new Child("a", h.a()));
                l.add(new Child("b", h.b()));
                if (h.c() != null || h.op() == TExpr.H2Op.FMA) l.add(new Child("c", h.c()));
            }
            case TExpr.Const c -> { }
            case TExpr.Var v -> { }
            case TExpr.ThreadIdx t -> { }
            case TExpr.BlockIdx b -> { }
            case TExpr.GetBits g -> { }
        }
        return l;
    }

    // ---------------------------------------------------------------- node checks

    private static boolean var(TExpr.Var v, TirRuleContext cx) {
        TirScope.Decl d = cx.lookup(v.name());
        if (d == null) return cx.fail("'" + v.name() + "' is not declared in an enclosing scope");
        if (!d.kind().isScalar()) {
            return cx.fail("'" + v.name() + "' is a " + d.kind().description + ", not a scalar"
                    + (d.kind() == TirScope.Kind.POINTER_PARAM ? " (pointers are named only by memory operations)" : ""));
        }
        return d.type() == v.type() || cx.fail("'" + v.name() + "' is used as " + name(v.type()) + " but the "
                + d.kind().description + " at " + d.where() + " has type " + name(d.type()));
    }

    private static boolean bin(TExpr.Bin b, TirRuleContext cx) {
        if (b.op() == null) return cx.fail("`" + text(b) + "`: the operator is missing (null)");
        ScalarType ta = b.a().type(), tb = b.b().type();
        if (ta != tb) {
            return cx.fail("`" + text(b) + "`: the operands of " + b.op().symbol() + " have different types " + name(ta)
                    + " and " + name(tb));
        }
        OperandTypes.Accepts acc = OperandTypes.binary(b.op());
        return acc.test(ta) || cx.fail("`" + text(b) + "`: " + b.op().symbol() + " takes " + acc.description
                + ", not " + name(ta));
    }

    private static boolean un(TExpr.Un u, TirRuleContext cx) {
        if (u.op() == null) return cx.fail("`" + text(u) + "`: the operator is missing (null)");
        OperandTypes.Accepts acc = OperandTypes.unary(u.op());
        return acc.test(u.a().type()) || cx.fail("`" + text(u) + "`: " + u.op() + " takes " + acc.description
                + ", not " + name(u.a().type()));
    }

    private static boolean encode(TExpr.Encode e, TirRuleContext cx) {
        if (!present(e, "dtype", e.dtype(), cx)) return false;
        if (e.dtype().isFloat()) {
            return is(e, "value", e.value(), cx, F32, F64)
                    && (e.rounding() != null || cx.fail("`" + text(e) + "`: a float encoding needs a rounding (ARITH or CAST)"));
        }
        return is(e, "value", e.value(), cx, I32, U32, I64, U64);
    }

    private static boolean half2(TExpr.Half2 h, TirRuleContext cx) {
        if (h.op() == null) return cx.fail("`" + text(h) + "`: the operator is missing (null)");
        if (h.op() != TExpr.H2Op.FMA && h.c() != null) {
            return cx.fail("`" + text(h) + "`: operand c is only for FMA (it must be null for " + h.op() + ")");
        }
        return is(h, "a", h.a(), cx, U32) && is(h, "b", h.b(), cx, U32)
                && (h.c() == null || is(h, "c", h.c(), cx, U32));
    }

    // ---------------------------------------------------------------- helpers

    /** Operand {@code role} of {@code e} has one of {@code types}. */
    private static boolean is(TExpr e, String role, TExpr operand, TirRuleContext cx, ScalarType... types) {
        for (ScalarType t : types) if (operand.type() == t) return true;
        return cx.fail("`" + text(e) + "`: " + role + " must be " + names(types) + ", not " + name(operand.type()));
    }

    private static boolean present(TExpr e, String role, Object part, TirRuleContext cx) {
        return part != null || cx.fail("`" + text(e) + "`: " + role + " is missing (null)");
    }

    /** A code of {@code dtype} travels in an unsigned type wide enough for it. */
    private static boolean code(TExpr e, String role, TExpr code, DType dtype, TirRuleContext cx) {
        if (!is(e, role, code, cx, U32, U64)) return false;
        return dtype.bits() <= code.type().bits() || cx.fail("`" + text(e) + "`: " + role + " of type "
                + name(code.type()) + " is too narrow for " + dtype.name() + " codes (" + dtype.bits() + " bits)");
    }

    /** Bits {@code [bit, bit+nbits)} lie inside declared register array {@code array}. */
    static boolean bitRange(String array, int bit, int nbits, TirRuleContext cx) {
        TirScope.Decl d = array(array, cx);
        if (d == null) return false;
        long end = (long) bit + nbits;
        return bit >= 0 && end <= 32L * d.words() || cx.fail("bits [" + bit + ", " + end + ") are outside register array '"
                + array + "' (" + d.words() + " words = " + 32L * d.words() + " bits)");
    }

    /** The declaration of register array {@code array}, or null after reporting why there is none. */
    static TirScope.Decl array(String array, TirRuleContext cx) {
        if (array == null) {
            cx.fail("the register array name is missing (null)");
            return null;
        }
        TirScope.Decl d = cx.lookup(array);
        if (d == null) {
            cx.fail("register array '" + array + "' is not declared in an enclosing scope");
            return null;
        }
        if (d.kind() != TirScope.Kind.ARRAY) {
            cx.fail("'" + array + "' is a " + d.kind().description + " (at " + d.where() + "), not a register array");
            return null;
        }
        return d;
    }

    static String name(ScalarType t) { return TirTypes.name(t); }

    static String names(ScalarType... types) {
        List<String> l = new ArrayList<>();
        for (ScalarType t : types) l.add(name(t));
        return l.size() == 1 ? l.get(0) : String.join(" or ", l);
    }

    static String text(TExpr e) { return TirText.render(e); }
}
