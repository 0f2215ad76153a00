package org.tilevm.codegen.ptx.sim;

import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TStmt;

/**
 * Loads, stores, {@code cp.async} and the global atomics used by semaphores. Every access checks
 * its alignment and bounds when it happens (when its predicate holds); shared accesses also go
 * through the race detector of {@link SharedMemory}.
 */
final class MemoryOps {
    private MemoryOps() {}

    static Node load(TStmt.Load x, Compiler.Ctx c) {
        Access a = access(x.space(), x.array(), x.dstBit(), x.nbits(), x.ptr(), x.bitAddr(), x.align(), x.pred(), c);
        boolean global = x.space() == TStmt.Space.GLOBAL;
        String ptr = x.ptr();
        int dst = x.dstBit(), n = x.nbits(), align = x.align();
        Site site = c.site();
        return b -> {
            int[][] arr = b.arrays[a.slot];
            for (int t = 0; t < b.numThreads; t++) {
                int[] words = arr[t];
                if (a.pred.eval(b, t) == 0) {
                    for (int off = 0; off < n; off += 64) Bits.set(words, dst + off, Math.min(64, n - off), 0);
                    continue;
                }
                long addr = a.addr.eval(b, t);
                checkAlign(t, addr, align, "bit address");
                if (global) {
                    b.global().checkBounds(t, ptr, addr, n, "load.global of");
                    for (int off = 0; off < n; off += 64) {
                        int k = Math.min(64, n - off);
                        Bits.set(words, dst + off, k, b.global().read(ptr, addr + off, k));
                    }
                } else {
                    b.shared().checkBounds(t, addr, n, "load.shared of");
                    for (int off = 0; off < n; off += 64) {
                        int k = Math.min(64, n - off);
                        Bits.set(words, dst + off, k, b.shared().read(t, site, addr + off, k));
                    }
                }
            }
            return Node.Flow.NORMAL;
        };
    }

    static Node store(TStmt.Store x, Compiler.Ctx c) {
        Access a = access(x.space(), x.array(), x.srcBit(), x.nbits(), x.ptr(), x.bitAddr(), x.align(), x.pred(), c);
        boolean global = x.space() == TStmt.Space.GLOBAL;
        String ptr = x.ptr();
        int src = x.srcBit(), n = x.nbits(), align = x.align();
        Site site = c.site();
        return b -> {
            int[][] arr = b.arrays[a.slot];
            for (int t = 0; t < b.numThreads; t++) {
                if (a.pred.eval(b, t) == 0) continue;
                int[] words = arr[t];
                long addr = a.addr.eval(b, t);
                checkAlign(t, addr, align, "bit address");
                if (global) {
                    b.global().checkBounds(t, ptr, addr, n, "store.global of");
                    for (int off = 0; off < n; off += 64) {
                        int k = Math.min(64, n - off);
                        b.global().write(ptr, addr + off, k, Bits.get(words, src + off, k));
                    }
                } else {
                    b.shared().checkBounds(t, addr, n, "store.shared of");
                    for (int off = 0; off < n; off += 64) {
                        int k = Math.min(64, n - off);
                        b.shared().write(t, site, addr + off, k, Bits.get(words, src + off, k));
                    }
                }
            }
            return Node.Flow.NORMAL;
        };
    }

    /** The compiled operands of a load or store. */
    private record Access(int slot, Ev addr, Ev pred) {}

    private static Access access(TStmt.Space space, String array, int bit, int nbits, String ptr, TExpr bitAddr, int align,
                                 TExpr pred, Compiler.Ctx c) {
        if (nbits < 1 || nbits > 128) throw new Fault(-1, nbits + " bits (expected 1 to 128)");
        if (align < 1 || align > 128 || Integer.bitCount(align) != 1) {
            throw new Fault(-1, "alignment " + align + " (expected a power of two from 1 to 128 bits)");
        }
        if (space == TStmt.Space.GLOBAL) c.requirePointer(ptr);
        ExprCompiler.requireInteger(bitAddr, "the bit address");
        int slot = c.ex().array(array, bit, nbits);
        return new Access(slot, c.ex().compile(bitAddr), predicate(pred, c));
    }

    /** A PRED predicate; null means always. */
    static Ev predicate(TExpr pred, Compiler.Ctx c) {
        if (pred == null) return (b, t) -> 1;
        ExprCompiler.requireType(pred, ScalarType.PRED, "the predicate");
        return c.ex().compile(pred);
    }

    static void checkAlign(int t, long addr, long align, String what) {
        if (Math.floorMod(addr, align) != 0) {
            throw new Fault(t, "misaligned: " + what + " " + addr + " is not a multiple of " + align);
        }
    }

