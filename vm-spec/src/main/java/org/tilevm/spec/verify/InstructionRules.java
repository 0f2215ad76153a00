package org.tilevm.spec.verify;

import static org.tilevm.spec.verify.Checks.*;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/**
 * The per-instruction well-formedness table: for each instruction record class, the list of
 * checks its operands must pass (run in order; the first failure ends the row). What holds for
 * every instruction (operands defined, in scope, of their defined type and not freed; scalar
 * expressions well typed; the output's type equal to an existing tensor of its name) is checked
 * by the walker before and after the row.
 */
final class InstructionRules {
    private InstructionRules() {}

    private static final Map<Class<? extends Instruction>, List<? extends Check<?>>> TABLE = new HashMap<>();

    @SafeVarargs
    private static <I extends Instruction> void rule(Class<I> type, Check<I>... checks) {
        List<Check<I>> row = new java.util.ArrayList<>(checks.length);
        for (Check<I> c : checks) row.add(c);
        if (TABLE.put(type, List.copyOf(row)) != null) throw new IllegalStateException("duplicate rule for " + type);
    }

    // The operands, named as in the records and in messages.
    private static final Operand<AllocateRegister> AR_OUT = operand("out", AllocateRegister::out);
    private static final Operand<AllocateShared> AS_OUT = operand("out", AllocateShared::out);
    private static final Operand<FreeShared> FS_T = operand("tensor", FreeShared::tensor);
    private static final Operand<AllocateGlobal> AG_OUT = operand("out", AllocateGlobal::out);
    private static final Operand<GlobalView> GV_OUT = operand("out", GlobalView::out);
    private static final Operand<LoadGlobal> LG_OUT = operand("out", LoadGlobal::out);
    private static final Operand<LoadGlobal> LG_SRC = operand("src", LoadGlobal::src);
    private static final Operand<StoreGlobal> SG_SRC = operand("src", StoreGlobal::src);
    private static final Operand<StoreGlobal> SG_DST = operand("dst", StoreGlobal::dst);
    private static final Operand<LoadShared> LS_OUT = operand("out", LoadShared::out);
    private static final Operand<LoadShared> LS_SRC = operand("src", LoadShared::src);
    private static final Operand<StoreShared> SS_SRC = operand("src", StoreShared::src);
    private static final Operand<StoreShared> SS_DST = operand("dst", StoreShared::dst);
    private static final Operand<CopyAsync> CA_DST = operand("dst", CopyAsync::dst);
    private static final Operand<CopyAsync> CA_SRC = operand("src", CopyAsync::src);
    private static final Operand<Dot> D_OUT = operand("out", Dot::out);
    private static final Operand<Dot> D_A = operand("a", Dot::a);
    private static final Operand<Dot> D_B = operand("b", Dot::b);
    private static final Operand<Dot> D_C = operand("c", Dot::c);
    private static final Operand<Cast> C_OUT = operand("out", Cast::out);
    private static final Operand<Cast> C_SRC = operand("src", Cast::src);
    private static final Operand<View> V_OUT = operand("out", View::out);
    private static final Operand<View> V_SRC = operand("src", View::src);
    private static final Operand<ElementwiseUnary> U_OUT = operand("out", ElementwiseUnary::out);
    private static final Operand<ElementwiseUnary> U_SRC = operand("src", ElementwiseUnary::src);
    private static final Operand<ElementwiseBinary> B_OUT = operand("out", ElementwiseBinary::out);
    private static final Operand<ElementwiseBinary> B_A = operand("a", ElementwiseBinary::a);
    private static final Operand<ElementwiseBinary> B_B = operand("b", ElementwiseBinary::b);
    private static final Operand<ElementwiseScalar> BS_OUT = operand("out", ElementwiseScalar::out);
    private static final Operand<ElementwiseScalar> BS_A = operand("a", ElementwiseScalar::a);
    private static final Operand<Where> W_OUT = operand("out", Where::out);
    private static final Operand<Where> W_COND = operand("cond", Where::cond);
    private static final Operand<Where> W_A = operand("a", Where::a);
    private static final Operand<Where> W_B = operand("b", Where::b);
    private static final Operand<Reduce> R_OUT = operand("out", Reduce::out);
    private static final Operand<Reduce> R_SRC = operand("src", Reduce::src);
    private static final Operand<Squeeze> SQ_OUT = operand("out", Squeeze::out);
    private static final Operand<Squeeze> SQ_SRC = operand("src", Squeeze::src);
    private static final Operand<Unsqueeze> UQ_OUT = operand("out", Unsqueeze::out);
    private static final Operand<Unsqueeze> UQ_SRC = operand("src", Unsqueeze::src);
    private static final Operand<Transpose> T_OUT = operand("out", Transpose::out);
    private static final Operand<Transpose> T_SRC = operand("src", Transpose::src);
    private static final Operand<Reshape> RS_OUT = operand("out", Reshape::out);
    private static final Operand<Reshape> RS_SRC = operand("src", Reshape::src);
    private static final Operand<AssignTensor> A_DST = operand("dst", AssignTensor::dst);
    private static final Operand<AssignTensor> A_SRC = operand("src", AssignTensor::src);
    private static final Operand<LockSemaphore> LK_SEM = operand("sem", LockSemaphore::sem);
    private static final Operand<ReleaseSemaphore> RL_SEM = operand("sem", ReleaseSemaphore::sem);

