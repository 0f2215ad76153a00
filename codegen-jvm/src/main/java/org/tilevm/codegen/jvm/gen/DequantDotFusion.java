package org.tilevm.codegen.jvm.gen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.AllocateGlobal;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Cast;
import org.tilevm.spec.ir.Dot;
import org.tilevm.spec.ir.ElementwiseBinary;
import org.tilevm.spec.ir.GlobalView;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.LoadGlobal;
import org.tilevm.spec.ir.LockSemaphore;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.ReleaseSemaphore;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.StoreGlobal;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.View;

/**
 * Finds the dequantize-and-multiply chains that run as one fused kernel
 * ({@code runtime.DequantDot}): in one statement sequence,
 *
 * <pre>
 *   L = load_global G[..]          8-bit integer codes, rank 2 [K, RB]
 *   V = view L as intB             B = 1..8 bits, [K, N] with RB * 8 = N * B, N a multiple of 8
 *                                  (or a float type of 1, 2 or 4 bits, cast to f32 only)
 *   C = cast V to f32
 *   C' = binary C OP row           zero, one or two of these; OP in add/sub/mul, row an f32 [1, N]
 *   D = dot A, C', Acc             A f32 [M, K], Acc and D f32 [M, N], D not A
 * </pre>
 *
 * or its integer form (W4A8): C = cast V to T with T = i16 or i32, rows of T, A of T, and an i32
 * accumulator ({@code runtime.IntDequantDot}).
 *
 * where L, V, C and each C' are mentioned nowhere else in the program (they die inside the chain),
 * and the statements between the load and the dot neither write global memory nor synchronize
 * with other blocks (no {@code store_global}, semaphores or {@code allocate_global}), contain no
 * control flow, and do not overwrite a row operand after its use. Under these conditions the
 * fused kernel, which reads the codes at the dot rather than at the load, sees the same bytes and
 * computes every element with the same operations. Whether the view really is the row-major bit
 * stream the kernel assumes depends on the layouts and is checked when the load is generated
 * ({@link DequantDotGen}); the tile's bounds are checked at run time, with the unfused code as
 * the fallback. {@code -Dtilevm.jvm.fuse=false} turns the fusion off.
 */
final class DequantDotFusion {
    private DequantDotFusion() {}

    static final boolean ENABLED = !"false".equals(System.getProperty("tilevm.jvm.fuse"));

    /** One chain; {@link #originLocal} is set when its load is generated (-1: the chain runs unfused). */
    static final class Chain {
        final LoadGlobal load;
        final View view;
        final Cast cast;
        final List<ElementwiseBinary> rowOps;
        final Dot dot;
        int originLocal = -1;

        /** Whether this is the integer form (cast to i16/i32, i32 accumulator). */
        boolean integer() { return !cast.out().type().dtype().equals(DTypes.F32); }

        Chain(LoadGlobal load, View view, Cast cast, List<ElementwiseBinary> rowOps, Dot dot) {
            this.load = load;
            this.view = view;
            this.cast = cast;
            this.rowOps = List.copyOf(rowOps);
            this.dot = dot;
        }

        boolean fused() { return originLocal >= 0; }
    }

    /** Every instruction of every chain of {@code program}, mapped to its chain. */
    static IdentityHashMap<Instruction, Chain> find(Program program) {
        IdentityHashMap<Instruction, Chain> out = new IdentityHashMap<>();
        if (!ENABLED) return out;
        Map<String, Integer> mentions = new HashMap<>();
        count(program.body(), mentions);
        visit(program.body(), mentions, out);
        return out;
    }

    private static void count(Stmt s, Map<String, Integer> mentions) {
        switch (s) {
            case Stmt.Seq q -> q.body().forEach(x -> count(x, mentions));
            case Stmt.For f -> count(f.body(), mentions);
            case Stmt.While w -> count(w.body(), mentions);
            case Stmt.If i -> {
                count(i.then(), mentions);
                if (i.otherwise() != null) count(i.otherwise(), mentions);
            }
            case Stmt.Exec x -> {
                Instruction ins = x.instruction();
                if (ins.output() != null) mentions.merge(ins.output().name(), 1, Integer::sum);
                for (TensorVar v : ins.inputs()) mentions.merge(v.name(), 1, Integer::sum);
            }
            default -> { }
        }
    }

