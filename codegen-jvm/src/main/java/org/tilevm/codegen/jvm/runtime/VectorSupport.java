package org.tilevm.codegen.jvm.runtime;

/**
 * Whether the Vector API ({@code jdk.incubator.vector}) can be used: the module must be in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the preferred
 * vector must hold at least 8 floats (AVX2 or wider); otherwise the kernels run their scalar code,
 * with the same results. Classes that use the Vector API are touched only when this is true.
 */
final class VectorSupport {
    private VectorSupport() {}

    static final boolean AVAILABLE = check();

    /**
     * Calls that run scalar before the vector paths are used ({@code -Dtilevm.jvm.vectorAfter=N},
     * default 64): Vector API code is very slow until C2 has compiled it (interpreted and C1 code
     * box every vector), so a short launch on a cold JVM, such as {@code tilevm demo}, is faster
     * on the scalar loops; a long one soon passes the count. The tests set it to 0.
     */
    static final int COLD_CALLS = Math.max(0, Integer.getInteger("tilevm.jvm.vectorAfter", 64));
    private static int calls; // racy on purpose: an approximate count is enough

    /** Whether this call takes a Vector API path. */
    static boolean use() {
        if (!DequantDot.VECTOR) return false;
        if (calls >= COLD_CALLS) return true;
        calls++;
        return false;
    }

    private static boolean check() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return DequantDotVector.preferredFloatLanes() >= 8;
        } catch (LinkageError e) {
            return false;
        }
    }
}