    static {
        rule(AllocateRegister.class, register(AR_OUT));
        rule(AllocateShared.class, shared(AS_OUT));
        rule(FreeShared.class, shared(FS_T), InstructionRules::notFreedTwice);
        rule(AllocateGlobal.class, global(AG_OUT));
        rule(GlobalView.class, global(GV_OUT), InstructionRules::pointerParam);

        rule(LoadGlobal.class, register(LG_OUT), global(LG_SRC), sameDType(LG_OUT, LG_SRC), sameRank(LG_OUT, LG_SRC),
                offsets("offsets", LoadGlobal::offsets, LG_SRC));
        rule(StoreGlobal.class, register(SG_SRC), global(SG_DST), sameDType(SG_SRC, SG_DST), sameRank(SG_SRC, SG_DST),
                offsets("offsets", StoreGlobal::offsets, SG_DST));
        rule(LoadShared.class, register(LS_OUT), shared(LS_SRC), sameDType(LS_OUT, LS_SRC), sameRank(LS_OUT, LS_SRC),
                offsets("offsets", LoadShared::offsets, LS_SRC), insideShared(LS_OUT, LS_SRC, LoadShared::offsets));
        rule(StoreShared.class, register(SS_SRC), shared(SS_DST), sameDType(SS_SRC, SS_DST), sameRank(SS_SRC, SS_DST),
                offsets("offsets", StoreShared::offsets, SS_DST), insideShared(SS_SRC, SS_DST, StoreShared::offsets));
        rule(CopyAsync.class, shared(CA_DST), global(CA_SRC), sameDType(CA_DST, CA_SRC), sameRank(CA_DST, CA_SRC),
                offsets("offsets", CopyAsync::offsets, CA_SRC));
        rule(CopyAsyncCommitGroup.class);
        rule(CopyAsyncWaitGroup.class);
        rule(CopyAsyncWaitAll.class);

        rule(Dot.class, register(D_OUT), register(D_A), register(D_B), register(D_C),
                rank(D_A, 2), rank(D_B, 2), rank(D_C, 2), InstructionRules::dotShapes,
                sameType(D_OUT, D_C), sameDType(D_A, D_B));
        rule(Cast.class, register(C_OUT), register(C_SRC), sameLayout(C_OUT, C_SRC));
        rule(View.class, register(V_OUT), register(V_SRC), InstructionRules::sameBitsPerThread);

        rule(ElementwiseUnary.class, register(U_OUT), register(U_SRC), sameDType(U_OUT, U_SRC),
                sameLayout(U_OUT, U_SRC), (i, cx) -> opType(OpTypes.unary(i.op(), i.src().type().dtype()), cx));
        rule(ElementwiseBinary.class, register(B_OUT), register(B_A), register(B_B), sameDType(B_A, B_B),
                (i, cx) -> opType(OpTypes.binary(i.op(), i.a().type().dtype()), cx),
                (i, cx) -> resultDType(i.out(), OpTypes.binaryResult(i.op(), i.a().type().dtype()), i.op(), cx),
                broadcast(B_OUT, B_A, B_B));
        rule(ElementwiseScalar.class, register(BS_OUT), register(BS_A),
                (i, cx) -> opType(OpTypes.binary(i.op(), i.a().type().dtype()), cx),
                (i, cx) -> resultDType(i.out(), OpTypes.binaryResult(i.op(), i.a().type().dtype()), i.op(), cx),
                broadcast(BS_OUT, BS_A));
        rule(Where.class, register(W_OUT), register(W_COND), register(W_A), register(W_B),
                dtype(W_COND, DTypes.BOOL, "a condition"), sameDType(W_A, W_B), sameDType(W_OUT, W_A),
                broadcast(W_OUT, W_COND, W_A, W_B));

        rule(Reduce.class, register(R_OUT), register(R_SRC), sameDType(R_OUT, R_SRC),
                (i, cx) -> i.dim() >= 0 && i.dim() < i.src().registerLayout().rank()
                        || cx.fail("dim " + i.dim() + " is out of range for src '" + i.src().name() + "' of rank "
                                + i.src().registerLayout().rank()),
                layoutIs(R_OUT, i -> "src.layout.reduce([" + i.dim() + "], " + i.keepDim() + ")",
                        i -> i.src().registerLayout().reduce(new int[] {i.dim()}, i.keepDim())));
        rule(Squeeze.class, register(SQ_OUT), register(SQ_SRC), sameDType(SQ_OUT, SQ_SRC),
                layoutIs(SQ_OUT, i -> "src.layout.squeeze(" + i.dims() + ")",
                        i -> i.src().registerLayout().squeeze(ints(i.dims()))));
        rule(Unsqueeze.class, register(UQ_OUT), register(UQ_SRC), sameDType(UQ_OUT, UQ_SRC),
                layoutIs(UQ_OUT, i -> "src.layout.unsqueeze(" + i.dims() + ")",
                        i -> i.src().registerLayout().unsqueeze(ints(i.dims()))));
        rule(Transpose.class, register(T_OUT), register(T_SRC), sameDType(T_OUT, T_SRC), rank(T_SRC, 2),
                layoutIs(T_OUT, i -> "src.layout.permute(1, 0)", i -> i.src().registerLayout().permute(1, 0)));
        rule(Reshape.class, register(RS_OUT), register(RS_SRC), sameDType(RS_OUT, RS_SRC),
                (i, cx) -> i.out().registerLayout().numElements() == i.src().registerLayout().numElements()
                        || cx.fail("out '" + i.out().name() + "' has " + i.out().registerLayout().numElements()
                                + " elements but src '" + i.src().name() + "' has "
                                + i.src().registerLayout().numElements()),
                layoutIs(RS_OUT, i -> "src.layout.reshape(" + java.util.Arrays.toString(i.out().registerLayout().shape()) + ")",
                        i -> i.src().registerLayout().reshape(i.out().registerLayout().shape())));
        rule(AssignTensor.class, register(A_DST), register(A_SRC), sameType(A_DST, A_SRC));

        rule(SyncThreads.class);
        rule(LockSemaphore.class, global(LK_SEM), dtype(LK_SEM, DTypes.I32, "a semaphore"),
                offsets("index", LockSemaphore::index, LK_SEM),
                (i, cx) -> semaphoreValue(i.value(), cx));
        rule(ReleaseSemaphore.class, global(RL_SEM), dtype(RL_SEM, DTypes.I32, "a semaphore"),
                offsets("index", ReleaseSemaphore::index, RL_SEM),
                (i, cx) -> semaphoreValue(i.value(), cx));
        rule(Print.class, (i, cx) -> i.message() != null || cx.fail("message is missing (null)"));
    }

