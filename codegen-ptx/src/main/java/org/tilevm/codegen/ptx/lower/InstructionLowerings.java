package org.tilevm.codegen.ptx.lower;

import java.util.HashMap;
import java.util.Map;
import org.tilevm.spec.ir.*;

/** The lowering of each block-level instruction, as a table keyed by instruction record class. */
final class InstructionLowerings {
    private InstructionLowerings() {}

    private static final Map<Class<? extends Instruction>, InstructionLowering<?>> TABLE = new HashMap<>();

    private static <I extends Instruction> void row(Class<I> type, InstructionLowering<I> lowering) {
        TABLE.put(type, lowering);
    }

    static {
        row(AllocateRegister.class, AllocationLowerings::allocateRegister);
        row(AllocateShared.class, AllocationLowerings::allocateShared);
        row(FreeShared.class, AllocationLowerings::freeShared);
        row(AllocateGlobal.class, AllocationLowerings::allocateGlobal);
        row(GlobalView.class, AllocationLowerings::globalView);
        row(LoadGlobal.class, MemoryLowerings::loadGlobal);
        row(StoreGlobal.class, MemoryLowerings::storeGlobal);
        row(LoadShared.class, MemoryLowerings::loadShared);
        row(StoreShared.class, MemoryLowerings::storeShared);
        row(CopyAsync.class, AsyncCopyLowerings::copyAsync);
        row(CopyAsyncCommitGroup.class, AsyncCopyLowerings::commit);
        row(CopyAsyncWaitGroup.class, AsyncCopyLowerings::waitGroup);
        row(CopyAsyncWaitAll.class, AsyncCopyLowerings::waitAll);
        row(Dot.class, DotLowering::dot);
        row(Cast.class, ElementwiseLowerings::cast);
        row(View.class, ElementwiseLowerings::view);
        row(ElementwiseUnary.class, ElementwiseLowerings::unary);
        row(ElementwiseBinary.class, ElementwiseLowerings::binary);
        row(ElementwiseScalar.class, ElementwiseLowerings::scalar);
        row(Where.class, ElementwiseLowerings::where);
        row(AssignTensor.class, ElementwiseLowerings::assign);
        row(Reduce.class, ReduceLowering::reduce);
        row(Squeeze.class, ShapeLowerings::squeeze);
        row(Unsqueeze.class, ShapeLowerings::unsqueeze);
        row(Reshape.class, ShapeLowerings::reshape);
        row(Transpose.class, ShapeLowerings::transpose);
        row(SyncThreads.class, MiscLowerings::sync);
        row(LockSemaphore.class, MiscLowerings::lock);
        row(ReleaseSemaphore.class, MiscLowerings::release);
        row(Print.class, MiscLowerings::print);
    }

    @SuppressWarnings("unchecked")
    static void lower(Instruction ins, LowerContext ctx) {
        InstructionLowering<Instruction> l = (InstructionLowering<Instruction>) TABLE.get(ins.getClass());
        if (l == null) throw ctx.error("no GPU lowering for instruction " + ins.opName());
        l.lower(ins, ctx);
    }

    /** The instruction classes that have a lowering (for the test that every instruction has one). */
    static java.util.Set<Class<? extends Instruction>> classes() { return TABLE.keySet(); }
}
