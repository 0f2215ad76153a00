package org.tilevm.spec.print;

import java.util.Arrays;
import java.util.StringJoiner;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Swizzle;
import org.tilevm.layout.Sym;
import org.tilevm.spec.ir.TensorType;

/**
 * Prints tensor types:
 * {@code register<f32>[16, 8] local(2,1).spatial(8,4).local(1,2)},
 * {@code shared<f16>[64, 32] strides [32, 1] swizzle(2, 3, 3)},
 * {@code global<f16>[m, k] strides [k, 1]}.
 * Register layouts print with their {@code toString()} (the canonical layout DSL text form),
 * symbolic sizes with {@code Sym.toString()}.
 */
final class TypePrinter {
    private TypePrinter() {}

    static String print(TensorType type) {
        return switch (type) {
            case TensorType.Register r -> "register<" + r.dtype().name() + ">" + dims(r.layout().shape())
                    + " " + r.layout();
            case TensorType.Shared s -> "shared<" + s.dtype().name() + ">" + dims(s.layout().shape())
                    + shared(s.layout());
            case TensorType.Global g -> "global<" + g.dtype().name() + ">" + global(g.layout());
        };
    }

    static String dims(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * {@code strides [32, 1]} when every dimension is one mode; else CuTe-like
     * {@code modes [(8, 8):(256, 1), 32:8]} (per dimension: sizes:strides of its modes, most
     * significant first); then {@code swizzle(bits, base, shift)} and {@code base n} when present.
     */
    private static String shared(SharedLayout layout) {
        int[] modes = layout.modeShape();
        int[] strides = layout.modeStrides();
        boolean simple = true;
        for (int d = 0; d < layout.rank(); d++) simple &= layout.modesOfDim(d).length == 1;
        StringBuilder sb = new StringBuilder();
        if (simple) {
            sb.append(" strides ").append(Arrays.toString(strides));
        } else {
            StringJoiner dimsText = new StringJoiner(", ", " modes [", "]");
            for (int d = 0; d < layout.rank(); d++) {
                int[] ms = layout.modesOfDim(d);
                if (ms.length == 1) {
                    dimsText.add(modes[ms[0]] + ":" + strides[ms[0]]);
                } else {
                    StringJoiner sz = new StringJoiner(", ", "(", ")"), st = new StringJoiner(", ", "(", ")");
                    for (int m : ms) {
                        sz.add(Integer.toString(modes[m]));
                        st.add(Integer.toString(strides[m]));
                    }
                    dimsText.add(sz + ":" + st);
                }
            }
            sb.append(dimsText);
        }
        Swizzle sw = layout.swizzle();
        if (!sw.isIdentity()) {
            sb.append(" swizzle(").append(sw.bits()).append(", ").append(sw.base()).append(", ").append(sw.shift()).append(')');
        }
        if (layout.baseOffset() != 0) sb.append(" base ").append(layout.baseOffset());
        return sb.toString();
    }

    private static String global(GlobalLayout layout) {
        return syms(layout.shape().stream().map(Sym::toString).toList())
                + " strides " + syms(layout.strides().stream().map(Sym::toString).toList());
    }

    private static String syms(java.util.List<String> items) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        items.forEach(j::add);
        return j.toString();
    }
}
