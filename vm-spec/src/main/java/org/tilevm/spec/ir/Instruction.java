package org.tilevm.spec.ir;

import java.util.List;

/**
 * A block-level instruction: one small immutable record per instruction. The semantics of each
 * is stated on its record and in {@code vm-spec/SPEC.md}; rules that apply to instructions
 * (verification, printing, interpretation, code generation) live in per-instruction tables
 * elsewhere, keyed by the record class.
 */
public sealed interface Instruction permits AllocateRegister, AllocateShared, FreeShared, AllocateGlobal,
        GlobalView, LoadGlobal, StoreGlobal, LoadShared, StoreShared, CopyAsync, CopyAsyncCommitGroup,
        CopyAsyncWaitGroup, CopyAsyncWaitAll, Dot, Cast, View, ElementwiseUnary, ElementwiseBinary,
        ElementwiseScalar, Where, Reduce, Squeeze, Unsqueeze, Transpose, Reshape, AssignTensor, SyncThreads,
        LockSemaphore, ReleaseSemaphore, Print {

    /** The name of the instruction in the text form, e.g. {@code load_global}. */
    String opName();

    /** The tensor this instruction defines or overwrites, or null. */
    default TensorVar output() { return null; }

    /** The tensors this instruction reads (in operand order). */
    default List<TensorVar> inputs() { return List.of(); }

    /** The scalar expressions this instruction evaluates (in operand order). */
    default List<Expr> exprs() { return List.of(); }
}
