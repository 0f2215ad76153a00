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

    private static boolean check() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return DequantDotVector.preferredFloatLanes() >= 8;
        } catch (LinkageError e) {
            return false;
        }
    }
}
