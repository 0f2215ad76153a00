package org.tilevm.spec.interp;

import org.tilevm.spec.ir.*;

/** The instruction table: one case per instruction record, each delegating to the class of its concern. */
final class InstructionDispatch {
    private InstructionDispatch() {}

    static void execute(Instruction ins, BlockState b) {
        switch (ins) {
            case AllocateRegister x -> AllocationOps.allocateRegister(x, b);
            case AllocateShared x -> AllocationOps.allocateShared(x, b);
            case FreeShared x -> AllocationOps.freeShared(x, b);
            case AllocateGlobal x -> AllocationOps.allocateGlobal(x, b);
            case GlobalView x -> AllocationOps.globalView(x, b);
            case LoadGlobal x -> GlobalMemoryOps.load(x, b);
            case StoreGlobal x -> GlobalMemoryOps.store(x, b);
            case LoadShared x -> SharedMemoryOps.load(x, b);
            case StoreShared x -> SharedMemoryOps.store(x, b);
            case CopyAsync x -> AsyncCopies.issue(x, b);
            case CopyAsyncCommitGroup x -> b.copies.commit();
            case CopyAsyncWaitGroup x -> b.copies.waitGroup(x.n());
            case CopyAsyncWaitAll x -> b.copies.waitAll();
            case Dot x -> DotOp.execute(x, b);
            case Cast x -> ElementwiseOps.cast(x, b);
            case View x -> ViewOp.execute(x, b);
            case ElementwiseUnary x -> ElementwiseOps.unary(x, b);
            case ElementwiseBinary x -> ElementwiseOps.binary(x, b);
            case ElementwiseScalar x -> ElementwiseOps.scalar(x, b);
            case Where x -> ElementwiseOps.where(x, b);
            case AssignTensor x -> ElementwiseOps.assign(x, b);
            case Reduce x -> ReduceOps.execute(x, b);
            case Squeeze x -> ShapeOps.squeeze(x, b);
            case Unsqueeze x -> ShapeOps.unsqueeze(x, b);
            case Transpose x -> ShapeOps.transpose(x, b);
            case Reshape x -> ShapeOps.reshape(x, b);
            case SyncThreads x -> { } // blocks run one at a time and instructions act on the whole block
            case LockSemaphore x -> SemaphoreOps.lock(x, b);
            case ReleaseSemaphore x -> SemaphoreOps.release(x, b);
            case Print x -> PrintOp.execute(x, b);
        }
    }
}
