/**
 * The layout algebra of TileVM: how the elements of a tile are placed in registers, shared memory and global memory.
 *
 * <h2>What a register layout is</h2>
 * A kernel is written for one thread block and computes on tiles. A tile in registers does not live in one place: it
 * is spread over the registers of many threads. A {@link org.tilevm.layout.RegisterLayout} is the function
 * <pre>   (thread, local) -> logical index</pre>
 * that tells which element of the tile register {@code local} of thread {@code thread} holds. With it a program can
 * say exactly what a hand-written kernel does with its registers (which lane owns which accumulator of an
 * {@code mma}, which lanes share a reduced value) and still be checked and transformed mechanically.
 *
 * <h2>The main idea: digits</h2>
 * Write every coordinate of the tile in a mixed radix: dimension 0 of size 16 may be the two digits {@code 2 x 8}.
 * These digits are the <em>modes</em>. Write the thread index and the local index in a mixed radix too. A layout is
 * then nothing but a <em>wiring of digits</em>: every mode digit of the tile is one digit of the thread index or one
 * digit of the local index, and the thread index may carry extra digits that select nothing (replication: several
 * threads hold the same value). Everything else follows from that picture:
 * <ul>
 *   <li>The primitives wire one mode per dimension: all to the thread ({@code spatial}), all to the registers
 *       ({@code local}), in row- or column-major digit order, or a pure replication digit ({@code replicated}).</li>
 *   <li>Composition {@code a.compose(b)} is the Kronecker product: {@code a}'s digits become the high digits and
 *       {@code b}'s the low digits of every coordinate, of the thread index and of the local index. Read
 *       {@code local(2,1).spatial(8,4).local(1,2)} left to right as "two row blocks in registers, each spread over an
 *       8 x 4 grid of lanes, each lane holding a pair of neighbours" - the m16n8k16 accumulator.</li>
 *   <li>Division undoes composition by matching the low digits of the coordinates against the low digits of the
 *       thread and local indices; a digit may be split to make the match ({@code 8 = 4 x 2}). Instruction
 *       selection asks divisibility questions: does this tile consist of {@code mma} fragments, of {@code ldmatrix}
 *       atoms, of 4-element vectors per thread?</li>
 *   <li>Reducing a dimension rewires its thread digits to replication digits and drops its register digits.
 *       Reshaping re-groups coordinate digits; permuting re-orders dimensions without touching any wiring.</li>
 * </ul>
 *
 * <h2>Canonical form</h2>
 * The same function has many digit descriptions: {@code spatial(2,1).spatial(2,4)} and {@code spatial(4,4)} are one
 * layout. Dropping size-1 digits and merging two digits that are neighbours, in the same order, both in their
 * dimension and in the thread (or local) index gives a description that depends only on the function. Equality,
 * hashing and printing all go through it, so two layouts are {@code equals} exactly when they place every element
 * in the same (thread, register) slots.
 *
 * <h2>Laws</h2>
 * These hold for all layouts and are property-tested:
 * <ul>
 *   <li>{@code (a.compose(b)).compose(c) == a.compose(b.compose(c))}; compose is not commutative.</li>
 *   <li>{@code a.compose(b).divide(b) == a} and {@code a.compose(b).leftDivide(a) == b}.</li>
 *   <li>Equal functions if and only if equal canonical forms.</li>
 *   <li>Without replication the layout is a bijection between {@code [numThreads] x [localSize]} and the tile;
 *       with replication every element has exactly {@code replicationFactor()} holders.</li>
 *   <li>{@code Layouts.parse(x.toString()).equals(x)}.</li>
 * </ul>
 *
 * <h2>Memory layouts</h2>
 * Memory layouts go the other way, from logical index to address. A {@link org.tilevm.layout.SharedLayout} uses
 * the same digits, each with a stride, followed by an optional XOR {@link org.tilevm.layout.Swizzle} that scatters
 * the rows of an {@code ldmatrix} access over distinct banks. A {@link org.tilevm.layout.GlobalLayout} has strides
 * over symbolic sizes ({@link org.tilevm.layout.Sym}) because global tensors are sized by kernel parameters.
 *
 * <p>The model is that of the Tilus paper (arXiv 2504.12984). Part L of {@code vm-spec/SPEC.md} lists every
 * operation with its postcondition and a worked example. Every invalid use throws
 * {@link org.tilevm.layout.LayoutException}.
 */
package org.tilevm.layout;
