package org.tilevm.codegen.ptx.tir;

import java.util.List;
import java.util.Objects;
import org.tilevm.spec.dtype.DType;

/**
 * A statement of the thread-level program: what one GPU thread executes. Control flow
 * ({@link For}, {@link If}, {@link While}, {@link Break}) is <em>block-uniform</em>: its conditions
 * never depend on {@link TExpr.ThreadIdx} or on loaded data (the thread-level verifier checks
 * this), so every thread of the block takes the same path and warp-collective operations
 * ({@link Ldmatrix}, {@link Mma}, {@link Shfl}) and barriers always see all lanes. Per-thread
 * differences are expressed by predicates on memory operations and by data.
 *
 * <p>Register tensors live in <em>register arrays</em> of 32-bit words ({@link Array}); an array's
 * words concatenated LSB first form a bit string that holds the thread's elements in local order,
 * each {@code dtype.bits()} wide, exactly as the block-level {@code view} sees them.
 */
public sealed interface TStmt permits TStmt.Seq, TStmt.Comment, TStmt.Let, TStmt.Assign, TStmt.For, TStmt.If,
        TStmt.While, TStmt.Break, TStmt.Array, TStmt.SetBits, TStmt.Load, TStmt.Store, TStmt.CpAsync,
        TStmt.CpAsyncCommit, TStmt.CpAsyncWait, TStmt.Ldmatrix, TStmt.Mma, TStmt.Shfl, TStmt.BarSync, TStmt.Printf,
        TStmt.AtomicWait, TStmt.AtomicStore {

    /** Statements in order; a scope for the variables and arrays declared in it. */
    record Seq(List<TStmt> body) implements TStmt {
        public Seq { body = List.copyOf(body); }
    }

    /** A comment carried to the generated code (e.g. the block-level instruction being lowered). */
    record Comment(String text) implements TStmt {}

    /** Declares a per-thread variable with its initial value. */
    record Let(TExpr.Var var, TExpr value) implements TStmt {}

    /** Assigns a declared variable. */
    record Assign(TExpr.Var var, TExpr value) implements TStmt {}

    /**
     * {@code for (var = 0; var < extent; var++) body}; {@code var} is I32 and declared by the loop;
     * {@code unroll}: 0 none, -1 fully, n by n (a hint).
     */
    record For(TExpr.Var var, TExpr extent, int unroll, TStmt body) implements TStmt {}

    /** {@code if (cond) then else otherwise} ({@code otherwise} may be null). */
    record If(TExpr cond, TStmt then, TStmt otherwise) implements TStmt {}

    record While(TExpr cond, TStmt body) implements TStmt {}

    record Break() implements TStmt {}

    /** Declares register array {@code name} of {@code words} 32-bit words, all zero. */
    record Array(String name, int words) implements TStmt {
        public Array {
            Objects.requireNonNull(name);
            if (words < 1) throw new IllegalArgumentException("array " + name + " of " + words + " words");
        }
    }

    /** Sets bits {@code [bit, bit+nbits)} of {@code array} to the low {@code nbits} of {@code value} (U32 or U64). */
    record SetBits(String array, int bit, int nbits, TExpr value) implements TStmt {}

    /** Where a {@link Load} or {@link Store} goes. */
    enum Space { GLOBAL, SHARED }

    /**
     * Reads {@code nbits} (1..128) at bit address {@code bitAddr} of the space (global: relative to
     * pointer parameter {@code ptr}, I64; shared: from the start of the block's shared memory,
     * I32) into bits {@code [dstBit, dstBit+nbits)} of {@code array}. When {@code pred} is false
     * nothing is read and those bits become 0. {@code align} is a guarantee made by the lowering:
     * {@code bitAddr} is a multiple of {@code align} bits (a power of two, at most 128) whenever
     * {@code pred} holds; printers use it to choose a vector instruction, the simulator checks it.
     */
    record Load(Space space, String array, int dstBit, int nbits, String ptr, TExpr bitAddr, int align, TExpr pred)
            implements TStmt {}

    /**
     * Writes bits {@code [srcBit, srcBit+nbits)} of {@code array} to bit address {@code bitAddr}
     * (as for {@link Load}) when {@code pred} holds. Bits of the same byte that other threads write
     * are not disturbed (partial bytes are written atomically).
     */
    record Store(Space space, String array, int srcBit, int nbits, String ptr, TExpr bitAddr, int align, TExpr pred)
            implements TStmt {}

    /**
     * PTX {@code cp.async.ca/cg.shared.global} of {@code bytes} (4, 8 or 16): the first
     * {@code srcBytes} bytes (0..bytes, I32) come from global byte address {@code gByteAddr}
     * (relative to {@code ptr}), the rest are zero-filled; the shared destination is written when a
     * {@link CpAsyncWait} retires the group. Both addresses are multiples of {@code bytes}. When
     * {@code pred} (PRED) is false the thread issues nothing (PTX: a predicated {@code cp.async}).
     */
    record CpAsync(TExpr smemByteAddr, String ptr, TExpr gByteAddr, int bytes, TExpr srcBytes, TExpr pred)
            implements TStmt {}

    /** {@code cp.async.commit_group}: closes the thread's current group of copies. */
    record CpAsyncCommit() implements TStmt {}

    /** {@code cp.async.wait_group n}: waits until at most {@code n} of the thread's groups are pending. */
    record CpAsyncWait(int n) implements TStmt {}

    /**
     * PTX {@code ldmatrix.sync.aligned.m8n8.x{count}[.trans].shared.b16}: lanes 8i..8i+7 give
     * (in {@code smemByteAddr}, 16-byte aligned) the row addresses of 8x8 matrix i; every lane
     * receives word {@code word + i} of {@code array} for matrix i: the two 16-bit elements
     * (row lane/4, columns 2*(lane%4) and +1), or with {@code trans} of the transposed matrix.
     */
    record Ldmatrix(String array, int word, int count, boolean trans, TExpr smemByteAddr) implements TStmt {
        public Ldmatrix {
            if (count != 1 && count != 2 && count != 4) throw new IllegalArgumentException("ldmatrix x" + count);
        }
    }

    /** The {@code mma.sync} shapes used. */
    enum MmaShape {
        M16N8K16(16, 8, 16), M16N8K8(16, 8, 8), M16N8K32(16, 8, 32);

        public final int m, n, k;

        MmaShape(int m, int n, int k) { this.m = m; this.n = n; this.k = k; }
    }

    /**
     * PTX {@code mma.sync.aligned.{shape}.row.col.{cType}.{abType}.{abType}.{cType}}: D = A*B + C
     * for the warp, with the fragments of the PTX ISA: A, B, C, D start at the given words of their
     * arrays (A: 4 words for k16 f16/bf16 and k32 int8, 2 for k8; B: 2 or 1; C and D: 4).
     * {@code abType} is f16, bf16, i8 or u8; {@code cType} f32 or i32.
     */
    record Mma(MmaShape shape, DType abType, DType cType, String d, int dWord, String a, int aWord, String b, int bWord,
               String c, int cWord) implements TStmt {}

    /** Shuffle modes. */
    enum ShflMode { IDX, UP, DOWN, BFLY }

    /**
     * Declares {@code dst} (U32) = {@code shfl.sync.{mode}.b32} of {@code value} with lane/delta/mask
     * {@code lane} over all 32 lanes (width 32; out-of-range source lanes give the own value).
     */
    record Shfl(TExpr.Var dst, ShflMode mode, TExpr value, TExpr lane) implements TStmt {}

    /** {@code bar.sync 0} ({@code __syncthreads()}). */
    record BarSync() implements TStmt {}

    /** {@code printf} of per-thread values when {@code pred} holds (C format string). */
    record Printf(String format, List<TExpr> args, TExpr pred) implements TStmt {
        public Printf { args = List.copyOf(args); }
    }

    /**
     * Spins until the 32-bit word at global byte address {@code byteAddr} of {@code ptr} equals
     * {@code value} (acquire), when {@code pred} holds.
     */
    record AtomicWait(String ptr, TExpr byteAddr, TExpr value, TExpr pred) implements TStmt {}

    /** Stores {@code value} (U32/I32) to the 32-bit word at global byte address {@code byteAddr} with release semantics, when {@code pred}. */
    record AtomicStore(String ptr, TExpr byteAddr, TExpr value, TExpr pred) implements TStmt {}

    static Seq seq(TStmt... body) { return new Seq(List.of(body)); }
}
