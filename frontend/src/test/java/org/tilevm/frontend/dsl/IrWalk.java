package org.tilevm.frontend.dsl;

import java.util.ArrayList;
import java.util.List;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.ir.TensorVar;

/** Test helpers that flatten the IR a kernel produced. */
final class IrWalk {
    private IrWalk() {}

    /** Every instruction of the statement tree, in program order. */
    static List<Instruction> instructions(Stmt s) {
        List<Instruction> out = new ArrayList<>();
        collect(s, out);
        return out;
    }

    static List<Instruction> instructions(Program p) { return instructions(p.body()); }

    /** The top-level statements of the kernel body. */
    static List<Stmt> top(Program p) { return ((Stmt.Seq) p.body()).body(); }

    /**
     * Every name the program binds: parameters, loop and let variables, and the output of every
     * instruction (so a program that overwrites tensors through {@code out} lists them again).
     */
    static List<String> definedNames(Program p) {
        List<String> names = new ArrayList<>();
        p.params().forEach(x -> names.add(x.name()));
        definedNames(p.body(), names);
        return names;
    }

    private static void definedNames(Stmt s, List<String> names) {
        switch (s) {
            case Stmt.Seq q -> q.body().forEach(x -> definedNames(x, names));
            case Stmt.For f -> { names.add(f.iter().name()); definedNames(f.body(), names); }
            case Stmt.If i -> { definedNames(i.then(), names); if (i.otherwise() != null) definedNames(i.otherwise(), names); }
            case Stmt.While w -> definedNames(w.body(), names);
            case Stmt.Let l -> names.add(l.var().name());
            case Stmt.Exec e -> {
                TensorVar out = e.instruction().output();
                if (out != null) names.add(out.name());
            }
            case Stmt.Break b -> { }
            case Stmt.Assign a -> { }
        }
    }

    private static void collect(Stmt s, List<Instruction> out) {
        switch (s) {
            case Stmt.Seq q -> q.body().forEach(x -> collect(x, out));
            case Stmt.For f -> collect(f.body(), out);
            case Stmt.If i -> { collect(i.then(), out); if (i.otherwise() != null) collect(i.otherwise(), out); }
            case Stmt.While w -> collect(w.body(), out);
            case Stmt.Exec e -> out.add(e.instruction());
            case Stmt.Break b -> { }
            case Stmt.Let l -> { }
            case Stmt.Assign a -> { }
        }
    }
}