    /** The checks of {@code instruction}'s kind, or null if the kind has no row. */
    @SuppressWarnings("unchecked")
    static List<Check<Instruction>> rule(Instruction instruction) {
        return (List<Check<Instruction>>) TABLE.get(instruction.getClass());
    }

    /** The instruction classes that have a row (for completeness tests). */
    static Set<Class<? extends Instruction>> classes() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }

    // ---------------------------------------------------------------- instruction-specific checks

    private static boolean notFreedTwice(FreeShared f, RuleContext cx) {
        Scope.TensorBinding b = cx.binding(f.tensor());
        if (b == null) return true; // reported by the walker
        if (b.freedAt != null) {
            return cx.fail("shared tensor '" + f.tensor().name() + "' is freed twice (already freed at " + b.freedAt + ")");
        }
        b.freedAt = cx.path();
        return true;
    }

    private static boolean pointerParam(GlobalView g, RuleContext cx) {
        Param p = g.ptr();
        if (p == null) return cx.fail("ptr is missing (null)");
        Param declared = cx.program().param(p.name()).orElse(null);
        if (declared == null) return cx.fail("'" + p.name() + "' is not a parameter of the program");
        if (!declared.equals(p)) {
            return cx.fail("ptr '" + p.name() + "' does not match the declared parameter (declared "
                    + org.tilevm.spec.print.ProgramPrinter.print(declared) + ")");
        }
        if (!p.pointer()) return cx.fail("'" + p.name() + "' is a scalar parameter, not a pointer");
        return g.out().type().dtype().equals(p.dtype())
                || cx.fail("out dtype " + g.out().type().dtype().name() + " differs from pointer parameter '"
                        + p.name() + "' dtype " + p.dtype().name());
    }

    private static boolean dotShapes(Dot d, RuleContext cx) {
        int[] a = d.a().registerLayout().shape(), b = d.b().registerLayout().shape(), c = d.c().registerLayout().shape();
        String shapes = " (a " + java.util.Arrays.toString(a) + ", b " + java.util.Arrays.toString(b) + ", c "
                + java.util.Arrays.toString(c) + ")";
        if (a[1] != b[0]) return cx.fail("inner dimensions differ: a is [m, k] with k = " + a[1] + " but b is [k, n] with k = " + b[0] + shapes);
        if (c[0] != a[0]) return cx.fail("c must be [m, n] with m = " + a[0] + " (rows of a)" + shapes);
        if (c[1] != b[1]) return cx.fail("c must be [m, n] with n = " + b[1] + " (columns of b)" + shapes);
        return true;
    }

    private static boolean sameBitsPerThread(View v, RuleContext cx) {
        var o = v.out().registerLayout();
        var s = v.src().registerLayout();
        if (o.numThreads() != s.numThreads()) {
            return cx.fail("out spans " + o.numThreads() + " threads but src spans " + s.numThreads());
        }
        long ob = (long) o.localSize() * v.out().type().dtype().bits();
        long sb = (long) s.localSize() * v.src().type().dtype().bits();
        return ob == sb || cx.fail("bits per thread differ: out holds " + o.localSize() + " x "
                + v.out().type().dtype().name() + " = " + ob + " bits, src holds " + s.localSize() + " x "
                + v.src().type().dtype().name() + " = " + sb + " bits");
    }

    private static boolean opType(String problem, RuleContext cx) {
        return problem == null || cx.fail(problem);
    }

    private static boolean resultDType(TensorVar out, org.tilevm.spec.dtype.DType expected, BinaryOp op, RuleContext cx) {
        return out.type().dtype().equals(expected) || cx.fail("out '" + out.name() + "' must have dtype "
                + expected.name() + (op.isComparison() ? " (operator " + op.symbol() + " gives u1)" : " (the operands' dtype)")
                + ", not " + out.type().dtype().name());
    }

    private static boolean semaphoreValue(Expr value, RuleContext cx) {
        if (value == null) return cx.fail("value is missing (null)");
        return value.type().equals(DTypes.I32)
                || cx.fail("value `" + ExprChecker.safePrint(value) + "` must be i32, not " + value.type().name());
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