    private static void visit(Stmt s, Map<String, Integer> mentions, IdentityHashMap<Instruction, Chain> out) {
        switch (s) {
            case Stmt.Seq q -> {
                List<Stmt> items = q.body();
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof Stmt.Exec x && x.instruction() instanceof LoadGlobal l) {
                        Chain ch = chainFrom(l, items, i + 1, mentions);
                        if (ch != null) {
                            for (Instruction ins : members(ch)) out.put(ins, ch);
                        }
                    }
                    visit(items.get(i), mentions, out);
                }
            }
            case Stmt.For f -> visit(f.body(), mentions, out);
            case Stmt.While w -> visit(w.body(), mentions, out);
            case Stmt.If i -> {
                visit(i.then(), mentions, out);
                if (i.otherwise() != null) visit(i.otherwise(), mentions, out);
            }
            default -> { }
        }
    }

    static List<Instruction> members(Chain ch) {
        List<Instruction> all = new ArrayList<>(List.of(ch.load, ch.view, ch.cast));
        all.addAll(ch.rowOps);
        all.add(ch.dot);
        return all;
    }

    /** The chain that starts with {@code load}, whose later members are in {@code items} from {@code from}; or null. */
    private static Chain chainFrom(LoadGlobal load, List<Stmt> items, int from, Map<String, Integer> mentions) {
        if (!dying(load.out(), mentions) || dtype(load.out()).bits() != 8 || !dtype(load.out()).isInteger()
                || dtype(load.src()).bits() != 8 || shape(load.out()).length != 2) {
            return null;
        }
        View view = null;
        Cast cast = null;
        List<ElementwiseBinary> rowOps = new ArrayList<>();
        List<String> rows = new ArrayList<>(); // row operands in use: nothing may overwrite them before the dot
        TensorVar cur = load.out();
        for (int i = from; i < items.size(); i++) {
            Stmt st = items.get(i);
            if (st instanceof Stmt.Let || st instanceof Stmt.Assign) continue;
            if (!(st instanceof Stmt.Exec x)) return null; // control flow between the load and the dot
            Instruction ins = x.instruction();
            if (ins.output() != null && rows.contains(ins.output().name())) return null;
            String curName = cur.name();
            boolean usesCur = ins.inputs().stream().anyMatch(v -> v.name().equals(curName));
            if (!usesCur) {
                if (!harmless(ins)) return null;
                continue;
            }
            if (view == null) {
                if (!(ins instanceof View v) || !v.src().name().equals(cur.name()) || !dying(v.out(), mentions)) return null;
                DType t = dtype(v.out());
                int[] ls = shape(load.out()), vs = shape(v.out());
                if (!codeType(t) || vs.length != 2 || vs[0] != ls[0] || vs[1] % 8 != 0
                        || (long) ls[1] * 8 != (long) vs[1] * t.bits()) {
                    return null;
                }
                view = v;
                cur = v.out();
            } else if (cast == null) {
                if (!(ins instanceof Cast c) || !c.src().name().equals(cur.name()) || !valueType(dtype(c.out()))
                        || !dying(c.out(), mentions) || (dtype(cur).isFloat() && !dtype(c.out()).equals(DTypes.F32))) {
                    return null;
                }
                cast = c;
                cur = c.out();
            } else if (ins instanceof ElementwiseBinary b && rowOps.size() < 2) {
                int n = shape(cur)[1];
                DType vt = dtype(cast.out());
                if (!b.a().name().equals(cur.name()) || b.b().name().equals(cur.name()) || !rowOp(b.op())
                        || !dtype(b.out()).equals(vt) || !dtype(b.b()).equals(vt)
                        || !java.util.Arrays.equals(shape(b.b()), new int[] {1, n}) || !dying(b.out(), mentions)) {
                    return null;
                }
                rowOps.add(b);
                rows.add(b.b().name());
                cur = b.out();
            } else if (ins instanceof Dot d) {
                int[] as = shape(d.a());
                DType vt = dtype(cast.out()), acc = vt.equals(DTypes.F32) ? DTypes.F32 : DTypes.I32;
                if (!d.b().name().equals(cur.name()) || d.a().name().equals(cur.name()) || d.c().name().equals(cur.name())
                        || !dtype(d.a()).equals(vt) || !dtype(d.out()).equals(acc)
                        || !dtype(d.c()).equals(acc) || d.out().name().equals(d.a().name()) || as.length != 2) {
                    return null;
                }
                return new Chain(load, view, cast, rowOps, d);
            } else {
                return null;
            }
        }
        return null;
    }

    /**
     * The code types the kernels read: integers of 1..8 bits, and floats of 1, 2 or 4 bits (their
     * values come from a table: {@code runtime.DequantDot.runFloatCodes}; wider float codes run
     * unfused).
     */
    private static boolean codeType(DType t) {
        if (t.isInteger()) return t.bits() <= 8;
        return t.isFloat() && (t.bits() == 1 || t.bits() == 2 || t.bits() == 4);
    }

    /** The value types of a chain: f32, or i16/i32 (the integer form; every code of <= 8 bits is exact in them). */
    private static boolean valueType(DType t) {
        return t.equals(DTypes.F32) || t.equals(DTypes.I16) || t.equals(DTypes.I32);
    }

    private static boolean rowOp(BinaryOp op) { return op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL; }

    /** Instructions that may stand between the load and the dot: no global writes, no inter-block synchronization. */
    private static boolean harmless(Instruction ins) {
        return !(ins instanceof StoreGlobal || ins instanceof LockSemaphore || ins instanceof ReleaseSemaphore
                || ins instanceof AllocateGlobal || ins instanceof GlobalView);
    }

    /** Defined once and read once in the whole program. */
    private static boolean dying(TensorVar v, Map<String, Integer> mentions) {
        return mentions.getOrDefault(v.name(), 0) == 2;
    }

    private static DType dtype(TensorVar v) { return v.type().dtype(); }

    private static int[] shape(TensorVar v) {
        return v.type() instanceof TensorType.Register r ? r.layout().shape() : new int[0];
    }
}
