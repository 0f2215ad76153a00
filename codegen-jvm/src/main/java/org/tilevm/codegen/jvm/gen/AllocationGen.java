package org.tilevm.codegen.jvm.gen;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.tilevm.codegen.jvm.runtime.GlobalSpec;
import org.tilevm.codegen.jvm.runtime.ScalarOps;
import org.tilevm.codegen.jvm.runtime.SharedTensor;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.AllocateGlobal;
import org.tilevm.spec.ir.AllocateRegister;
import org.tilevm.spec.ir.AllocateShared;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.FreeShared;
import org.tilevm.spec.ir.GlobalView;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.TensorType;

/** allocate_register, allocate_shared, free_shared, allocate_global, global_view. */
final class AllocationGen {
    private AllocationGen() {}

    /** Every slot gets {@code init} converted to the dtype (0 without init); constants are converted at compile time. */
    static void allocateRegister(AllocateRegister ins, MethodCtx c, ExprGen e) {
        GeneratorAdapter g = c.g;
        TensorSlot.Reg out = c.defineRegister(ins.out());
        DType dt = ins.out().type().dtype();
        g.loadLocal(out.local());
        Expr init = ins.init();
        Long constant = constantCode(init);
        if (constant != null) {
            g.push(DType.convert(init == null ? dt : init.type(), constant, dt));
        } else {
            e.code(init);
            c.pushConst(init.type(), Type.getType(DType.class));
            c.pushConst(dt, Type.getType(DType.class));
            Asm.callStatic(g, ScalarOps.class, "convert", long.class, long.class, DType.class, DType.class);
        }
        CastGen.longCodeToStorage(g, dt);
        Class<?> arr = switch (out.repr()) {
            case INT -> int[].class;
            case FLOAT -> float[].class;
            case LONG -> long[].class;
        };
        Asm.callStatic(g, java.util.Arrays.class, "fill", void.class, arr, out.repr() == Repr.INT ? int.class
                : out.repr() == Repr.FLOAT ? float.class : long.class);
    }

    /** The code of a literal init (null for other expressions); 0 without init. */
    private static Long constantCode(Expr init) {
        if (init == null) return 0L;
        if (init instanceof Expr.IntConst k && k.type() instanceof IntType t) return t.encodeLong(t.wrap(k.value()));
        if (init instanceof Expr.FloatConst k) return k.type().encode(k.value());
        return null;
    }

    static void allocateShared(AllocateShared ins, MethodCtx c) {
        GeneratorAdapter g = c.g;
        TensorSlot.Shared s = c.defineShared(ins.out());
        g.push(ins.out().name());
        g.push(s.repr().code());
        g.push(s.table().cosize);
        Asm.callStatic(g, SharedTensor.class, "allocate", SharedTensor.class, String.class, int.class, int.class);
        g.storeLocal(s.local());
    }

    static void freeShared(FreeShared ins, MethodCtx c) {
        c.g.loadLocal(c.shared(ins.tensor()).local());
        Asm.callStatic(c.g, SharedTensor.class, "free", void.class, SharedTensor.class);
    }

    static void allocateGlobal(AllocateGlobal ins, MethodCtx c) {
        TensorType.Global t = (TensorType.Global) ins.out().type();
        int index = register(c, ins, new GlobalSpec(ins.out().name(), t.layout(), t.dtype().bits(), t.dtype().name(), -1, null));
        globalFrom(c, ins.out(), "workspace", index);
    }

    static void globalView(GlobalView ins, MethodCtx c) {
        TensorType.Global t = (TensorType.Global) ins.out().type();
        Param p = ins.ptr();
        int param = c.info.program().params().indexOf(p);
        if (param < 0) throw new IllegalStateException("global_view of '" + p.name() + "', which is not a parameter");
        int index = register(c, ins, new GlobalSpec(ins.out().name(), t.layout(), t.dtype().bits(), t.dtype().name(), param,
                p.name()));
        globalFrom(c, ins.out(), "view", index);
    }

    private static int register(MethodCtx c, org.tilevm.spec.ir.Instruction ins, GlobalSpec spec) {
        Integer i = c.info.globalIndex.get(ins);
        if (i != null) return i;
        c.info.globals.add(spec);
        c.info.globalIndex.put(ins, c.info.globals.size() - 1);
        return c.info.globals.size() - 1;
    }

    private static void globalFrom(MethodCtx c, org.tilevm.spec.ir.TensorVar out, String method, int index) {
        GeneratorAdapter g = c.g;
        TensorSlot.Global s = c.defineGlobal(out);
        g.loadArg(c.launchArg);
        g.push(index);
        Asm.callVirtual(g, org.tilevm.codegen.jvm.runtime.Launch.class, method,
                org.tilevm.codegen.jvm.runtime.GlobalTensor.class, int.class);
        g.storeLocal(s.local());
    }
}
