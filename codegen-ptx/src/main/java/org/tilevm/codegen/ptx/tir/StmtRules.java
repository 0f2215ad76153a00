package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.tilevm.codegen.ptx.tir.TStmt.*;

/**
 * The per-statement table of the thread-level verifier: for each {@link TStmt} record class, its
 * kind name (as in messages), its operand expressions (each checked by {@link ExprRules} first)
 * and the list of checks it must pass, run in order until the first failure (so later checks may
 * assume what earlier ones established). Scopes, declarations, {@code break} placement and the
 * uniformity facts are the walker's ({@link TirWalker}); the rules read them.
 */
final class StmtRules {
    private StmtRules() {}

    /** One check of a statement kind; reports through {@code cx.fail} and returns false on failure. */
    @FunctionalInterface
    interface Check<S extends TStmt> {
        boolean test(S s, TirRuleContext cx);
    }

    /** An operand expression of a statement; an optional one may be null. */
    record Operand(String role, TExpr expr, boolean optional) {}

    /** The row of one statement kind. */
    record Row<S extends TStmt>(Function<S, String> kind, Function<S, List<Operand>> operands, List<Check<S>> checks) {}

    private static final Map<Class<? extends TStmt>, Row<?>> TABLE = new HashMap<>();

    @SafeVarargs
    private static <S extends TStmt> void rule(Class<S> type, Function<S, String> kind,
                                               Function<S, List<Operand>> operands, Check<S>... checks) {
        if (TABLE.put(type, new Row<>(kind, operands, List.of(checks))) != null) {
            throw new IllegalStateException("duplicate rule for " + type);
        }
    }

    private static <S extends TStmt> Function<S, List<Operand>> none() { return s -> List.of(); }

    private static Operand op(String role, TExpr e) { return new Operand(role, e, false); }

