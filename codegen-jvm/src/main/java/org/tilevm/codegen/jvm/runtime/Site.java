package org.tilevm.codegen.jvm.runtime;

/**
 * A place in the program where a block can fail: the statement path as the interpreter prints it,
 * and the enclosing loops whose values an error message lists (outermost first). Loop values live
 * in the block's {@code long[] loops} array at {@code loopSlots[i]}; {@code loopLabels[i]} is the
 * loop variable's name, or null for a {@code while} loop (printed as {@code iteration N}).
 */
public record Site(String path, int[] loopSlots, String[] loopLabels) {}
