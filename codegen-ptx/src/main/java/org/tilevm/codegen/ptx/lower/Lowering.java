package org.tilevm.codegen.ptx.lower;

import java.util.Set;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirVerifier;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Stmt;
import org.tilevm.spec.print.ProgramPrinter;
import org.tilevm.spec.verify.Verifier;

/**
 * Lowers a verified block-level program to a thread-level one (see {@code codegen-ptx/LOWERING.md}).
 * Control flow and scalars carry over one to one (they are block-uniform); each instruction is
 * replaced by the per-thread statements of its entry in {@link InstructionLowerings}, preceded by
 * the instruction's text as a comment.
 */
public final class Lowering {
    private Lowering() {}

    /** Lowers with no assumption about the parameters. */
    public static ThreadProgram lower(Program program) { return lower(program, Specialization.none()); }

    /**
     * The thread-level program of {@code program} for launches whose integer parameters have the
     * divisibility {@code spec} says.
     *
     * @throws org.tilevm.spec.verify.VerificationException when the program does not verify
     * @throws LoweringException naming the instruction and the reason when a construct cannot be lowered
     * @throws org.tilevm.codegen.ptx.tir.TirVerificationException if the result breaks a thread-level
     *         rule (a lowering bug, reported rather than compiled)
     */
    public static ThreadProgram lower(Program program, Specialization spec) {
        Verifier.check(program);
        LowerContext ctx = new LowerContext(program, spec);
        Set<String> reassigned = ProgramNames.reassigned(program);
        reassigned.forEach(ctx.divisibility::forget);
        new Walker(ctx, reassigned).stmt(program.body(), "body");
        TStmt.Seq body = ctx.finish();
        java.util.List<org.tilevm.spec.ir.Param> params = new java.util.ArrayList<>(program.params());
        for (ThreadProgram.Workspace w : ctx.workspaces) params.add(org.tilevm.spec.ir.Param.pointer(w.param(), w.dtype()));
        ThreadProgram out = new ThreadProgram(program.name(), params, program.grid(), program.numThreads(),
                ctx.smem.highWater(), body, program, ctx.workspaces);
        TirVerifier.check(out); // the thread-level program's own well-formedness rules
        return out;
    }

    /** Translates statements, keeping scopes. */
    private record Walker(LowerContext ctx, Set<String> reassigned) {
        void stmt(Stmt s, String place) {
            switch (s) {
                case Stmt.Seq q -> {
                    for (int i = 0; i < q.body().size(); i++) stmt(q.body().get(i), place + "[" + i + "]");
                }
                case Stmt.For f -> {
                    if (f.iter().type().isFloat() || f.iter().type().bits() != 32) {
                        throw new LoweringException(place + " for " + f.iter().name() + ": loop variables must be i32");
                    }
                    ctx.divisibility.forget(f.iter().name());
                    TExpr.Var v = new TExpr.Var(f.iter().name(), ScalarType.I32);
                    TExpr extent = T.to(ScalarType.I32, ScalarLowering.lower(f.extent()));
                    ctx.emit(new TStmt.For(v, extent, f.unroll(), ctx.block(() -> stmt(f.body(), place + ".for(" + f.iter().name() + ")"))));
                }
                case Stmt.If i -> {
                    TExpr cond = ScalarLowering.asPred(ScalarLowering.lower(i.cond()));
                    TStmt.Seq then = ctx.block(() -> stmt(i.then(), place + ".then"));
                    TStmt.Seq otherwise = i.otherwise() == null ? null : ctx.block(() -> stmt(i.otherwise(), place + ".else"));
                    ctx.emit(new TStmt.If(cond, then, otherwise));
                }
                case Stmt.While w -> ctx.emit(new TStmt.While(ScalarLowering.asPred(ScalarLowering.lower(w.cond())),
                        ctx.block(() -> stmt(w.body(), place + ".while"))));
                case Stmt.Break b -> ctx.emit(new TStmt.Break());
                case Stmt.Let l -> {
                    if (!reassigned.contains(l.var().name())) ctx.divisibility.define(l.var().name(), l.value(), false);
                    ctx.emit(new TStmt.Let(var(l.var()), ScalarLowering.lower(l.value())));
                }
                case Stmt.Assign a -> ctx.emit(new TStmt.Assign(var(a.var()), ScalarLowering.lower(a.value())));
                case Stmt.Exec e -> {
                    ctx.at(place, e.instruction());
                    ctx.emit(new TStmt.Comment(ProgramPrinter.print(e.instruction())));
                    InstructionLowerings.lower(e.instruction(), ctx);
                    ctx.where = "";
                }
            }
        }

        private static TExpr.Var var(org.tilevm.spec.ir.Var v) {
            return new TExpr.Var(v.name(), ScalarLowering.typeOf(v.type()));
        }
    }
}
