package org.tilevm.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A symbolic integer: a polynomial with {@code long} coefficients over named parameters.
 *
 * <p>Canonical: a polynomial is a map from monomials (multisets of variable names) to non-zero coefficients, so
 * {@code equals}/{@code hashCode} are structural equality of polynomials ({@code M*K} equals {@code K*M},
 * {@code M + M} equals {@code 2*M}). {@code toString()} prints monomials by decreasing degree, then by their sorted
 * variable names; within a monomial variables are sorted, powers written {@code M^2}, e.g. {@code 2*K*M + N - 4}.
 * Arithmetic overflow of a coefficient or during {@link #eval} throws {@link LayoutException}.
 */
public final class Sym {
    /** A monomial: sorted variable names with repetition. */
    private record Mono(List<String> vars) implements Comparable<Mono> {
        static final Mono ONE = new Mono(List.of());

        Mono times(Mono o) {
            List<String> v = new ArrayList<>(vars);
            v.addAll(o.vars);
            Collections.sort(v);
            return new Mono(List.copyOf(v));
        }

        @Override
        public int compareTo(Mono o) {
            if (vars.size() != o.vars.size()) {
                return Integer.compare(o.vars.size(), vars.size()); // higher degree first
            }
            for (int i = 0; i < vars.size(); i++) {
                int c = vars.get(i).compareTo(o.vars.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < vars.size()) {
                int j = i;
                while (j < vars.size() && vars.get(j).equals(vars.get(i))) {
                    j++;
                }
                if (!sb.isEmpty()) {
                    sb.append('*');
                }
                sb.append(vars.get(i));
                if (j - i > 1) {
                    sb.append('^').append(j - i);
                }
                i = j;
            }
            return sb.toString();
        }
    }

    private final TreeMap<Mono, Long> terms; // no zero coefficients

    private Sym(TreeMap<Mono, Long> terms) {
        this.terms = terms;
    }

    /** One term of the polynomial: {@code coefficient * vars[0] * vars[1] * ...} (vars sorted, with repetition). */
    public record Term(List<String> vars, long coefficient) {}

    /** The terms, in printing order (for code generators that evaluate the polynomial). */
    public List<Term> terms() {
        List<Term> out = new ArrayList<>();
        terms.forEach((m, c) -> out.add(new Term(m.vars(), c)));
        return List.copyOf(out);
    }

    public static Sym constant(long value) {
        TreeMap<Mono, Long> t = new TreeMap<>();
        if (value != 0) {
            t.put(Mono.ONE, value);
        }
        return new Sym(t);
    }

    /** A variable; names are identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}). */
    public static Sym var(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new LayoutException("invalid variable name '" + name + "' (expected an identifier)");
        }
        TreeMap<Mono, Long> t = new TreeMap<>();
        t.put(new Mono(List.of(name)), 1L);
        return new Sym(t);
    }

    private static long add(long a, long b, String what) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new LayoutException("long overflow in " + what, e);
        }
    }

    private static long mul(long a, long b, String what) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new LayoutException("long overflow in " + what, e);
        }
    }

    public Sym plus(Sym other) {
        Objects.requireNonNull(other, "other");
        TreeMap<Mono, Long> t = new TreeMap<>(terms);
        for (Map.Entry<Mono, Long> e : other.terms.entrySet()) {
            long c = add(t.getOrDefault(e.getKey(), 0L), e.getValue(), "(" + this + ") + (" + other + ")");
            if (c == 0) {
                t.remove(e.getKey());
            } else {
                t.put(e.getKey(), c);
            }
        }
        return new Sym(t);
    }

    public Sym plus(long c) {
        return plus(constant(c));
    }

    public Sym minus(Sym other) {
        return plus(other.negate());
    }

    public Sym negate() {
        return times(constant(-1));
    }

    public Sym times(Sym other) {
        Objects.requireNonNull(other, "other");
        String what = "(" + this + ") * (" + other + ")";
        TreeMap<Mono, Long> t = new TreeMap<>();
        for (Map.Entry<Mono, Long> a : terms.entrySet()) {
            for (Map.Entry<Mono, Long> b : other.terms.entrySet()) {
                Mono m = a.getKey().times(b.getKey());
                long c = add(t.getOrDefault(m, 0L), mul(a.getValue(), b.getValue(), what), what);
                if (c == 0) {
                    t.remove(m);
                } else {
                    t.put(m, c);
                }
            }
        }
        return new Sym(t);
    }

    public Sym times(long c) {
        return times(constant(c));
    }

    public boolean isConstant() {
        return terms.isEmpty() || (terms.size() == 1 && terms.containsKey(Mono.ONE));
    }

    /** The value of a constant. @throws LayoutException if this has variables */
    public long constantValue() {
        if (!isConstant()) {
            throw new LayoutException("symbolic value " + this + " is not a constant");
        }
        return terms.getOrDefault(Mono.ONE, 0L);
    }

    /** The variable names, sorted (unmodifiable). */
    public Set<String> variables() {
        TreeSet<String> s = new TreeSet<>();
        for (Mono m : terms.keySet()) {
            s.addAll(m.vars());
        }
        return Collections.unmodifiableSet(s);
    }

    /**
     * Evaluates with the given variable values.
     *
     * @throws LayoutException naming the first (alphabetically) variable missing from {@code env}, or on overflow
     */
    public long eval(Map<String, Long> env) {
        Objects.requireNonNull(env, "env");
        for (String v : variables()) {
            if (env.get(v) == null) {
                throw new LayoutException("cannot evaluate " + this + ": variable '" + v + "' has no value");
            }
        }
        String what = "evaluating " + this + " with " + new TreeMap<>(env);
        long sum = 0;
        for (Map.Entry<Mono, Long> e : terms.entrySet()) {
            long p = e.getValue();
            for (String v : e.getKey().vars()) {
                p = mul(p, env.get(v), what);
            }
            sum = add(sum, p, what);
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sym s && terms.equals(s.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Mono, Long> e : terms.entrySet()) {
            long c = e.getValue();
            Mono m = e.getKey();
            boolean neg = c < 0;
            if (sb.isEmpty()) {
                if (neg) {
                    sb.append('-');
                }
            } else {
                sb.append(neg ? " - " : " + ");
            }
            String mag = c == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(c));
            if (m.vars().isEmpty()) {
                sb.append(mag);
            } else {
                if (!mag.equals("1")) {
                    sb.append(mag).append('*');
                }
                sb.append(m);
            }
        }
        return sb.toString();
    }
}
