package org.tilevm.spec.interp;

import static org.tilevm.spec.interp.Ir.*;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.*;

/**
 * One-instruction programs: load the inputs (global tensors of the given shapes) into
 * register tiles, run one instruction that defines {@code out}, store {@code out}; return its codes.
 */
final class Harness {
    private Harness() {}

    record Input(String name, DType dtype, RegisterLayout layout, long[] codes) {
        TensorVar tile() { return reg(name, dtype, layout); }
    }

    static Input in(String name, DType dtype, RegisterLayout layout, long[] codes) {
        return new Input(name, dtype, layout, codes);
    }

    static Object[] boxed(int[] shape) { return java.util.Arrays.stream(shape).boxed().toArray(); }

    static long[] run(Interpreter interp, TensorVar out, Function<List<TensorVar>, Instruction> make, Input... inputs) {
        List<Param> params = new ArrayList<>();
        List<Stmt> body = new ArrayList<>();
        List<TensorVar> tiles = new ArrayList<>();
        java.util.Map<String, Object> args = new java.util.HashMap<>();
        for (Input i : inputs) {
            Param p = Param.pointer("p_" + i.name, i.dtype);
            int[] shape = i.layout.shape();
            TensorVar g = gmem("g_" + i.name, i.dtype, boxed(shape));
            params.add(p);
            body.add(ex(new GlobalView(g, p)));
            body.add(ex(new LoadGlobal(i.tile(), g, at(new long[shape.length]))));
            tiles.add(i.tile());
            args.put(p.name(), segment(i.codes, i.dtype.bits()));
        }
        DType od = out.type().dtype();
        int[] os = out.registerLayout().shape();
        int n = java.util.Arrays.stream(os).reduce(1, (x, y) -> x * y);
        Param po = Param.pointer("p_out", od);
        TensorVar go = gmem("g_out", od, boxed(os));
        params.add(po);
        body.add(ex(new GlobalView(go, po)));
        body.add(ex(make.apply(tiles)));
        body.add(ex(new StoreGlobal(out, go, at(new long[os.length]))));
        MemorySegment o = bytes((int) org.tilevm.spec.dtype.BitPacking.bytesFor(n, od.bits()), 99);
        args.put(po.name(), o);
        interp.launch(program(params, body.toArray(Stmt[]::new)), args);
        return codes(o, n, od.bits());
    }
}
