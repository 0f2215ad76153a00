package org.tilevm.codegen.ptx.tir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.TExpr.*;

/**
 * Reads back the infix subset of the text form (i32/u32/pred constants, the {@link Tx} parameter
 * variables, binary operators with C precedence, {@code min}/{@code max}, prefix {@code - ~ !} and
 * {@code ?:}) so tests can check that printing keeps the tree: {@code parse(render(e)).equals(e)}.
 */
final class InfixParser {
    private static final Map<String, Integer> PREC = Map.ofEntries(
            Map.entry("||", 2), Map.entry("&&", 3), Map.entry("|", 4), Map.entry("^", 5), Map.entry("&", 6),
            Map.entry("==", 7), Map.entry("!=", 7), Map.entry("<", 8), Map.entry("<=", 8), Map.entry(">", 8),
            Map.entry(">=", 8), Map.entry("<<", 9), Map.entry(">>", 9), Map.entry("+", 10), Map.entry("-", 10),
            Map.entry("*", 11), Map.entry("/", 11), Map.entry("%", 11));
    private static final Map<String, Var> VARS = Map.of("n", Tx.n, "flag", Tx.flag, "w8", Tx.k);

    private final List<String> tokens;
    private int pos;

    private InfixParser(String text) { this.tokens = tokenize(text); }

    static TExpr parse(String text) {
        InfixParser p = new InfixParser(text);
        TExpr e = p.ternary();
        if (p.pos != p.tokens.size()) throw new IllegalArgumentException("trailing " + p.tokens.subList(p.pos, p.tokens.size()));
        return e;
    }

    private TExpr ternary() {
        TExpr c = binary(2);
        if (!peek("?")) return c;
        pos++;
        TExpr a = binary(2);
        expect(":");
        return new Select(c, a, ternary());
    }

    private TExpr binary(int minPrec) {
        TExpr left = unary();
        while (pos < tokens.size() && PREC.containsKey(tokens.get(pos)) && PREC.get(tokens.get(pos)) >= minPrec) {
            String sym = tokens.get(pos++);
            TExpr right = binary(PREC.get(sym) + 1);
            left = new Bin(op(sym), left, right);
        }
        return left;
    }

    private TExpr unary() {
        String t = tokens.get(pos);
        if (t.equals("-") && Character.isDigit(tokens.get(pos + 1).charAt(0))) {
            pos++;
            return literal("-" + tokens.get(pos++));
        }
        switch (t) {
            case "-": pos++; return new Un(UOp.NEG, unary());
            case "~": pos++; return new Un(UOp.NOT, unary());
            case "!": pos++; return new Un(UOp.LNOT, unary());
            default: return primary();
        }
    }

    private TExpr primary() {
        String t = tokens.get(pos++);
        if (t.equals("(")) {
            TExpr e = ternary();
            expect(")");
            return e;
        }
        if (t.equals("min") || t.equals("max")) {
            expect("(");
            TExpr a = ternary();
            expect(",");
            TExpr b = ternary();
            expect(")");
            return new Bin(t.equals("min") ? BOp.MIN : BOp.MAX, a, b);
        }
        if (t.equals("true") || t.equals("false")) return TExpr.pred(t.equals("true"));
        if (Character.isDigit(t.charAt(0))) return literal(t);
        Var v = VARS.get(t);
        if (v == null) throw new IllegalArgumentException("unknown name " + t);
        return v;
    }

    private static TExpr literal(String t) {
        if (t.endsWith("u")) {
            String digits = t.substring(0, t.length() - 1);
            return TExpr.u32(digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits));
        }
        return TExpr.i32(Long.parseLong(t));
    }

    private static BOp op(String sym) {
        for (BOp op : BOp.values()) if (op.symbol().equals(sym)) return op;
        throw new IllegalArgumentException(sym);
    }

    private boolean peek(String s) { return pos < tokens.size() && tokens.get(pos).equals(s); }

    private void expect(String s) {
        if (!peek(s)) throw new IllegalArgumentException("expected " + s + " at " + pos + " in " + tokens);
        pos++;
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') { i++; continue; }
            int j = i + 1;
            if (Character.isLetterOrDigit(c) || c == '_') {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
            } else if (j < s.length() && List.of("<<", ">>", "<=", ">=", "==", "!=", "&&", "||").contains(s.substring(i, j + 1))) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }
}
