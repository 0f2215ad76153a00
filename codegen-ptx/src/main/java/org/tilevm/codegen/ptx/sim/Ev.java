package org.tilevm.codegen.ptx.sim;

/**
 * A compiled {@link org.tilevm.codegen.ptx.tir.TExpr}: its value for thread {@code t} of the
 * block, in the canonical form of {@link Scalars}. Variables are resolved to slots when compiling,
 * so evaluation does no name lookups.
 */
@FunctionalInterface
interface Ev {
    long eval(BlockState b, int t);
}