    /** The C identifiers that the printed program may declare. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static {
        rule(Seq.class, s -> "seq", none());
        rule(Comment.class, s -> "comment", none(),
                (s, cx) -> s.text() != null || cx.fail("the text is missing (null)"),
                (s, cx) -> s.text().indexOf('\n') < 0 && s.text().indexOf('\r') < 0
                        || cx.fail("a comment is one line (it contains a line break)"));
        rule(Let.class, s -> "let", s -> List.of(op("value", s.value())),
                (s, cx) -> s.var() != null || cx.fail("the variable is missing (null)"),
                (s, cx) -> valueType(s.var(), s.value(), cx));
        rule(Assign.class, s -> "assign", s -> List.of(op("value", s.value())),
                (s, cx) -> s.var() != null || cx.fail("the variable is missing (null)"),
                StmtRules::assignable,
                (s, cx) -> valueType(s.var(), s.value(), cx));
        rule(For.class, s -> "for", s -> List.of(op("extent", s.extent())),
                (s, cx) -> s.var() != null || cx.fail("the loop variable is missing (null)"),
                (s, cx) -> s.var().type() == I32 || cx.fail("loop variable '" + s.var().name() + "' must be i32, not "
                        + TirTypes.name(s.var().type())),
                (s, cx) -> type("extent", s.extent(), cx, I32),
                (s, cx) -> s.unroll() >= -1
                        || cx.fail("unroll must be -1 (full), 0 (none) or a positive factor, got " + s.unroll()),
                (s, cx) -> s.body() != null || cx.fail("the body is missing (null)"),
                (s, cx) -> uniform("extent", s.extent(), cx));
        rule(If.class, s -> "if", s -> List.of(op("cond", s.cond())),
                (s, cx) -> type("cond", s.cond(), cx, PRED),
                (s, cx) -> s.then() != null || cx.fail("the then branch is missing (null)"),
                (s, cx) -> uniform("cond", s.cond(), cx));
        rule(While.class, s -> "while", s -> List.of(op("cond", s.cond())),
                (s, cx) -> type("cond", s.cond(), cx, PRED),
                (s, cx) -> s.body() != null || cx.fail("the body is missing (null)"),
                (s, cx) -> uniform("cond", s.cond(), cx));
        rule(Break.class, s -> "break", none()); // placement: the walker knows the loop depth
        rule(Array.class, s -> "array", none()); // the record checks the size; the walker declares it
        rule(SetBits.class, s -> "setbits", s -> List.of(op("value", s.value())),
                (s, cx) -> s.nbits() >= 1 && s.nbits() <= 64 || cx.fail("nbits must be 1..64, got " + s.nbits()),
                (s, cx) -> ExprRules.bitRange(s.array(), s.bit(), s.nbits(), cx),
                (s, cx) -> type("value", s.value(), cx, U32, U64),
                (s, cx) -> !cx.ok(s.value()) || s.nbits() <= s.value().type().bits()
                        || cx.fail("value `" + text(s.value()) + "` (" + TirTypes.name(s.value().type())
                                + ") has fewer than nbits = " + s.nbits() + " bits"));
        rule(Load.class, s -> "load " + space(s.space()), s -> List.of(op("bitAddr", s.bitAddr()), op("pred", s.pred())),
                (s, cx) -> s.space() != null || cx.fail("the space is missing (null)"),
                (s, cx) -> MemoryRules.nbits(s.nbits(), cx),
                (s, cx) -> ExprRules.bitRange(s.array(), s.dstBit(), s.nbits(), cx),
                (s, cx) -> MemoryRules.align(s.align(), cx),
                (s, cx) -> MemoryRules.bitAddress(s.space(), s.ptr(), s.bitAddr(), s.nbits(), s.align(), cx),
                (s, cx) -> type("pred", s.pred(), cx, PRED));
        rule(Store.class, s -> "store " + space(s.space()), s -> List.of(op("bitAddr", s.bitAddr()), op("pred", s.pred())),
                (s, cx) -> s.space() != null || cx.fail("the space is missing (null)"),
                (s, cx) -> MemoryRules.nbits(s.nbits(), cx),
                (s, cx) -> ExprRules.bitRange(s.array(), s.srcBit(), s.nbits(), cx),
                (s, cx) -> MemoryRules.align(s.align(), cx),
                (s, cx) -> MemoryRules.bitAddress(s.space(), s.ptr(), s.bitAddr(), s.nbits(), s.align(), cx),
                (s, cx) -> type("pred", s.pred(), cx, PRED));
        rule(CpAsync.class, s -> "cp.async",
                s -> List.of(op("smemByteAddr", s.smemByteAddr()), op("gByteAddr", s.gByteAddr()), op("srcBytes", s.srcBytes()),
                        op("pred", s.pred())),
                (s, cx) -> s.bytes() == 4 || s.bytes() == 8 || s.bytes() == 16
                        || cx.fail("bytes must be 4, 8 or 16, got " + s.bytes()),
                (s, cx) -> MemoryRules.pointer(s.ptr(), cx),
                (s, cx) -> type("gByteAddr", s.gByteAddr(), cx, I64),
                (s, cx) -> MemoryRules.constAligned("gByteAddr", s.gByteAddr(), s.bytes(), "bytes", cx),
                (s, cx) -> MemoryRules.sharedBytes("smemByteAddr", s.smemByteAddr(), s.bytes(), s.bytes(), cx),
                (s, cx) -> type("srcBytes", s.srcBytes(), cx, I32),
                (s, cx) -> !(s.srcBytes() instanceof TExpr.Const k) || k.bits() >= 0 && k.bits() <= s.bytes()
                        || cx.fail("srcBytes " + k.bits() + " is outside 0.." + s.bytes()),
                (s, cx) -> type("pred", s.pred(), cx, PRED));
        rule(CpAsyncCommit.class, s -> "cp.async.commit", none());
        rule(CpAsyncWait.class, s -> "cp.async.wait", none(),
                (s, cx) -> s.n() >= 0 || cx.fail("n must be >= 0, got " + s.n()));
        rule(Ldmatrix.class, s -> "ldmatrix", s -> List.of(op("smemByteAddr", s.smemByteAddr())),
                (s, cx) -> MemoryRules.wordRange("array", s.array(), s.word(), s.count(), cx),
                (s, cx) -> MemoryRules.sharedBytes("smemByteAddr", s.smemByteAddr(), 16, 16, cx));
        rule(Mma.class, s -> "mma", none(), MemoryRules::mma);
        rule(Shfl.class, s -> "shfl", s -> List.of(op("value", s.value()), op("lane", s.lane())),
                (s, cx) -> s.mode() != null || cx.fail("the mode is missing (null)"),
                (s, cx) -> s.dst() != null || cx.fail("the destination variable is missing (null)"),
                (s, cx) -> s.dst().type() == U32 || cx.fail("the destination '" + s.dst().name() + "' must be u32, not "
                        + TirTypes.name(s.dst().type())),
                (s, cx) -> type("value", s.value(), cx, U32, I32, F32), // its 32 bits are shuffled
                (s, cx) -> type("lane", s.lane(), cx, I32));
        rule(BarSync.class, s -> "bar.sync", none());
        rule(Printf.class, s -> "printf", StmtRules::printfOperands,
                (s, cx) -> s.format() != null || cx.fail("the format is missing (null)"),
                (s, cx) -> conversions(s.format()) == s.args().size() || cx.fail("the format has "
                        + conversions(s.format()) + " conversions but there are " + s.args().size() + " arguments"),
                (s, cx) -> type("pred", s.pred(), cx, PRED));
        rule(AtomicWait.class, s -> "atomic.wait",
                s -> List.of(op("byteAddr", s.byteAddr()), op("value", s.value()), op("pred", s.pred())),
                (s, cx) -> MemoryRules.word32(s.ptr(), s.byteAddr(), s.value(), cx),
                (s, cx) -> type("pred", s.pred(), cx, PRED));
        rule(AtomicStore.class, s -> "atomic.store",
                s -> List.of(op("byteAddr", s.byteAddr()), op("value", s.value()), op("pred", s.pred())),
                (s, cx) -> MemoryRules.word32(s.ptr(), s.byteAddr(), s.value(), cx),
                (s, cx) -> type("pred", s.pred(), cx, PRED));
    }

    /** The row of {@code s}'s kind, or null when the kind has none. */
    @SuppressWarnings("unchecked")
    static Row<TStmt> row(TStmt s) { return (Row<TStmt>) TABLE.get(s.getClass()); }

