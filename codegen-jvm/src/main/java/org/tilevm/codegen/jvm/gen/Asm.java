package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/** Small conveniences over {@link GeneratorAdapter}: calls named by Java classes, counted loops. */
final class Asm {
    private Asm() {}

    static final Type OBJECT = Type.getType(Object.class);
    static final Type STRING = Type.getType(String.class);
    static final Type INT_ARRAY = Type.getType(int[].class);
    static final Type LONG_ARRAY = Type.getType(long[].class);
    static final Type FLOAT_ARRAY = Type.getType(float[].class);
    static final Type DOUBLE_ARRAY = Type.getType(double[].class);

    static Method method(String name, Class<?> ret, Class<?>... params) {
        Type[] p = new Type[params.length];
        for (int i = 0; i < p.length; i++) p[i] = Type.getType(params[i]);
        return new Method(name, Type.getType(ret), p);
    }

    static void callStatic(GeneratorAdapter g, Class<?> owner, String name, Class<?> ret, Class<?>... params) {
        g.invokeStatic(Type.getType(owner), method(name, ret, params));
    }

    static void callVirtual(GeneratorAdapter g, Class<?> owner, String name, Class<?> ret, Class<?>... params) {
        g.invokeVirtual(Type.getType(owner), method(name, ret, params));
    }

    /** The body of a loop over an int index. */
    interface Body { void emit(int index); }

    /** {@code for (int i = 0; i < n; i++) body(i)} with a constant bound. */
    static void forRange(GeneratorAdapter g, int n, Body body) {
        int i = g.newLocal(Type.INT_TYPE);
        g.push(0);
        g.storeLocal(i);
        org.objectweb.asm.Label head = g.mark(), end = new org.objectweb.asm.Label();
        g.loadLocal(i);
        g.push(n);
        g.ifICmp(GeneratorAdapter.GE, end);
        body.emit(i);
        g.iinc(i, 1);
        g.goTo(head);
        g.mark(end);
    }
}
