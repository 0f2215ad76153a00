package org.tilevm.codegen.ptx.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.sim.Tir.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;

/** Global and shared loads and stores, the race detector, bounds and alignment checks, cp.async groups. */
class MemoryTest {

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** Bit k of a byte array, LSB first. */
    private static long bit(byte[] b, long k) { return (b[(int) (k >>> 3)] >>> (k & 7)) & 1; }

    private static long bits(byte[] b, long at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) v |= bit(b, at + i) << i;
        return v;
    }

    @Test
    void subByteGlobalLoadsAndStoresAtBitAddresses() {
        Random rnd = new Random(51);
        byte[] in = randomBytes(rnd, 64), out = randomBytes(rnd, 64);
        // thread t loads 13 bits at bit 5 + 13t and stores them at bit 3 + 11t... with 11 bits
        TStmt[] body = {
            array("r", 1),
            ldGlobal("r", 0, 13, "in", add(mul(conv(ScalarType.I64, tid()), i64(13)), i64(5)), 1),
            stGlobal("r", 2, 11, "out", add(mul(conv(ScalarType.I64, tid()), i64(11)), i64(3)), 1),
        };
        MemorySegment o = segment(out);
        run(program(List.of(in(), out()), 32, 0, body), args("in", segment(in), "out", o));
        byte[] expected = out.clone();
        for (int t = 0; t < 32; t++) {
            long v = bits(in, 5 + 13L * t, 13) >>> 2;
            for (int i = 0; i < 11; i++) {
                long k = 3 + 11L * t + i;
                int mask = 1 << (k & 7);
                expected[(int) (k >>> 3)] = (byte) ((expected[(int) (k >>> 3)] & ~mask) | (((v >>> i) & 1) << (k & 7)));
            }
        }
        assertArrayEquals(expected, o.toArray(ValueLayout.JAVA_BYTE));
        assertEquals(out[0] & 0b111, o.get(ValueLayout.JAVA_BYTE, 0) & 0b111, "bits before the first store are kept");
    }

    @Test
    void wideLoadsAndFalsePredicates() {
        Random rnd = new Random(52);
        byte[] in = randomBytes(rnd, 32 * 16);
        // 128-bit loads; odd threads are predicated off with an out-of-bounds address and load zeros
        TExpr odd = bin(BOp.EQ, bin(BOp.AND, tid(), i32(1)), i32(1));
        TExpr addr = new TExpr.Select(odd, i64(1L << 40), tidTimes64(128));
        TStmt[] body = {
            array("r", 4),
            setBits("r", 0, 64, u64(-1L)),
            new TStmt.Load(TStmt.Space.GLOBAL, "r", 0, 128, "in", addr, 128, new TExpr.Un(TExpr.UOp.LNOT, odd)),
            stGlobal("r", 0, 128, "out", tidTimes64(128), 128),
        };
        MemorySegment o = segment(32 * 16);
        run(program(List.of(in(), out()), 32, 0, body), args("in", segment(in), "out", o));
        byte[] got = o.toArray(ValueLayout.JAVA_BYTE);
        for (int t = 0; t < 32; t++) {
            for (int i = 0; i < 16; i++) {
                assertEquals(t % 2 == 0 ? in[16 * t + i] : 0, got[16 * t + i], "thread " + t + " byte " + i);
            }
        }
    }

    @Test
    void globalOutOfBoundsNamesStatementAddressAndThread() {
        TStmt[] body = {array("r", 1), ldGlobal("r", 0, 32, "in", tidTimes64(32), 32)};
        SimulationException e = fails(program(List.of(in(), out()), 32, 0, body),
                args("in", segment(new byte[100]), "out", segment(4)));
        String m = e.getMessage();
        assertTrue(m.contains("body[1] load.global"), m);
        assertTrue(m.contains("bits [800, 832) (bytes [100, 104)) of pointer parameter in are outside its segment of 100 bytes"), m);
        assertTrue(m.contains("thread 25"), m);
    }

    @Test
    void misalignedLoadIsAnError() {
        TStmt[] body = {array("r", 1), ldGlobal("r", 0, 32, "in", tidTimes64(16), 32)};
        SimulationException e = fails(program(List.of(in(), out()), 32, 0, body),
                args("in", segment(new byte[1024]), "out", segment(4)));
        assertTrue(e.getMessage().contains("misaligned: bit address 16 is not a multiple of 32"), e.getMessage());
        assertTrue(e.getMessage().contains("thread 1 (warp 0, lane 1)"), e.getMessage());
    }

    // ------------------------------------------------------------------ shared memory and races

    /** Each thread stores its id at word t of shared memory; then {@code middle}; then loads word (t+1) % n. */
    private static ThreadProgram exchange(int threads, TStmt... middle) {
        TStmt[] head = {array("r", 1), setBits("r", 0, 32, bitcast(ScalarType.U32, tid())),
                stShared("r", 0, 32, mul(tid(), i32(32)), 32)};
        TExpr next = bin(BOp.REM, add(tid(), i32(1)), i32(threads));
        TStmt[] tail = {array("s", 1), ldShared("s", 0, 32, mul(next, i32(32)), 32),
                stGlobal("s", 0, 32, "out", tidTimes64(32), 32)};
        TStmt[] all = new TStmt[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return program(List.of(out()), threads, 4 * threads, all);
    }

    @Test
    void sharedExchangeThroughABarrier() {
        MemorySegment o = segment(4 * 64);
        run(exchange(64, sync()), args("out", o));
        int[] got = ints(o);
        for (int t = 0; t < 64; t++) assertEquals((t + 1) % 64, got[t]);
    }

    @Test
    void readingAnotherThreadsWriteWithoutABarrierIsARace() {
        SimulationException e = fails(exchange(64), args("out", segment(256)));
        String m = e.getMessage();
        assertTrue(m.contains("body[4] load.shared s"), m);
        assertTrue(m.contains("shared-memory race: reads bit 32 (byte 4) that thread 1 (at body[2] store.shared"), m);
        assertTrue(m.contains("wrote since the last bar.sync"), m);
        assertTrue(m.contains("thread 0 (warp 0, lane 0)"), m);
    }

    @Test
    void twoThreadsWritingTheSameBitsIsARace() {
        TStmt[] body = {array("r", 1), stShared("r", 0, 32, bin(BOp.SHR, tid(), i32(1)), 1)};
        SimulationException e = fails(program(List.of(out()), 32, 64, body), args("out", segment(4)));
        assertTrue(e.getMessage().contains("writes bit 0 (byte 0) that thread 0"), e.getMessage());
        assertTrue(e.getMessage().contains("also wrote since the last bar.sync"), e.getMessage());
        assertTrue(e.getMessage().contains("thread 1 "), e.getMessage());
    }

    @Test
    void overwritingWhatAnotherThreadReadWithoutABarrierIsARace() {
        // everyone writes its word, syncs, reads the next word; then writes its word again without a barrier
        TStmt again = stShared("r", 0, 32, mul(tid(), i32(32)), 32);
        TStmt[] body = {array("r", 1), stShared("r", 0, 32, mul(tid(), i32(32)), 32), sync(),
                array("s", 1), ldShared("s", 0, 32, mul(bin(BOp.REM, add(tid(), i32(1)), i32(32)), i32(32)), 32), again};
        SimulationException e = fails(program(List.of(out()), 32, 128, body), args("out", segment(4)));
        assertTrue(e.getMessage().contains("body[5] store.shared"), e.getMessage());
        assertTrue(e.getMessage().contains("that thread 31 (at body[4] load.shared s"), e.getMessage());
        assertTrue(e.getMessage().contains("read since the last bar.sync"), e.getMessage());
    }

    @Test
    void manyReadersAndDisjointBitsOfOneByteAreFine() {
        // threads write disjoint 2-bit fields of the same bytes, sync, then everyone reads all of them
        TStmt[] body = {
            array("r", 1), setBits("r", 0, 2, bitcast(ScalarType.U32, bin(BOp.AND, tid(), i32(3)))),
            stShared("r", 0, 2, mul(tid(), i32(2)), 1), sync(),
            array("s", 2), ldShared("s", 0, 64, i32(0), 64),
            stGlobal("s", 0, 64, "out", tidTimes64(64), 64),
        };
        MemorySegment o = segment(8 * 32);
        run(program(List.of(out()), 32, 8, body), args("out", o));
        long expected = 0;
        for (int t = 0; t < 32; t++) expected |= (long) (t & 3) << (2 * t);
        for (long v : longs(o)) assertEquals(expected, v);
    }

    @Test
    void sharedOutOfBoundsAndNegativeAddresses() {
        TStmt[] body = {array("r", 1), ldShared("r", 0, 32, add(mul(tid(), i32(32)), i32(-32 * 4)), 32)};
        SimulationException e = fails(program(List.of(out()), 32, 64, body), args("out", segment(4)));
        assertTrue(e.getMessage().contains("load.shared of bits [-128, -96) (bytes [-16, -12)) are outside the 64 bytes of shared memory"),
                e.getMessage());
        TStmt[] body2 = {array("r", 1), stShared("r", 0, 32, mul(tid(), i32(32)), 32)};
        SimulationException e2 = fails(program(List.of(out()), 32, 64, body2), args("out", segment(4)));
        assertTrue(e2.getMessage().contains("bytes [64, 68)) are outside the 64 bytes of shared memory"), e2.getMessage());
        assertTrue(e2.getMessage().contains("thread 16"), e2.getMessage());
    }

    // ------------------------------------------------------------------ cp.async

    private static TStmt cp(TExpr smemByte, TExpr gByte, int bytes, TExpr srcBytes) {
        return new TStmt.CpAsync(smemByte, "in", gByte, bytes, srcBytes, pred(true));
    }

    /** Thread t copies 16 bytes of global row t to shared at 16t (group A) and global row 32 + t to 512 + 16t (group B). */
    private static TStmt[] twoGroups() {
        TExpr t16 = mul(tid(), i32(16));
        return new TStmt[] {
            cp(t16, conv(ScalarType.I64, t16), 16, i32(16)), new TStmt.CpAsyncCommit(),
            cp(add(t16, i32(512)), conv(ScalarType.I64, add(t16, i32(512))), 16, i32(16)), new TStmt.CpAsyncCommit(),
        };
    }

    private static TStmt[] concat(TStmt[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(TStmt[]::new);
    }

    @Test
    void waitGroupRetiresTheOldestGroupsFirst() {
        Random rnd = new Random(53);
        byte[] in = randomBytes(rnd, 1024);
        // wait_group 1: group A done, so reading one's own row of A is fine
        TStmt[] readA = {array("r", 4), ldShared("r", 0, 128, mul(tid(), i32(128)), 128),
                stGlobal("r", 0, 128, "out", tidTimes64(128), 128)};
        MemorySegment o = segment(512);
        run(program(List.of(in(), out()), 32, 1024, concat(twoGroups(), new TStmt[] {new TStmt.CpAsyncWait(1)}, readA)),
                args("in", segment(in), "out", o));
        assertArrayEquals(java.util.Arrays.copyOf(in, 512), o.toArray(ValueLayout.JAVA_BYTE));
        // but group B is still pending
        TStmt[] readB = {array("r", 4), ldShared("r", 0, 128, add(mul(tid(), i32(128)), i32(4096)), 128)};
        SimulationException e = fails(program(List.of(in(), out()), 32, 1024,
                concat(twoGroups(), new TStmt[] {new TStmt.CpAsyncWait(1)}, readB)), args("in", segment(in), "out", o));
        assertTrue(e.getMessage().contains("reads byte 512 of shared memory, which a cp.async by thread 0 (at body[2] cp.async.16"),
                e.getMessage());
        // after wait_group 0 and a barrier every row is readable by every thread
        TStmt[] readAll = {sync(), array("r", 4), ldShared("r", 0, 128, mul(bin(BOp.SUB, i32(63), tid()), i32(128)), 128),
                stGlobal("r", 0, 128, "out", tidTimes64(128), 128)};
        run(program(List.of(in(), out()), 32, 1024, concat(twoGroups(), new TStmt[] {new TStmt.CpAsyncWait(0)}, readAll)),
                args("in", segment(in), "out", o));
        byte[] got = o.toArray(ValueLayout.JAVA_BYTE);
        for (int t = 0; t < 32; t++) {
            for (int i = 0; i < 16; i++) assertEquals(in[16 * (63 - t) + i], got[16 * t + i]);
        }
    }

    @Test
    void readingCopiedDataOfOtherThreadsNeedsABarrierAfterTheWait() {
        TStmt[] read = {new TStmt.CpAsyncWait(0), array("r", 4), ldShared("r", 0, 128, mul(bin(BOp.SUB, i32(31), tid()), i32(128)), 128)};
        SimulationException e = fails(program(List.of(in(), out()), 32, 1024, concat(twoGroups(), read)),
                args("in", segment(new byte[1024]), "out", segment(4)));
        assertTrue(e.getMessage().contains("shared-memory race: reads bit 3968 (byte 496) that thread 31 (at body[0] cp.async.16"),
                e.getMessage());
    }

    @Test
    void uncommittedCopiesAreNotWaitedFor() {
        TExpr t16 = mul(tid(), i32(16));
        TStmt[] body = {cp(t16, conv(ScalarType.I64, t16), 16, i32(16)), new TStmt.CpAsyncWait(0),
                array("r", 4), ldShared("r", 0, 128, mul(tid(), i32(128)), 128)};
        SimulationException e = fails(program(List.of(in(), out()), 32, 512, body),
                args("in", segment(new byte[512]), "out", segment(4)));
        assertTrue(e.getMessage().contains("will still write"), e.getMessage());
    }

    @Test
    void zeroFillBeyondTheSourceSizeAndPredicatedOffCopies() {
        Random rnd = new Random(54);
        byte[] in = randomBytes(rnd, 512);
        TExpr t16 = mul(tid(), i32(16));
        // thread t copies t % 17 bytes (0..16) of its row; odd rows of a second buffer are skipped by the predicate
        TStmt[] body = {
            cp(t16, conv(ScalarType.I64, t16), 16, bin(BOp.REM, tid(), i32(17))),
            new TStmt.CpAsync(add(t16, i32(512)), "in", i64(1L << 40), 16, i32(0), pred(true)), // 0 source bytes: no read
            new TStmt.CpAsync(add(t16, i32(1024)), "in", i64(1L << 40), 16, i32(16), pred(false)),
            new TStmt.CpAsyncCommit(), new TStmt.CpAsyncWait(0),
            array("r", 8), ldShared("r", 0, 128, mul(tid(), i32(128)), 128), ldShared("r", 128, 128, add(mul(tid(), i32(128)), i32(4096)), 128),
            stGlobal("r", 0, 128, "out", tidTimes64(256), 128), stGlobal("r", 128, 128, "out", add(tidTimes64(256), i64(128)), 128),
        };
        MemorySegment o = segment(32 * 32);
        run(program(List.of(in(), out()), 32, 1536, body), args("in", segment(in), "out", o));
        byte[] got = o.toArray(ValueLayout.JAVA_BYTE);
        for (int t = 0; t < 32; t++) {
            for (int i = 0; i < 16; i++) {
                assertEquals(i < t % 17 ? in[16 * t + i] : 0, got[32 * t + i], "row " + t + " byte " + i);
                assertEquals(0, got[32 * t + 16 + i], "zero-size copy row " + t);
            }
        }
        // the predicated-off copy never wrote: its bytes still hold the fill pattern, and reading them is no error
        TStmt[] peek = {new TStmt.CpAsync(i32(0), "in", i64(0), 16, i32(16), pred(false)), new TStmt.CpAsyncCommit(),
                new TStmt.CpAsyncWait(0), array("r", 1), ldShared("r", 0, 32, i32(0), 32), stGlobal("r", 0, 32, "out", i64(0), 32)};
        MemorySegment o2 = segment(4);
        run(program(List.of(in(), out()), 32, 64, peek), args("in", segment(in), "out", o2));
        assertEquals(0xA5A5A5A5, ints(o2)[0]);
    }

    @Test
    void cpAsyncChecksAlignmentAndBounds() {
        TStmt[] body = {cp(mul(tid(), i32(8)), i64(0), 16, i32(16))};
        SimulationException e = fails(program(List.of(in(), out()), 32, 1024, body), args("in", segment(new byte[64]), "out", segment(4)));
        assertTrue(e.getMessage().contains("misaligned: shared byte address 8 is not a multiple of 16"), e.getMessage());
        TStmt[] body2 = {cp(mul(tid(), i32(16)), conv(ScalarType.I64, mul(tid(), i32(16))), 16, i32(16))};
        SimulationException e2 = fails(program(List.of(in(), out()), 32, 1024, body2), args("in", segment(new byte[64]), "out", segment(4)));
        assertTrue(e2.getMessage().contains("cp.async source bits [512, 640)"), e2.getMessage());
        assertTrue(e2.getMessage().contains("thread 4"), e2.getMessage());
    }
}