    /** The statement classes that have a row (for the completeness test). */
    static Set<Class<? extends TStmt>> classes() { return Collections.unmodifiableSet(TABLE.keySet()); }

    // ---------------------------------------------------------------- checks

    /** Operand {@code role} has one of {@code types}; a malformed operand was reported already. */
    static boolean type(String role, TExpr e, TirRuleContext cx, ScalarType... types) {
        if (!cx.ok(e)) return true;
        for (ScalarType t : types) if (e.type() == t) return true;
        return cx.fail(role + " `" + text(e) + "` must be " + ExprRules.names(types) + ", not " + TirTypes.name(e.type()));
    }

    /** A control-flow operand is the same in every thread of the block. */
    static boolean uniform(String role, TExpr e, TirRuleContext cx) {
        if (!cx.ok(e)) return true;
        String cause = cx.varyingCause(e);
        return cause == null || cx.fail(role + " `" + text(e) + "` is not block-uniform: it depends on " + cause
                + " (control flow must be the same in every thread; use a predicate or a select instead)");
    }

    private static boolean valueType(TExpr.Var var, TExpr value, TirRuleContext cx) {
        if (!cx.ok(value)) return true;
        return value.type() == var.type() || cx.fail("value `" + text(value) + "` has type "
                + TirTypes.name(value.type()) + " but '" + var.name() + "' is " + TirTypes.name(var.type()));
    }

    private static boolean assignable(Assign a, TirRuleContext cx) {
        TirScope.Decl d = cx.lookup(a.var().name());
        if (d == null) return cx.fail("'" + a.var().name() + "' is not declared in an enclosing scope");
        if (d.kind() != TirScope.Kind.LET && d.kind() != TirScope.Kind.SHFL) {
            return cx.fail("only let variables and shfl results can be assigned; '" + a.var().name() + "' is a "
                    + d.kind().description + (d.where().startsWith("params") ? "" : " (at " + d.where() + ")"));
        }
        return d.type() == a.var().type() || cx.fail("'" + a.var().name() + "' is assigned as "
                + TirTypes.name(a.var().type()) + " but is declared " + TirTypes.name(d.type()) + " at " + d.where());
    }

    private static List<Operand> printfOperands(Printf p) {
        List<Operand> l = new ArrayList<>();
        for (int i = 0; i < p.args().size(); i++) l.add(op("args[" + i + "]", p.args().get(i)));
        l.add(op("pred", p.pred()));
        return l;
    }

    /** The number of conversions ({@code %d}, {@code %f}, ...; not {@code %%}) in a C format. */
    static int conversions(String format) {
        int n = 0;
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) != '%') continue;
            if (i + 1 < format.length() && format.charAt(i + 1) == '%') i++;
            else n++;
        }
        return n;
    }

    private static String space(Space s) {
        return s == null ? "<null>" : s.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String text(TExpr e) { return TirText.render(e); }
}
