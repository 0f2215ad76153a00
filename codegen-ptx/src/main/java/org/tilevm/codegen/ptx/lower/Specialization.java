package org.tilevm.codegen.ptx.lower;

import java.util.Map;
import java.util.TreeMap;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * What the lowering may assume about the launch arguments: for each integer scalar parameter, a
 * power of two (1..16) that divides it. As in Triton, a kernel is lowered once per divisibility
 * signature: the launcher computes the signature from the actual arguments ({@link #of}), so an
 * assumption never fails; larger divisors let loads, stores and {@code cp.async} use 16-byte
 * vectors (row strides and tile edges line up). {@link #none()} assumes nothing.
 */
public record Specialization(Map<String, Integer> divisors) {
    /** The largest divisor recorded (16 elements is enough for every 16-byte vector of 8-bit data). */
    public static final int MAX_DIVISOR = 16;

    public Specialization {
        divisors = Map.copyOf(new TreeMap<>(divisors));
        divisors.forEach((k, v) -> {
            if (v < 1 || v > MAX_DIVISOR || Integer.bitCount(v) != 1) {
                throw new IllegalArgumentException("divisor of " + k + " must be a power of two in [1, 16], got " + v);
            }
        });
    }

    public static Specialization none() { return new Specialization(Map.of()); }

    /** The signature of concrete launch arguments (scalar parameters given as {@code Number}s). */
    public static Specialization of(Program program, Map<String, ?> args) {
        Map<String, Integer> d = new TreeMap<>();
        for (Param p : program.params()) {
            if (p.pointer() || p.dtype().isFloat() || p.dtype().bits() == 1) continue;
            if (args.get(p.name()) instanceof Number n) d.put(p.name(), divisorOf(n.longValue()));
        }
        return new Specialization(d);
    }

    /** The largest power of two, at most {@link #MAX_DIVISOR}, that divides {@code v} (0 counts as divisible by all). */
    public static int divisorOf(long v) {
        if (v == 0) return MAX_DIVISOR;
        return (int) Math.min(MAX_DIVISOR, Long.lowestOneBit(v));
    }

    /** The known divisor of parameter {@code name} (1 when unknown). */
    public int divisor(String name) { return divisors.getOrDefault(name, 1); }

    /** A short text for cache keys and comments, e.g. {@code k%16 n%8}. */
    public String signature() {
        StringBuilder sb = new StringBuilder();
        divisors.forEach((k, v) -> {
            if (v > 1) sb.append(sb.isEmpty() ? "" : " ").append(k).append('%').append(v);
        });
        return sb.toString();
    }
}
