package org.tilevm.spec.interp;

import java.util.List;
import org.tilevm.spec.ir.Instruction;
import org.tilevm.spec.ir.Stmt;

/**
 * Executes the statements of one block in order. Errors carry the statement path: {@code body}
 * for the program body, {@code [i]} for the i-th statement of a sequence, {@code .for x.body},
 * {@code .if.then}, {@code .if.else}, {@code .while.body}, and the instruction's name (or {@code let x},
 * {@code set x}) after a space, e.g. {@code body[3].for kb.body[2] load_global}.
 */
final class StatementRunner {
    /** How a statement finished: normally, or by {@code break}. */
    enum Flow { NORMAL, BREAK }

    private final BlockState block;

    StatementRunner(BlockState block) { this.block = block; }

    /** Runs the program body. */
    void runBody(Stmt body) {
        try {
            if (exec(body) == Flow.BREAK) throw new InterpError("break outside of a for or while loop");
        } catch (InterpError e) {
            throw e.at("body");
        }
    }

    Flow exec(Stmt s) {
        return switch (s) {
            case Stmt.Seq q -> seq(q);
            case Stmt.For f -> forLoop(f);
            case Stmt.If i -> ifStmt(i);
            case Stmt.While w -> whileLoop(w);
            case Stmt.Break b -> Flow.BREAK;
            case Stmt.Let l -> let(l);
            case Stmt.Assign a -> assign(a);
            case Stmt.Exec x -> exec(x.instruction());
        };
    }

    /** Runs a loop or branch body in a scope of its own (a fresh one for every iteration). */
    private Flow scoped(Stmt body) {
        if (body instanceof Stmt.Seq) return exec(body); // a sequence opens its own scope
        block.pushScope();
        try {
            return exec(body);
        } finally {
            block.popScope();
        }
    }

    private Flow seq(Stmt.Seq q) {
        block.pushScope();
        try {
            List<Stmt> body = q.body();
            for (int i = 0; i < body.size(); i++) {
                Flow f;
                try {
                    f = exec(body.get(i));
                } catch (InterpError e) {
                    throw e.at("[" + i + "]");
                }
                if (f == Flow.BREAK) return Flow.BREAK;
            }
            return Flow.NORMAL;
        } finally {
            block.popScope();
        }
    }

    private Flow forLoop(Stmt.For f) {
        String name = f.iter().name();
        long n;
        try {
            if (!f.extent().type().isInteger()) throw new InterpError("loop extent must be an integer");
            n = block.eval.evalInt(f.extent());
        } catch (InterpError e) {
            throw e.at(".for " + name + ".extent");
        }
        block.pushScope();
        try {
            Scope.Cell cell = block.scope.defineScalar(name, f.iter().type(), 0);
            for (long i = 0; i < n; i++) {
                cell.bits = i;
                Flow fl;
                try {
                    fl = scoped(f.body());
                } catch (InterpError e) {
                    throw e.at(".for " + name + ".body").binding(name + " = " + i);
                }
                if (fl == Flow.BREAK) break;
            }
            return Flow.NORMAL;
        } finally {
            block.popScope();
        }
    }

    private Flow ifStmt(Stmt.If i) {
        boolean c;
        try {
            c = block.eval.evalCond(i.cond());
        } catch (InterpError e) {
            throw e.at(".if.cond");
        }
        Stmt branch = c ? i.then() : i.otherwise();
        if (branch == null) return Flow.NORMAL;
        try {
            return scoped(branch);
        } catch (InterpError e) {
            throw e.at(c ? ".if.then" : ".if.else");
        }
    }

    private Flow whileLoop(Stmt.While w) {
        long iteration = 0;
        while (true) {
            boolean c;
            try {
                c = block.eval.evalCond(w.cond());
            } catch (InterpError e) {
                throw e.at(".while.cond").binding("iteration " + iteration);
            }
            if (!c) return Flow.NORMAL;
            try {
                if (scoped(w.body()) == Flow.BREAK) return Flow.NORMAL;
            } catch (InterpError e) {
                throw e.at(".while.body").binding("iteration " + iteration);
            }
            iteration++;
        }
    }

    private Flow let(Stmt.Let l) {
        try {
            checkType(l.var().type(), l.value(), l.var().name());
            block.scope.defineScalar(l.var().name(), l.var().type(), block.eval.evalBits(l.value()));
            return Flow.NORMAL;
        } catch (InterpError e) {
            throw e.at(" let " + l.var().name());
        }
    }

    private Flow assign(Stmt.Assign a) {
        try {
            Scope.Cell cell = block.scope.findScalar(a.var().name());
            if (cell == null) throw new InterpError("assignment to undeclared scalar variable " + a.var().name());
            checkType(cell.type, a.value(), a.var().name());
            cell.bits = block.eval.evalBits(a.value());
            return Flow.NORMAL;
        } catch (InterpError e) {
            throw e.at(" set " + a.var().name());
        }
    }

    private static void checkType(org.tilevm.spec.dtype.DType varType, org.tilevm.spec.ir.Expr value, String name) {
        if (!value.type().equals(varType)) {
            throw new InterpError("scalar variable " + name + " has type " + varType.name() + " but the value has type "
                    + value.type().name());
        }
    }

    private Flow exec(Instruction ins) {
        try {
            InstructionDispatch.execute(ins, block);
            return Flow.NORMAL;
        } catch (InterpError e) {
            throw e.at(" " + ins.opName());
        } catch (RuntimeException e) {
            throw new InterpError(e.getClass().getSimpleName() + ": " + e.getMessage(), e).at(" " + ins.opName());
        }
    }
}
