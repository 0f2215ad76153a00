package org.tilevm.codegen.jvm;

import static org.tilevm.codegen.jvm.Differential.args;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.frontend.dsl.Variable;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.Sym;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.ir.AllocateRegister;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.GlobalView;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.StoreGlobal;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.Var;

/**
 * Scalar expressions and control flow: random expression trees over 15 types (wrapping integer
 * arithmetic, shifts by counts of other types, per-type float rounding, casts, selects, short
 * circuits) evaluated into tensors must equal the interpreter's values bit for bit; loops, ifs,
 * while/break and let/assign drive the same results.
 */
class ScalarTest {

    /** One program per seed: each random expression becomes a one-element tensor stored to its own pointer. */
    static Program randomProgram(long seed, int count) {
        Random rnd = new Random(seed);
        Map<DType, Var> vars = new LinkedHashMap<>();
        List<Param> params = new ArrayList<>();
        for (DType t : RandomExprs.TYPES) {
            Param p = Param.scalar(RandomExprs.varName(t), t);
            params.add(p);
            vars.put(t, p.var());
        }
        RandomExprs gen = new RandomExprs(rnd, vars);
        List<Stmt> body = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DType t = RandomExprs.TYPES.get(rnd.nextInt(RandomExprs.TYPES.size()));
            Param out = Param.pointer("e" + i, t);
            params.add(out);
            TensorVar g = new TensorVar("g" + i, new TensorType.Global(t, GlobalLayout.rowMajor(List.of(Sym.constant(2)))));
            TensorVar r = new TensorVar("r" + i, new TensorType.Register(t, Layouts.replicated(32, 1)));
            body.add(new Stmt.Exec(new GlobalView(g, out)));
            body.add(new Stmt.Exec(new AllocateRegister(r, gen.gen(t, 4))));
            body.add(new Stmt.Exec(new StoreGlobal(r, g, List.of(new Expr.BlockIdx(0)))));
        }
        return new Program("exprs" + seed, params, List.of(Expr.i32(2)), 1, new Stmt.Seq(body));
    }

    @Test
    void randomExpressionsMatchTheInterpreter() {
        for (long seed = 1; seed <= 12; seed++) {
            Program p = randomProgram(seed, 60);
            Random rnd = new Random(seed * 77);
            Map<String, Object> args = new LinkedHashMap<>();
            Map<String, byte[]> mem = new LinkedHashMap<>();
            for (Param param : p.params()) {
                if (param.pointer()) {
                    mem.put(param.name(), Differential.random(rnd, param.dtype(), 2));
                } else if (param.dtype() instanceof FloatType) {
                    args.put(param.name(), rnd.nextGaussian() * 10);
                } else {
                    org.tilevm.spec.dtype.IntType it = (org.tilevm.spec.dtype.IntType) param.dtype();
                    args.put(param.name(), it.decodeLong(rnd.nextLong() & it.mask()));
                }
            }
            Differential.checkOk(p, args, mem);
        }
    }

    /** Nested loops with if/else, while with break, let and assignment feed a tensor through binary_scalar. */
    @Test
    void controlFlowMatchesTheInterpreter() {
        Program p = Kernel.build("flow", k -> {
            ScalarParam n = k.param("n", DTypes.I32), f = k.param("f", DTypes.F16);
            Pointer y = k.pointer("y", DTypes.F32), z = k.pointer("z", DTypes.I16);
            k.warps(2);
            k.grid(Scalar.i32(3));
            RegisterTensor acc = k.registerTensor("acc", DTypes.F32, Layouts.spatial(16, 4).local(1, 2), 0.25);
            RegisterTensor cnt = k.registerTensor("cnt", DTypes.I16, Layouts.spatial(16, 4).local(1, 2), 1L);
            Variable s = k.let("s", Scalar.i32(0));
            k.forRange("i", n, i -> {
                k.forRange("j", i.plus(k.blockIdx(0)), 2, j -> {
                    k.ifElse(j.mod(3).eq(1),
                            () -> k.assign(s, s.plus(j.times(i))),
                            () -> k.assign(s, s.minus(1)));
                    k.assign(acc, acc.times(Scalar.f32(1.0625)).plus(s.cast(DTypes.F32)));
                });
                k.ifThen(i.eq(5), k::breakLoop);
                k.assign(cnt, cnt.times(Scalar.constant(3, DTypes.I16)).plus(i.cast(DTypes.I16)));
            });
            Variable w = k.let("w", f);
            k.whileLoop(w.lt(Scalar.constant(1000.0, DTypes.F16)), () -> {
                k.assign(w, w.times(Scalar.constant(1.7, DTypes.F16)).plus(Scalar.constant(0.3, DTypes.F16)));
                k.ifThen(w.gt(Scalar.constant(600.0, DTypes.F16)), k::breakLoop);
            });
            k.assign(acc, acc.plus(w.cast(DTypes.F32)));
            k.storeGlobal(acc, k.globalView(y, Scalar.i32(3 * 16), Scalar.i32(8)), k.blockIdx(0).times(16), Scalar.i32(0));
            k.storeGlobal(cnt, k.globalView(z, Scalar.i32(3 * 16), Scalar.i32(8)), k.blockIdx(0).times(16), Scalar.i32(0));
        });
        Random rnd = new Random(99);
        Differential.checkOk(p, args("n", 9, "f", 1.3), Map.of("y", Differential.random(rnd, DTypes.F32, 384),
                "z", Differential.random(rnd, DTypes.I16, 384)));
    }
}
