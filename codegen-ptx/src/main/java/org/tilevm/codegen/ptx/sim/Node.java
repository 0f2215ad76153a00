package org.tilevm.codegen.ptx.sim;

import java.util.List;

/**
 * A compiled {@link org.tilevm.codegen.ptx.tir.TStmt}: runs the statement for all threads of the
 * block in lockstep (control flow is block-uniform, so one call does every thread's work).
 */
@FunctionalInterface
interface Node {
    /** Whether control continues normally or a {@code break} leaves the innermost loop. */
    enum Flow { NORMAL, BREAK }

    Flow run(BlockState b);

    /** A compiled statement with the site that names it in errors. */
    record Step(Site site, Node node) {}

    /**
     * A scope's statements in order. A {@link Fault} raised by a statement becomes a
     * {@link SimulationException} naming that statement; errors of nested statements are already
     * named by their own block.
     */
    record Block(List<Step> steps) implements Node {
        @Override
        public Flow run(BlockState b) {
            for (Step s : steps) {
                Flow f;
                try {
                    f = s.node.run(b);
                } catch (Fault fault) {
                    throw b.error(s.site, fault);
                }
                if (f == Flow.BREAK) return Flow.BREAK;
            }
            return Flow.NORMAL;
        }
    }
}
