package org.tilevm.codegen.ptx.tir;

import static org.tilevm.codegen.ptx.tir.TExpr.BOp.*;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.spec.dtype.DTypes;

/** Memory, async-copy, warp and atomic rules: each has a failing example naming the place and the reason. */
class TirVerifierMemoryTest {

    /** The statement after {@code array r[4]}, {@code array s[2]}: the error is at body[2]. */
    private static void bad(TStmt s, String kind, String... reason) {
        expect(prog(array("r", 4), array("s", 2), s), "body[2]", kind, reason);
    }

    private static void ok(TStmt s) {
        valid(prog(array("r", 4), array("s", 2), s));
    }

    private static final TExpr G0 = TExpr.i64(0);

    @Test
    void loadAndStoreSizesAndRanges() {
        ok(ldGlobal("r", 0, 128, "a", G0, 128, TRUE));
        bad(ldGlobal("r", 0, 0, "a", G0, 8, TRUE), "load global", "nbits must be 1..128, got 0");
        bad(ldGlobal("r", 0, 129, "a", G0, 8, TRUE), "load global", "nbits must be 1..128, got 129");
        bad(ldGlobal("r", 96, 64, "a", G0, 64, TRUE), "load global", "bits [96, 160) are outside register array 'r' (4 words = 128 bits)");
        bad(ldGlobal("t", 0, 8, "a", G0, 8, TRUE), "load global", "register array 't' is not declared");
        bad(ldGlobal("r", 0, 8, "a", G0, 3, TRUE), "load global", "align must be a power of two from 1 to 128 (bits), got 3");
        bad(ldGlobal("r", 0, 8, "a", G0, 256, TRUE), "load global", "got 256");
        bad(new Store(Space.GLOBAL, "r", -8, 8, "a", G0, 8, TRUE), "store global", "bits [-8, 0) are outside register array 'r'");
        bad(new Store(null, "r", 0, 8, "a", G0, 8, TRUE), "store <null>", "the space is missing");
    }

    @Test
    void globalAccessesNameAPointerAndUseI64Addresses() {
        bad(ldGlobal("r", 0, 8, null, G0, 8, TRUE), "load global", "a global access needs a pointer parameter (ptr is null)");
        bad(ldGlobal("r", 0, 8, "zz", G0, 8, TRUE), "load global", "ptr 'zz' is not a parameter of the program");
        bad(ldGlobal("r", 0, 8, "r", G0, 8, TRUE), "load global", "ptr 'r' is not a parameter of the program (it is a register array)");
        bad(new Store(Space.GLOBAL, "r", 0, 8, "n", G0, 8, TRUE), "store global", "ptr 'n' is a scalar parameter, not a pointer");
        bad(ldGlobal("r", 0, 8, "a", TExpr.i32(0), 8, TRUE), "load global", "bitAddr `0` must be i64, not i32");
        bad(ldGlobal("r", 0, 32, "a", TExpr.i64(48), 32, TRUE), "load global", "bitAddr 48 is not a multiple of align (32)");
        bad(ldGlobal("r", 0, 8, "a", G0, 8, n), "load global", "pred `n` must be pred, not i32");
    }

    @Test
    void sharedAccessesUseI32AddressesInsideTheDeclaredMemory() {
        ok(ldShared("r", 0, 128, TExpr.i32(4096 * 8 - 128), 128));
        bad(ldShared("r", 0, 8, TExpr.i64(0), 8), "load shared", "bitAddr `0l` must be i32, not i64");
        bad(new Load(Space.SHARED, "r", 0, 8, "a", TExpr.i32(0), 8, TRUE), "load shared",
                "a shared access names no pointer, but ptr is 'a'");
        bad(ldShared("r", 0, 64, TExpr.i32(4096 * 8 - 32), 32), "load shared",
                "bitAddr 32736: bits [32736, 32800) are outside the block's shared memory (32768 bits)");
        bad(ldShared("r", 0, 8, TExpr.i32(-8), 8), "load shared", "bits [-8, 0) are outside the block's shared memory");
        bad(new Store(Space.SHARED, "r", 0, 16, null, TExpr.i32(8), 16, TRUE), "store shared",
                "bitAddr 8 is not a multiple of align (16)");
        expect(prog(128, 0, array("r", 1), ldShared("r", 0, 8, TID, 8)), "body[1]", "load shared",
                "the program declares no shared memory (sharedBytes 0)");
    }

