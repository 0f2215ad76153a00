package org.tilevm.spec.interp;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.AllocateGlobal;
import org.tilevm.spec.ir.AllocateRegister;
import org.tilevm.spec.ir.AllocateShared;
import org.tilevm.spec.ir.FreeShared;
import org.tilevm.spec.ir.GlobalView;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;

/** allocate_register, allocate_shared, free_shared, allocate_global, global_view. */
final class AllocationOps {
    private AllocationOps() {}

    static void allocateRegister(AllocateRegister ins, BlockState b) {
        TensorVar out = ins.out();
        LayoutTable t = b.table(out);
        DType dt = out.type().dtype();
        long code = ins.init() == null ? 0 : DType.convert(ins.init().type(), b.eval.evalCode(ins.init()), dt);
        long[] data = new long[t.numSlots];
        if (code != 0) Arrays.fill(data, code);
        b.setRegister(out, data);
    }

    static void allocateShared(AllocateShared ins, BlockState b) {
        TensorVar out = ins.out();
        if (!(out.type() instanceof TensorType.Shared s)) throw new InterpError("tensor " + out.name() + " is not a shared tensor");
        b.bind(out, new SharedValue(out, b.launch.sharedTable(s.layout())));
    }

    static void freeShared(FreeShared ins, BlockState b) {
        SharedValue s = b.shared(ins.tensor());
        if (s.hasPending()) {
            throw new InterpError("free_shared of shared tensor " + s.var.name()
                    + " while a copy_async into it has not completed");
        }
        s.freed = true;
    }

    static void allocateGlobal(AllocateGlobal ins, BlockState b) {
        TensorVar out = ins.out();
        GlobalValue g = b.launch.workspaces.get(ins);
        if (g == null) {
            GlobalLayout layout = globalLayout(out);
            long[] shape = layout.evalShape(b.launch.args.symEnv);
            long[] strides = layout.evalStrides(b.launch.args.symEnv);
            long span = 1;
            boolean empty = false;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] < 0) throw new InterpError("global workspace " + out.name() + " has negative extent " + shape[d]);
                if (strides[d] < 0) throw new InterpError("global workspace " + out.name() + " has negative stride " + strides[d]);
                if (shape[d] == 0) empty = true;
                else span = Math.addExact(span, Math.multiplyExact(shape[d] - 1, strides[d]));
            }
            long bytes = BitPacking.bytesFor(empty ? 0 : span, out.type().dtype().bits());
            MemorySegment seg = b.launch.arena.allocate(Math.max(bytes, 1), 16); // zero-filled
            seg = seg.asSlice(0, bytes);
            g = new GlobalValue(out, seg, shape, strides, "global workspace " + out.name());
            b.launch.workspaces.put(ins, g);
        }
        b.bind(out, g);
    }

    static void globalView(GlobalView ins, BlockState b) {
        TensorVar out = ins.out();
        Param p = ins.ptr();
        MemorySegment seg = b.launch.args.pointers.get(p.name());
        if (seg == null) throw new InterpError("global_view of '" + p.name() + "', which is not a pointer parameter");
        GlobalLayout layout = globalLayout(out);
        long[] shape = layout.evalShape(b.launch.args.symEnv);
        long[] strides = layout.evalStrides(b.launch.args.symEnv);
        for (long s : shape) {
            if (s < 0) throw new InterpError("global tensor " + out.name() + " has negative extent " + s);
        }
        b.bind(out, new GlobalValue(out, seg, shape, strides, "pointer parameter " + p.name()));
    }

    private static GlobalLayout globalLayout(TensorVar v) {
        if (!(v.type() instanceof TensorType.Global g)) throw new InterpError("tensor " + v.name() + " is not a global tensor");
        return g.layout();
    }
}
