/**
 * The reference interpreter: the executable definition of TileVM's semantics
 * ({@code vm-spec/SPEC.md (Part S)}).
 *
 * <p>{@link org.tilevm.spec.interp.Interpreter} runs a program block after block, and within a
 * block statement after statement; every instruction acts on the whole block at once. It is
 * <em>faithful</em> to the machine model rather than fast: a register tensor is stored per thread,
 * as its layout says ({@code numThreads * localSize} raw codes), so {@code view} reinterprets
 * exactly the bits each thread holds and replicated elements are real copies; shared tensors are
 * arrays of codes addressed through their shared layout; global tensors are the packed
 * {@link java.lang.foreign.MemorySegment}s passed at launch. Index maps of layouts and the
 * gather maps of instructions are computed once per launch and cached, so the hot loops are plain
 * array walks.
 *
 * <p>One small class per concern: statements ({@code StatementRunner}), scalar expressions
 * ({@code ScalarEvaluator}, {@code Arith}, {@code FloatRounder}), per-dtype element arithmetic
 * ({@code Numeric}), layout index tables ({@code LayoutTable}, {@code SharedTable}), and the
 * instruction families ({@code AllocationOps}, {@code GlobalMemoryOps}, {@code SharedMemoryOps},
 * {@code AsyncCopies}, {@code ElementwiseOps}, {@code ShapeOps}, {@code ReduceOps}, {@code DotOp},
 * {@code ViewOp}, {@code SemaphoreOps}, {@code PrintOp}), dispatched by a sealed pattern switch in
 * {@code InstructionDispatch}.
 */
package org.tilevm.spec.interp;