    @Test
    void setBits() {
        ok(new SetBits("r", 60, 64, new TExpr.Const(5, ScalarType.U64)));
        bad(new SetBits("r", 0, 65, new TExpr.Const(5, ScalarType.U64)), "setbits", "nbits must be 1..64, got 65");
        bad(new SetBits("s", 40, 32, TExpr.u32(1)), "setbits", "bits [40, 72) are outside register array 's' (2 words = 64 bits)");
        bad(new SetBits("r", 0, 8, n), "setbits", "value `n` must be u32 or u64, not i32");
        bad(new SetBits("r", 0, 40, TExpr.u32(1)), "setbits", "value `1u` (u32) has fewer than nbits = 40 bits");
    }

    @Test
    void asyncCopies() {
        ok(new CpAsync(TExpr.i32(16), "a", TExpr.i64(32), 16, n, bin(LT, TID, n)));
        bad(new CpAsync(TExpr.i32(0), "a", G0, 12, TExpr.i32(12), TRUE), "cp.async", "bytes must be 4, 8 or 16, got 12");
        bad(new CpAsync(TExpr.i32(0), "n", G0, 4, TExpr.i32(4), TRUE), "cp.async", "ptr 'n' is a scalar parameter, not a pointer");
        bad(new CpAsync(TExpr.i32(0), "a", TExpr.i32(0), 4, TExpr.i32(4), TRUE), "cp.async", "gByteAddr `0` must be i64, not i32");
        bad(new CpAsync(TExpr.i32(0), "a", TExpr.i64(4), 8, TExpr.i32(8), TRUE), "cp.async",
                "gByteAddr 4 is not a multiple of bytes (8)");
        bad(new CpAsync(TExpr.i32(8), "a", G0, 16, TExpr.i32(16), TRUE), "cp.async",
                "smemByteAddr 8 is not a multiple of its size (16)");
        bad(new CpAsync(TExpr.i32(4096), "a", G0, 16, TExpr.i32(16), TRUE), "cp.async",
                "smemByteAddr 4096: bytes [4096, 4112) are outside the block's shared memory (4096 bytes)");
        bad(new CpAsync(TExpr.i64(0), "a", G0, 4, TExpr.i32(4), TRUE), "cp.async", "smemByteAddr `0l` must be i32, not i64");
        bad(new CpAsync(TExpr.i32(0), "a", G0, 8, TExpr.i32(9), TRUE), "cp.async", "srcBytes 9 is outside 0..8");
        bad(new CpAsync(TExpr.i32(0), "a", G0, 8, TExpr.i64(8), TRUE), "cp.async", "srcBytes `8l` must be i32, not i64");
        bad(new CpAsync(TExpr.i32(0), "a", G0, 8, TExpr.i32(8), TExpr.i32(1)), "cp.async", "pred `1` must be pred, not i32");
        bad(new CpAsyncWait(-1), "cp.async.wait", "n must be >= 0, got -1");
    }

    @Test
    void ldmatrix() {
        ok(new Ldmatrix("r", 0, 4, true, bin(MUL, TID, TExpr.i32(16))));
        bad(new Ldmatrix("r", 3, 2, false, TExpr.i32(0)), "ldmatrix", "array: words [3, 5) are outside register array 'r' (4 words)");
        bad(new Ldmatrix("r", 0, 1, false, TExpr.i64(0)), "ldmatrix", "smemByteAddr `0l` must be i32, not i64");
        bad(new Ldmatrix("r", 0, 1, false, TExpr.i32(8)), "ldmatrix", "smemByteAddr 8 is not a multiple of its size (16)");
    }

