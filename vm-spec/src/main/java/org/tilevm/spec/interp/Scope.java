package org.tilevm.spec.interp;

import java.util.HashMap;
import org.tilevm.spec.dtype.DType;

/**
 * One lexical scope of a block: the scalars and tensors defined in it, and its parent. The root
 * scope holds the scalar parameters; every {@code Seq} and every loop opens a child.
 */
final class Scope {
    /** A scalar variable: its type and current value (an integer value, or the bits of a double). */
    static final class Cell {
        final DType type;
        long bits;

        Cell(DType type, long bits) { this.type = type; this.bits = bits; }
    }

    final Scope parent;
    private HashMap<String, Cell> scalars;
    private HashMap<String, TensorValue> tensors;

    Scope(Scope parent) { this.parent = parent; }

    Cell findScalar(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.scalars != null) {
                Cell c = s.scalars.get(name);
                if (c != null) return c;
            }
        }
        return null;
    }

    Cell defineScalar(String name, DType type, long bits) {
        if (scalars == null) scalars = new HashMap<>();
        Cell c = new Cell(type, bits);
        scalars.put(name, c);
        return c;
    }

    TensorValue findTensor(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.tensors != null) {
                TensorValue v = s.tensors.get(name);
                if (v != null) return v;
            }
        }
        return null;
    }

    /** Binds {@code name} in the scope that already binds it, else in this scope. */
    void bindTensor(String name, TensorValue value) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.tensors != null && s.tensors.containsKey(name)) {
                s.tensors.put(name, value);
                return;
            }
        }
        if (tensors == null) tensors = new HashMap<>();
        tensors.put(name, value);
    }
}
