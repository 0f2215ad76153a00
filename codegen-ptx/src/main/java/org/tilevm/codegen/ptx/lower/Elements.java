package org.tilevm.codegen.ptx.lower;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;

/**
 * Element access inside a thread's register array, and the map from a result element to the
 * operand register of the <em>same thread</em> that holds the element it needs (for broadcasting
 * and shape changes). The map must not depend on the thread: a code generator indexes register
 * arrays with constants only.
 */
final class Elements {
    private Elements() {}

    /** The code of local element {@code l} (U32 or U64). */
    static TExpr code(Binding.Reg r, int l) {
        int bits = r.dtype().bits();
        return new TExpr.GetBits(r.array(), l * bits, bits);
    }

    /** The value of local element {@code l}. */
    static TExpr value(Binding.Reg r, int l) { return new TExpr.Decode(r.dtype(), code(r, l)); }

    static void setCode(LowerContext ctx, Binding.Reg r, int l, TExpr code) {
        int bits = r.dtype().bits();
        ctx.emit(new TStmt.SetBits(r.array(), l * bits, bits, code));
    }

    /** Stores a raw arithmetic result (or a value already in range) into element {@code l}, rounding as arithmetic does. */
    static void setValue(LowerContext ctx, Binding.Reg r, int l, TExpr value) {
        DType t = r.dtype();
        if (value.type() == ScalarType.PRED) value = T.to(ScalarType.I32, value);
        setCode(ctx, r, l, new TExpr.Encode(t, value, TExpr.Rounding.ARITH));
    }

    private static final Map<List<Object>, int[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * For each local element of {@code out}, the local element of {@code operand} held by the same
     * thread whose index is {@code indexMap(outIndex)}; null when for some element that local
     * depends on the thread or no same-thread holder exists.
     */
    static int[] sameThreadLocals(RegisterLayout out, RegisterLayout operand, Function<int[], int[]> indexMap, Object mapKey) {
        List<Object> key = List.of(out, operand, mapKey);
        int[] cached = CACHE.get(key);
        if (cached != null) return cached.length == 0 ? null : cached;
        int[] result = compute(out, operand, indexMap);
        CACHE.put(key, result == null ? new int[0] : result);
        return result;
    }

    private static int[] compute(RegisterLayout out, RegisterLayout operand, Function<int[], int[]> indexMap) {
        int n = out.localSize();
        int[] locals = new int[n];
        Arrays.fill(locals, -1);
        Map<Integer, Integer> perThread = new HashMap<>();
        for (int l = 0; l < n; l++) {
            for (int t = 0; t < out.numThreads(); t++) {
                int[] src = indexMap.apply(out.indexOf(t, l));
                int found = -1;
                for (RegisterLayout.Holder h : operand.holders(src)) {
                    if (h.thread() == t) {
                        found = h.local();
                        break;
                    }
                }
                if (found < 0) return null;
                if (locals[l] < 0) locals[l] = found;
                else if (locals[l] != found) return null;
            }
        }
        perThread.clear();
        return locals;
    }

    /** Index map for broadcasting: dimensions of size 1 in {@code operandShape} read index 0. */
    static Function<int[], int[]> broadcast(int[] operandShape) {
        return idx -> {
            int[] r = idx.clone();
            for (int d = 0; d < r.length; d++) if (operandShape[d] == 1) r[d] = 0;
            return r;
        };
    }
}
