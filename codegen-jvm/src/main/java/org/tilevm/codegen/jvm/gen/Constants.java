package org.tilevm.codegen.jvm.gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The constants of one generated class (index maps, plans, tables, dtypes): passed as the hidden
 * class's class data and copied into {@code static final} fields by its static initializer, so
 * that C2 treats every reference as a constant. Equal arrays are stored once.
 */
final class Constants {
    private final List<Object> values = new ArrayList<>();
    private final List<Type> types = new ArrayList<>();
    private final Map<Object, Integer> index = new HashMap<>();
    private final String owner;

    Constants(String owner) { this.owner = owner; }

    /** Pushes the constant {@code value} (of static type {@code type}). */
    void push(GeneratorAdapter g, Object value, Type type) {
        int i = add(value, type);
        g.getStatic(Type.getObjectType(owner), name(i), types.get(i));
    }

    void push(GeneratorAdapter g, int[] value) { push(g, value, Type.getType(int[].class)); }

    int add(Object value, Type type) {
        Object key = key(value);
        Integer i = index.get(key);
        if (i != null && types.get(i).equals(type)) return i;
        values.add(value);
        types.add(type);
        index.put(key, values.size() - 1);
        return values.size() - 1;
    }

    private static Object key(Object v) {
        return switch (v) {
            case int[] a -> new ArrayKey(Arrays.hashCode(a), a);
            case long[] a -> new ArrayKey(Arrays.hashCode(a), a);
            case float[] a -> new ArrayKey(Arrays.hashCode(a), a);
            case double[] a -> new ArrayKey(Arrays.hashCode(a), a);
            case Object[] a -> new IdentityKey(a);
            case String s -> s;
            default -> new IdentityKey(v);
        };
    }

    /** Array contents as a key (arrays compare by identity otherwise). */
    private record ArrayKey(int hash, Object array) {
        @Override public boolean equals(Object o) {
            return o instanceof ArrayKey k && hash == k.hash && Arrays.deepEquals(new Object[] {array}, new Object[] {k.array});
        }
        @Override public int hashCode() { return hash; }
    }

    private record IdentityKey(Object value) {
        @Override public boolean equals(Object o) { return o instanceof IdentityKey k && k.value == value; }
        @Override public int hashCode() { return System.identityHashCode(value); }
    }

    static String name(int i) { return "K" + i; }

    /** The class data: the constants in field order. */
    Object[] data() { return values.toArray(); }

    /**
     * Declares the fields and emits their initialization from the class data (into a static
     * initializer); a visible (not hidden) class takes its data from {@link org.tilevm.codegen.jvm.runtime.ClassDataRegistry}.
     */
    void declare(org.objectweb.asm.ClassVisitor cv, GeneratorAdapter clinit, boolean visible) {
        for (int i = 0; i < values.size(); i++) {
            cv.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE, name(i), types.get(i).getDescriptor(),
                    null, null).visitEnd();
        }
        Type lookup = Type.getType(java.lang.invoke.MethodHandles.Lookup.class);
        if (visible) {
            clinit.push(owner.replace('/', '.'));
            clinit.invokeStatic(Type.getType(org.tilevm.codegen.jvm.runtime.ClassDataRegistry.class),
                    new org.objectweb.asm.commons.Method("take", Type.getType(Object[].class), new Type[] {Type.getType(String.class)}));
        } else {
            clinit.invokeStatic(Type.getType(java.lang.invoke.MethodHandles.class),
                    new org.objectweb.asm.commons.Method("lookup", lookup, new Type[0]));
            clinit.push("_");
            clinit.push(Type.getType(Object[].class));
            clinit.invokeStatic(Type.getType(java.lang.invoke.MethodHandles.class),
                    new org.objectweb.asm.commons.Method("classData", Type.getType(Object.class),
                            new Type[] {lookup, Type.getType(String.class), Type.getType(Class.class)}));
        }
        clinit.checkCast(Type.getType(Object[].class));
        int data = clinit.newLocal(Type.getType(Object[].class));
        clinit.storeLocal(data);
        for (int i = 0; i < values.size(); i++) {
            clinit.loadLocal(data);
            clinit.push(i);
            clinit.arrayLoad(Type.getType(Object.class));
            clinit.checkCast(types.get(i));
            clinit.putStatic(Type.getObjectType(owner), name(i), types.get(i));
        }
    }
}
