package org.tilevm.codegen.jvm.gen;

import java.util.concurrent.ConcurrentHashMap;
import org.tilevm.codegen.jvm.runtime.FloatRounding;
import org.tilevm.spec.dtype.FloatType;

/** One {@link FloatRounding} per float type, shared by all generated classes (they are immutable). */
final class Rounders {
    private Rounders() {}

    private static final ConcurrentHashMap<FloatType, FloatRounding> CACHE = new ConcurrentHashMap<>();

    static FloatRounding of(FloatType t) { return CACHE.computeIfAbsent(t, FloatRounding::new); }

    private static final ConcurrentHashMap<FloatType, double[]> TABLES = new ConcurrentHashMap<>();

    /** code -> value of a float type of at most 16 bits. */
    static double[] decodeTable(FloatType t) { return TABLES.computeIfAbsent(t, FloatRounding::decodeTable); }
}