    @Test
    void mmaForms() {
        ok(new Mma(MmaShape.M16N8K8, DTypes.BF16, DTypes.F32, "r", 0, "s", 0, "s", 1, "r", 0));
        ok(new Mma(MmaShape.M16N8K32, DTypes.U8, DTypes.I32, "r", 0, "r", 0, "s", 0, "r", 0));
        bad(new Mma(MmaShape.M16N8K32, DTypes.F16, DTypes.F32, "r", 0, "r", 0, "s", 0, "r", 0), "mma",
                "mma.m16n8k32 takes i8/u8 inputs with i32 accumulators, not f16 inputs with f32 accumulators");
        bad(new Mma(MmaShape.M16N8K16, DTypes.F16, DTypes.F16, "r", 0, "r", 0, "s", 0, "r", 0), "mma",
                "mma.m16n8k16 takes f16/bf16 inputs with f32 accumulators");
        bad(new Mma(MmaShape.M16N8K16, DTypes.I8, DTypes.I32, "r", 0, "r", 0, "s", 0, "r", 0), "mma", "takes f16/bf16 inputs");
        bad(new Mma(MmaShape.M16N8K16, DTypes.F16, DTypes.F32, "s", 0, "r", 0, "s", 0, "r", 0), "mma",
                "d: words [0, 4) are outside register array 's' (2 words)");
        bad(new Mma(MmaShape.M16N8K16, DTypes.F16, DTypes.F32, "r", 0, "r", 0, "s", 1, "r", 0), "mma",
                "b: words [1, 3) are outside register array 's' (2 words)");
        bad(new Mma(MmaShape.M16N8K16, DTypes.F16, DTypes.F32, "r", 0, "x", 0, "s", 0, "r", 0), "mma",
                "register array 'x' is not declared");
        bad(new Mma(null, DTypes.F16, DTypes.F32, "r", 0, "r", 0, "s", 0, "r", 0), "mma", "the shape, abType and cType must all be given");
    }

    @Test
    void shuffles() {
        ok(new Shfl(u("x"), ShflMode.DOWN, TExpr.u32(1), TExpr.i32(16)));
        bad(new Shfl(i("x"), ShflMode.DOWN, TExpr.u32(1), TExpr.i32(16)), "shfl", "the destination 'x' must be u32, not i32");
        ok(new Shfl(u("x"), ShflMode.IDX, scale, TExpr.i32(0)));
        bad(new Shfl(u("x"), ShflMode.IDX, TExpr.i64(1), TExpr.i32(0)), "shfl", "value `1l` must be u32 or i32 or f32, not i64");
        bad(new Shfl(u("x"), ShflMode.UP, TExpr.u32(1), TExpr.u32(1)), "shfl", "lane `1u` must be i32, not u32");
        bad(new Shfl(u("x"), null, TExpr.u32(1), TExpr.i32(1)), "shfl", "the mode is missing");
    }

    @Test
    void printfAndAtomics() {
        ok(new Printf("100%% of %d\n", List.of(n), TRUE));
        bad(new Printf("%d %d\n", List.of(n), TRUE), "printf", "the format has 2 conversions but there are 1 arguments");
        bad(new Printf("x", List.of(), n), "printf", "pred `n` must be pred, not i32");
        bad(new AtomicWait("c", TExpr.i32(0), n, TRUE), "atomic.wait", "byteAddr `0` must be i64, not i32");
        bad(new AtomicWait("c", TExpr.i64(2), n, TRUE), "atomic.wait", "byteAddr 2 is not a multiple of the word size (4)");
        bad(new AtomicWait("c", G0, scale, TRUE), "atomic.wait", "value `scale` must be i32 or u32, not f32");
        bad(new AtomicStore("flag", G0, n, TRUE), "atomic.store", "ptr 'flag' is a scalar parameter, not a pointer");
        bad(new AtomicStore("c", G0, n, TExpr.u32(1)), "atomic.store", "pred `1u` must be pred, not u32");
    }
}
