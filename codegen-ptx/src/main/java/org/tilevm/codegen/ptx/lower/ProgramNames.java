package org.tilevm.codegen.ptx.lower;

import java.util.HashSet;
import java.util.Set;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.TensorVar;

/** The names a program uses (parameters, scalars, tensors) and the scalars it reassigns. */
final class ProgramNames {
    private ProgramNames() {}

    static Set<String> collect(Program p) {
        Set<String> names = new HashSet<>();
        p.params().forEach(x -> names.add(x.name()));
        names.add(p.name());
        walk(p.body(), names, new HashSet<>());
        return names;
    }

    /** Scalar variables that some {@code Assign} changes after their {@code let}. */
    static Set<String> reassigned(Program p) {
        Set<String> out = new HashSet<>();
        walk(p.body(), new HashSet<>(), out);
        return out;
    }

    private static void walk(Stmt s, Set<String> names, Set<String> assigned) {
        switch (s) {
            case Stmt.Seq q -> q.body().forEach(x -> walk(x, names, assigned));
            case Stmt.For f -> {
                names.add(f.iter().name());
                walk(f.body(), names, assigned);
            }
            case Stmt.If i -> {
                walk(i.then(), names, assigned);
                if (i.otherwise() != null) walk(i.otherwise(), names, assigned);
            }
            case Stmt.While w -> walk(w.body(), names, assigned);
            case Stmt.Break b -> { }
            case Stmt.Let l -> names.add(l.var().name());
            case Stmt.Assign a -> assigned.add(a.var().name());
            case Stmt.Exec e -> {
                Instruction ins = e.instruction();
                if (ins.output() != null) names.add(ins.output().name());
                for (TensorVar t : ins.inputs()) names.add(t.name());
            }
        }
    }

    static boolean isParam(Program p, String name) {
        for (Param x : p.params()) if (x.name().equals(name)) return true;
        return false;
    }
}
