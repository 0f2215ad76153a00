package org.tilevm.spec.verify;

import java.util.HashMap;
import java.util.Map;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.TensorType;

/**
 * One lexical scope of the verifier: the scalars and tensors it defines, and its parent. Lookups
 * walk outwards; definitions go into this scope and vanish when it is left.
 */
final class Scope {
    /** What a scalar name refers to. */
    enum ScalarKind {
        PARAM("scalar parameter"), POINTER("pointer parameter"), LOOP("loop variable"), LET("let variable");

        final String description;

        ScalarKind(String description) { this.description = description; }
    }

    record ScalarBinding(String name, DType type, ScalarKind kind) {}

    /** A defined tensor: its type, where it was defined, and (shared tensors) where it was freed. */
    static final class TensorBinding {
        final TensorType type;
        final String definedAt;
        String freedAt;

        TensorBinding(TensorType type, String definedAt) {
            this.type = type;
            this.definedAt = definedAt;
        }
    }

    private final Scope parent;
    private final Map<String, ScalarBinding> scalars = new HashMap<>();
    private final Map<String, TensorBinding> tensors = new HashMap<>();

    Scope(Scope parent) { this.parent = parent; }

    Scope parent() { return parent; }

    ScalarBinding scalar(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            ScalarBinding b = s.scalars.get(name);
            if (b != null) return b;
        }
        return null;
    }

    TensorBinding tensor(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            TensorBinding b = s.tensors.get(name);
            if (b != null) return b;
        }
        return null;
    }

    void defineScalar(String name, DType type, ScalarKind kind) {
        scalars.put(name, new ScalarBinding(name, type, kind));
    }

    TensorBinding defineTensor(String name, TensorType type, String path) {
        TensorBinding b = new TensorBinding(type, path);
        tensors.put(name, b);
        return b;
    }
}
