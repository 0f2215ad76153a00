package org.tilevm.codegen.jvm.gen;

import org.tilevm.spec.ir.*;

/**
 * The instruction table: one case per instruction record, each delegating to the generator of its
 * family. Every family emits code that acts on the whole block at once (loops over the elements
 * of register tensors), with the interpreter's results.
 */
final class InstructionGen {
    private InstructionGen() {}

    static void emit(Instruction ins, MethodCtx c, ExprGen e) {
        switch (ins) {
            case AllocateRegister x -> AllocationGen.allocateRegister(x, c, e);
            case AllocateShared x -> AllocationGen.allocateShared(x, c);
            case FreeShared x -> AllocationGen.freeShared(x, c);
            case AllocateGlobal x -> AllocationGen.allocateGlobal(x, c);
            case GlobalView x -> AllocationGen.globalView(x, c);
            case LoadGlobal x -> MemoryGen.loadGlobal(x, c, e);
            case StoreGlobal x -> MemoryGen.storeGlobal(x, c, e);
            case LoadShared x -> MemoryGen.loadShared(x, c, e);
            case StoreShared x -> MemoryGen.storeShared(x, c, e);
            case CopyAsync x -> MemoryGen.copyAsync(x, c, e);
            case CopyAsyncCommitGroup x -> MemoryGen.groups(c, "commit");
            case CopyAsyncWaitGroup x -> MemoryGen.waitGroup(c, x.n());
            case CopyAsyncWaitAll x -> MemoryGen.groups(c, "waitAll");
            case Dot x -> DotGen.emit(x, c);
            case Cast x -> ElementwiseGen.cast(x, c);
            case View x -> ViewGen.emit(x, c);
            case ElementwiseUnary x -> ElementwiseGen.unary(x, c);
            case ElementwiseBinary x -> ElementwiseGen.binary(x, c);
            case ElementwiseScalar x -> ElementwiseGen.scalar(x, c, e);
            case Where x -> ElementwiseGen.where(x, c);
            case AssignTensor x -> ElementwiseGen.move(x.dst(), x.src(), c);
            case Reduce x -> ReduceGen.emit(x, c);
            case Squeeze x -> ElementwiseGen.move(x.out(), x.src(), c);
            case Unsqueeze x -> ElementwiseGen.move(x.out(), x.src(), c);
            case Reshape x -> ElementwiseGen.move(x.out(), x.src(), c);
            case Transpose x -> ElementwiseGen.transpose(x, c);
            case SyncThreads x -> { } // instructions act on the whole block one after another
            case LockSemaphore x -> MiscGen.lock(x, c, e);
            case ReleaseSemaphore x -> MiscGen.release(x, c, e);
            case Print x -> MiscGen.print(x, c, e);
        }
    }
}