    static Node cpAsync(TStmt.CpAsync x, Compiler.Ctx c) {
        int bytes = x.bytes();
        if (bytes != 4 && bytes != 8 && bytes != 16) throw new Fault(-1, "cp.async of " + bytes + " bytes (expected 4, 8 or 16)");
        c.requirePointer(x.ptr());
        ExprCompiler.requireInteger(x.smemByteAddr(), "the shared address");
        ExprCompiler.requireInteger(x.gByteAddr(), "the global address");
        ExprCompiler.requireInteger(x.srcBytes(), "the source size");
        Ev smem = c.ex().compile(x.smemByteAddr()), g = c.ex().compile(x.gByteAddr()), src = c.ex().compile(x.srcBytes());
        Ev pred = predicate(x.pred(), c);
        String ptr = x.ptr();
        Site site = c.site();
        return b -> {
            for (int t = 0; t < b.numThreads; t++) {
                if (pred.eval(b, t) == 0) continue;
                long s = smem.eval(b, t), ga = g.eval(b, t), n = src.eval(b, t);
                if (n < 0 || n > bytes) throw new Fault(t, "source size " + n + " is outside 0.." + bytes);
                checkAlign(t, s, bytes, "shared byte address");
                checkAlign(t, ga, bytes, "global byte address");
                b.shared().checkBounds(t, 8 * s, 8 * bytes, "cp.async destination");
                byte[] data = new byte[bytes];
                if (n > 0) {
                    b.global().checkBounds(t, ptr, 8 * ga, 8 * n, "cp.async source");
                    for (int i = 0; i < n; i++) data[i] = (byte) b.global().read(ptr, 8 * (ga + i), 8);
                }
                b.shared().issueAsync(t, site, (int) s, bytes);
                b.async.issue(t, new AsyncCopies.Copy(site, (int) s, data));
            }
            return Node.Flow.NORMAL;
        };
    }

    static Node commit() {
        return b -> {
            for (int t = 0; t < b.numThreads; t++) b.async.commit(t);
            return Node.Flow.NORMAL;
        };
    }

    static Node waitGroup(TStmt.CpAsyncWait x) {
        int n = x.n();
        if (n < 0) throw new Fault(-1, "wait_group " + n + " (expected n >= 0)");
        return b -> {
            for (int t = 0; t < b.numThreads; t++) b.async.waitGroups(t, n, b.shared());
            return Node.Flow.NORMAL;
        };
    }

    /** The compiled operands of an atomic. */
    private record Atomic(Ev addr, Ev value, Ev pred) {}

    private static Atomic atomic(String ptr, TExpr byteAddr, TExpr value, TExpr pred, Compiler.Ctx c) {
        c.requirePointer(ptr);
        ExprCompiler.requireInteger(byteAddr, "the byte address");
        if (!value.type().isInteger() || value.type().bits() != 32) {
            throw new Fault(-1, "the value must be a 32-bit integer, got " + value.type());
        }
        return new Atomic(c.ex().compile(byteAddr), c.ex().compile(value), predicate(pred, c));
    }

    private static long word(BlockState b, int t, String ptr, long byteAddr) {
        checkAlign(t, byteAddr, 4, "byte address");
        b.global().checkBounds(t, ptr, 8 * byteAddr, 32, "32-bit word at");
        return b.global().read(ptr, 8 * byteAddr, 32);
    }

    /**
     * Blocks run one at a time, each to completion, so a waited-for word that does not hold the
     * value yet never will: that is reported instead of spinning forever.
     */
    static Node atomicWait(TStmt.AtomicWait x, Compiler.Ctx c) {
        Atomic a = atomic(x.ptr(), x.byteAddr(), x.value(), x.pred(), c);
        String ptr = x.ptr();
        return b -> {
            for (int t = 0; t < b.numThreads; t++) {
                if (a.pred.eval(b, t) == 0) continue;
                long addr = a.addr.eval(b, t);
                long have = word(b, t, ptr, addr), want = a.value.eval(b, t) & 0xFFFF_FFFFL;
                if (have != want) {
                    throw new Fault(t, "waits for the word at byte " + addr + " of " + ptr + " to be " + want + " but it is " + have
                            + "; blocks run one at a time and earlier blocks have finished, so no one can change it (no progress)");
                }
            }
            return Node.Flow.NORMAL;
        };
    }

    static Node atomicStore(TStmt.AtomicStore x, Compiler.Ctx c) {
        Atomic a = atomic(x.ptr(), x.byteAddr(), x.value(), x.pred(), c);
        String ptr = x.ptr();
        return b -> {
            for (int t = 0; t < b.numThreads; t++) {
                if (a.pred.eval(b, t) == 0) continue;
                long addr = a.addr.eval(b, t);
                word(b, t, ptr, addr);
                b.global().write(ptr, 8 * addr, 32, a.value.eval(b, t));
            }
            return Node.Flow.NORMAL;
        };
    }
}
