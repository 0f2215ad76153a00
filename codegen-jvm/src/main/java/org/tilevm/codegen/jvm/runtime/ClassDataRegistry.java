package org.tilevm.codegen.jvm.runtime;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The class data of generated classes that are defined as ordinary (not hidden) classes, for
 * profiling ({@code -Dtilevm.jvm.visibleClasses=true}: profilers do not show frames of hidden
 * classes). Each entry is taken once, by the class's static initializer.
 */
public final class ClassDataRegistry {
    private ClassDataRegistry() {}

    private static final ConcurrentHashMap<String, Object[]> DATA = new ConcurrentHashMap<>();

    public static void put(String className, Object[] data) { DATA.put(className, data); }

    public static Object[] take(String className) { return DATA.remove(className); }
}
