package org.tilevm.codegen.ptx.tir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.tir.TExpr.BOp.*;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Well-formed programs pass; the rule tables cover every node kind. */
class TirVerifierValidTest {

    @Test
    void kitchenSinkIsValid() {
        valid(Samples.kitchenSink());
    }

    @Test
    void kitchenSinkUsesEveryKind() {
        Set<Class<?>> seen = new HashSet<>();
        collect(Samples.kitchenSink().body(), seen);
        for (Class<?> c : TStmt.class.getPermittedSubclasses()) assertTrue(seen.contains(c), "no " + c.getSimpleName());
        for (Class<?> c : TExpr.class.getPermittedSubclasses()) assertTrue(seen.contains(c), "no " + c.getSimpleName());
    }

    @Test
    void everyKindHasARule() {
        assertEquals(Set.of(TStmt.class.getPermittedSubclasses()), Set.copyOf(StmtRules.classes()));
        assertEquals(Set.of(TExpr.class.getPermittedSubclasses()), Set.copyOf(ExprRules.classes()));
    }

    @Test
    void scalarParametersAreVariablesOfTheirScalarType() {
        // w8: u8 is I32 (TExpr.scalarTypeOf), flag: u1 is PRED, scale: f32 is F32
        valid(prog(let(i("x"), bin(ADD, v("w8", ScalarType.I32), n)), when(flag),
                let(v("y", ScalarType.F32), bin(MUL, scale, scale))));
    }

    @Test
    void shadowingAnOuterVariableAndSiblingScopesAreAllowed() {
        valid(prog(
                let(i("x"), TExpr.i32(1)),
                loop(i("j"), TExpr.i32(4), let(v("x", ScalarType.F32), TExpr.f32(2f)), array("r", 1)),
                loop(i("j"), TExpr.i32(4), array("r", 2), let(i("y"), bin(ADD, i("x"), i("j"))))));
    }

    @Test
    void uniformValuesMayControlFlow() {
        // blockIdx, parameters, loop variables and variables computed from them are uniform
        valid(prog(
                let(i("b"), bin(MUL, new TExpr.BlockIdx(0), n)),
                loop(i("j"), bin(ADD, i("b"), TExpr.i32(1)),
                        let(i("m"), bin(MIN, i("j"), TExpr.i32(3))),
                        when(bin(LT, i("m"), n), new TStmt.BarSync())),
                new TStmt.If(flag, TStmt.seq(new TStmt.BarSync()), TStmt.seq(new TStmt.Comment("uniform")))));
    }

    @Test
    void perThreadValuesMayFeedPredicatesAndData() {
        valid(prog(
                array("r", 4),
                let(i("row"), bin(DIV, TID, TExpr.i32(4))),
                ldGlobal("r", 0, 128, "a", bin(MUL, new TExpr.Convert(ScalarType.I64, i("row")), TExpr.i64(128)), 128,
                        bin(LT, i("row"), n)),
                let(u("w"), new TExpr.Select(bin(EQ, new TExpr.GetBits("r", 0, 32), TExpr.u32(0)), TExpr.u32(1),
                        TExpr.u32(2)))));
    }

    /** Random well-typed expressions over every operator pass and print deterministically. */
    @Test
    void randomWellTypedExpressionsPass() {
        Random rnd = new Random(20240611);
        for (int round = 0; round < 200; round++) {
            List<TStmt> body = new ArrayList<>();
            body.add(array("r", 2));
            RandomExprs gen = new RandomExprs(rnd);
            for (int j = 0; j < 5; j++) {
                ScalarType t = RandomExprs.TYPES.get(rnd.nextInt(RandomExprs.TYPES.size()));
                body.add(let(v("e" + j, t), gen.expr(t, 4)));
            }
            ThreadProgram p = prog(body.toArray(TStmt[]::new));
            valid(p);
            assertEquals(TirText.render(p), TirText.render(prog(body.toArray(TStmt[]::new))));
        }
    }

    private static void collect(Object node, Set<Class<?>> seen) {
        if (node == null) return;
        seen.add(node.getClass());
        if (node instanceof List<?> l) {
            for (Object o : l) collect(o, seen);
            return;
        }
        if (!(node instanceof Record r)) return;
        for (var c : r.getClass().getRecordComponents()) {
            try {
                Object val = c.getAccessor().invoke(r);
                if (val instanceof TExpr || val instanceof TStmt || val instanceof List<?>) collect(val, seen);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
