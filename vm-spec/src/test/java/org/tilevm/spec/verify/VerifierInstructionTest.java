package org.tilevm.spec.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.spec.print.Ir.*;
import static org.tilevm.spec.verify.Fx.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Per-instruction rules: one minimal bad program per rule (the bad instruction is the last statement). */
class VerifierInstructionTest {
    private static final RegisterLayout L2 = Layouts.spatial(8, 4).local(2, 2);        // [16, 8]
    private static final TensorVar SA = shared("sa", DTypes.F16, SharedLayout.rowMajor(16, 8));
    private static final Stmt ALLOC_SA = exec(new AllocateShared(SA));

    // ---------------------------------------------------------------- allocation and views

    @Test
    void allocationsHaveTheirKind() {
        expect(prog(exec(new AllocateRegister(SA, null))), "body[0]", "allocate_register",
                "out 'sa' must be a register tensor, but is a shared tensor");
        expect(prog(exec(new AllocateShared(A))), "body[0]", "allocate_shared", "out 'a' must be a shared tensor");
        expect(prog(exec(new AllocateGlobal(A))), "body[0]", "allocate_global", "out 'a' must be a global tensor");
    }

    @Test
    void globalViewNeedsAPointerParameterOfTheSameDtype() {
        expect(prog(exec(new GlobalView(GX, Param.pointer("z", DTypes.F16)))), "body[0]", "global_view",
                "'z' is not a parameter of the program");
        expect(prog(exec(new GlobalView(GX, Param.pointer("x", DTypes.F32)))), "body[0]", "global_view",
                "does not match the declared parameter (declared x: ptr<f16>)");
        expect(prog(exec(new GlobalView(GX, M))), "body[0]", "global_view", "'m' is a scalar parameter, not a pointer");
        expect(prog(exec(new GlobalView(GX, Y))), "body[0]", "global_view",
                "out dtype f16 differs from pointer parameter 'y' dtype f32");
        expect(prog(exec(new GlobalView(A, X))), "body[0]", "global_view", "out 'a' must be a global tensor");
    }

    // ---------------------------------------------------------------- global and shared memory

    @Test
    void loadGlobal() {
        expect(prog(ALLOC_SA, exec(new LoadGlobal(A, SA, TILE))), "body[1]", "load_global", "src 'sa' must be a global tensor");
        expect(prog(VIEW_X, exec(new LoadGlobal(GX, GX, TILE))), "body[1]", "load_global", "out 'gx' must be a register");
        expect(prog(VIEW_Y, exec(new LoadGlobal(A, GY, TILE))), "body[1]", "load_global",
                "dtype of out 'a' (f16) differs from dtype of src 'gy' (f32)");
        TensorVar flat = reg("f", DTypes.F16, Layouts.spatial(32));
        expect(prog(VIEW_X, exec(new LoadGlobal(flat, GX, TILE))), "body[1]", "load_global",
                "out 'f' has rank 1 but src 'gx' has rank 2");
        expect(prog(VIEW_X, exec(new LoadGlobal(A, GX, List.of(c(0))))), "body[1]", "load_global",
                "offsets: 1 given but src 'gx' has rank 2");
        expect(prog(VIEW_X, exec(new LoadGlobal(A, GX, List.of(c(0), Expr.f32(0))))), "body[1]", "load_global",
                "offsets[1] `0.0` must be an integer, not f32");
    }

    @Test
    void storeGlobal() {
        expect(prog(VIEW_X, LOAD_A, exec(new StoreGlobal(GX, A, TILE))), "body[2]", "store_global",
                "src 'gx' must be a register tensor");
        expect(prog(VIEW_X, VIEW_Y, LOAD_A, exec(new StoreGlobal(A, GY, TILE))), "body[3]", "store_global",
                "dtype of src 'a' (f16) differs from dtype of dst 'gy' (f32)");
        expect(prog(VIEW_X, LOAD_A, exec(new StoreGlobal(A, GX, List.of(c(0), c(0), c(0))))), "body[2]",
                "store_global", "offsets: 3 given but dst 'gx' has rank 2");
    }

    @Test
    void loadShared() {
        expect(prog(VIEW_X, exec(new LoadShared(A, GX, TILE))), "body[1]", "load_shared", "src 'gx' must be a shared tensor");
        TensorVar sa32 = shared("s", DTypes.F32, SharedLayout.rowMajor(16, 8));
        expect(prog(exec(new AllocateShared(sa32)), exec(new LoadShared(A, sa32, List.of(c(0), c(0))))), "body[1]",
                "load_shared", "dtype of out 'a' (f16) differs from dtype of src 's' (f32)");
        expect(prog(ALLOC_SA, exec(new LoadShared(A, SA, List.of(c(0), c(1))))), "body[1]", "load_shared",
                "offset 1 along dimension 1 puts out 'a' (extent 8) outside src 'sa' (extent 8)");
        TensorVar small = shared("s", DTypes.F16, SharedLayout.rowMajor(8, 8));
        expect(prog(exec(new AllocateShared(small)), exec(new LoadShared(A, small, List.of(M.var(), c(0))))), "body[1]",
                "load_shared", "out 'a' [16, 8] does not fit in src 's' [8, 8] along dimension 0");
        valid(prog(ALLOC_SA, exec(new LoadShared(A, SA, List.of(c(0), c(0))))));
    }

    @Test
    void storeShared() {
        expect(prog(VIEW_X, LOAD_A, exec(new StoreShared(A, GX, TILE))), "body[2]", "store_shared",
                "dst 'gx' must be a shared tensor");
        expect(prog(VIEW_X, LOAD_A, ALLOC_SA, exec(new StoreShared(A, SA, List.of(c(-1), c(0))))), "body[3]",
                "store_shared", "offset -1 along dimension 0");
        TensorVar s3 = shared("s3", DTypes.F16, SharedLayout.rowMajor(2, 16, 8));
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateShared(s3)), exec(new StoreShared(A, s3, List.of(c(0), c(0))))),
                "body[3]", "store_shared", "src 'a' has rank 2 but dst 's3' has rank 3");
    }

    @Test
    void copyAsync() {
        expect(prog(VIEW_X, LOAD_A, exec(new CopyAsync(A, GX, TILE))), "body[2]", "copy_async", "dst 'a' must be a shared tensor");
        expect(prog(ALLOC_SA, exec(new CopyAsync(SA, SA, List.of(c(0), c(0))))), "body[1]", "copy_async",
                "src 'sa' must be a global tensor");
        expect(prog(VIEW_Y, ALLOC_SA, exec(new CopyAsync(SA, GY, TILE))), "body[2]", "copy_async",
                "dtype of dst 'sa' (f16) differs from dtype of src 'gy' (f32)");
        expect(prog(VIEW_X, ALLOC_SA, exec(new CopyAsync(SA, GX, List.of(M.var())))), "body[2]", "copy_async",
                "offsets: 1 given but src 'gx' has rank 2");
    }

    // ---------------------------------------------------------------- dot, cast, view

    @Test
    void dot() {
        TensorVar a = reg("ta", DTypes.F16, Layouts.local(2, 1).spatial(8, 4).local(1, 4));   // [16, 16]
        TensorVar b = reg("tb", DTypes.F16, Layouts.spatial(4, 8).local(4, 1));               // [16, 8]
        TensorVar b8 = reg("tb", DTypes.F16, Layouts.spatial(4, 8).local(2, 1));              // [8, 8]
        TensorVar bI = reg("tb", DTypes.I8, Layouts.spatial(4, 8).local(4, 1));
        TensorVar wide = reg("w", DTypes.F32, Layouts.spatial(8, 4).local(2, 4));             // [16, 16]
        TensorVar acc16 = reg("o", DTypes.F16, MMA_C);
        Stmt[] defs = {exec(new AllocateRegister(a, null)), exec(new AllocateRegister(b, null)),
                exec(new AllocateRegister(ACC, null))};
        valid(prog(defs[0], defs[1], defs[2], exec(new Dot(ACC, a, b, ACC))));
        expect(prog(defs[0], exec(new AllocateRegister(b8, null)), defs[2], exec(new Dot(ACC, a, b8, ACC))), "body[3]", "dot",
                "inner dimensions differ: a is [m, k] with k = 16 but b is [k, n] with k = 8");
        expect(prog(defs[0], defs[1], exec(new AllocateRegister(wide, null)), exec(new Dot(wide, a, b, wide))), "body[3]", "dot",
                "c must be [m, n] with n = 8 (columns of b)");
        expect(prog(defs[0], defs[1], defs[2], exec(new Dot(acc16, a, b, ACC))), "body[3]", "dot",
                "type of out 'o' (register<f16>", "differs from type of c 'acc' (register<f32>");
        expect(prog(defs[0], exec(new AllocateRegister(bI, null)), defs[2], exec(new Dot(ACC, a, bI, ACC))), "body[3]", "dot",
                "dtype of a 'ta' (f16) differs from dtype of b 'tb' (i8)");
        TensorVar v = reg("v", DTypes.F16, Layouts.spatial(32));
        expect(prog(defs[1], defs[2], exec(new AllocateRegister(v, null)), exec(new Dot(ACC, v, b, ACC))), "body[3]", "dot",
                "a 'v' must have rank 2, but has rank 1 [32]");
    }

    @Test
    void castKeepsTheLayout() {
        TensorVar f = reg("f", DTypes.F32, L2);
        expect(prog(VIEW_X, LOAD_A, exec(new Cast(f, A))), "body[2]", "cast",
                "layout of out 'f' (spatial(8,4).local(2,2)) differs from layout of src 'a' (local(2,1).spatial(8,4).local(1,2))");
        valid(prog(VIEW_X, LOAD_A, exec(new Cast(ACC, A))));
    }

    @Test
    void viewKeepsTheBitsPerThread() {
        TensorVar u = reg("u", DTypes.U8, MMA_C);
        expect(prog(VIEW_X, LOAD_A, exec(new View(u, A))), "body[2]", "view",
                "bits per thread differ: out holds 4 x u8 = 32 bits, src holds 4 x f16 = 64 bits");
        TensorVar w = reg("w", DTypes.U32, Layouts.spatial(8, 4).local(1, 2));
        valid(prog(VIEW_X, LOAD_A, exec(new View(w, A))));
    }

    // ---------------------------------------------------------------- elementwise

    @Test
    void unary() {
        TensorVar i = reg("i", DTypes.I8, MMA_C);
        expect(prog(exec(new AllocateRegister(i, null)), exec(new ElementwiseUnary(i, UnaryOp.EXP, i))), "body[1]", "unary",
                "operator exp is defined only on floats, not i8");
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseUnary(A, UnaryOp.BIT_NOT, A))), "body[2]", "unary",
                "operator bit_not is defined only on integers, not f16");
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseUnary(ACC, UnaryOp.NEG, A))), "body[2]", "unary",
                "dtype of out 'acc' (f32) differs from dtype of src 'a' (f16)");
        TensorVar o = reg("o", DTypes.F16, L2);
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseUnary(o, UnaryOp.NEG, A))), "body[2]", "unary",
                "layout of out 'o'");
    }

    @Test
    void binaryDtypes() {
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(ACC, null)),
                exec(new ElementwiseBinary(A, BinaryOp.ADD, A, ACC))), "body[3]", "binary",
                "dtype of a 'a' (f16) differs from dtype of b 'acc' (f32)");
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseBinary(A, BinaryOp.LT, A, A))), "body[2]", "binary",
                "out 'a' must have dtype u1 (operator < gives u1), not f16");
        TensorVar m = reg("m", DTypes.BOOL, MMA_C);
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseBinary(m, BinaryOp.ADD, A, A))), "body[2]", "binary",
                "out 'm' must have dtype f16 (the operands' dtype), not u1");
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseBinary(A, BinaryOp.SHL, A, A))), "body[2]", "binary",
                "operator << is defined only on integers, not f16");
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseBinary(m, BinaryOp.OR, A, A))), "body[2]", "binary",
                "operator || needs u1 (bool) operands, not f16");
    }

    @Test
    void binaryBroadcastShapes() {
        TensorVar bad = reg("bad", DTypes.F16, Layouts.spatial(8, 4));                                       // [8, 4]
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(bad, null)),
                exec(new ElementwiseBinary(A, BinaryOp.ADD, A, bad))), "body[3]", "binary",
                "b 'bad' shape [8, 4] does not broadcast to out 'a' shape [16, 8]: dimension 0 is 8, expected 1 or 16");
        TensorVar flat = reg("flat", DTypes.F16, Layouts.local(4).spatial(32)); // [128]
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(flat, null)),
                exec(new ElementwiseBinary(A, BinaryOp.ADD, A, flat))), "body[3]", "binary",
                "b 'flat' has rank 1 but out 'a' has rank 2 (broadcasting needs equal ranks)");
        // A size-1 dimension broadcasts: a column [16, 1] replicated along the threads of each row.
        TensorVar col = reg("col", DTypes.F16, MMA_C.reduce(new int[] {1}, true));
        assertTrue(col.registerLayout().shape(1) == 1);
        valid(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(col, null)),
                exec(new ElementwiseBinary(A, BinaryOp.ADD, col, A))));    }

    @Test
    void binaryHolderRule() {
        // Row vector [16, 1] whose row i lives in thread i % 16 (+16 replicas): not where MMA_C keeps row i.
        TensorVar rowWrong = reg("r", DTypes.F16, Layouts.spatial(16, 1).replicated(2));
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(rowWrong, null)),
                exec(new ElementwiseBinary(B, BinaryOp.MUL, A, rowWrong))), "body[3]", "binary",
                "holder rule: thread 0 holds b[8, 0] (local 2) but not r[8, 0]");
        // Same elements, same shape, different distribution: also a violation.
        TensorVar other = reg("o", DTypes.F16, L2);
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(other, null)),
                exec(new ElementwiseBinary(B, BinaryOp.ADD, A, other))), "body[3]", "binary", "holder rule: thread 0 holds b[8, 0] (local 2)",
                "but not o[8, 0]");
        // The row max of MMA_C (reduce with keepDim) is held where each row is.
        TensorVar row = reg("r", DTypes.F16, MMA_C.reduce(new int[] {1}, true));
        valid(prog(VIEW_X, LOAD_A, exec(new Reduce(row, A, 1, ReduceOp.MAX, true)),
                exec(new ElementwiseBinary(B, BinaryOp.MUL, A, row))));
    }

    @Test
    void binaryScalar() {
        TensorVar i = reg("i", DTypes.I32, MMA_C);
        valid(prog(exec(new AllocateRegister(i, null)), exec(new ElementwiseScalar(i, BinaryOp.SHR, i, c(2)))));
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseScalar(A, BinaryOp.BIT_AND, A, c(1)))), "body[2]",
                "binary_scalar", "operator & is defined only on integers, not f16");
        TensorVar o = reg("o", DTypes.F16, L2);
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseScalar(o, BinaryOp.ADD, A, Expr.f32(1)))), "body[2]",
                "binary_scalar", "holder rule");
        expect(prog(VIEW_X, LOAD_A, exec(new ElementwiseScalar(A, BinaryOp.ADD, A, i32("q")))), "body[2]",
                "binary_scalar", "in `q`: scalar 'q' is not defined");
    }

    @Test
    void where() {
        TensorVar cond = reg("c", DTypes.BOOL, MMA_C), notBool = reg("c", DTypes.U8, MMA_C);
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(notBool, null)), exec(new Where(B, notBool, A, A))),
                "body[3]", "where", "cond 'c' must have dtype u1 (a condition), not u8");
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(cond, null)), exec(new Where(ACC, cond, A, A))),
                "body[3]", "where", "dtype of out 'acc' (f32) differs from dtype of a 'a' (f16)");
        TensorVar condOther = reg("c", DTypes.BOOL, L2);
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(condOther, null)), exec(new Where(B, condOther, A, A))),
                "body[3]", "where", "holder rule", "but not c[");
    }

    // ---------------------------------------------------------------- reduce and layout ops

    @Test
    void reduce() {
        TensorVar r = reg("r", DTypes.F16, MMA_C.reduce(new int[] {1}, true));
        expect(prog(VIEW_X, LOAD_A, exec(new Reduce(r, A, 2, ReduceOp.SUM, true))), "body[2]", "reduce",
                "dim 2 is out of range for src 'a' of rank 2");
        expect(prog(VIEW_X, LOAD_A, exec(new Reduce(r, A, 1, ReduceOp.SUM, false))), "body[2]", "reduce",
                "layout of out 'r' is", "but must be src.layout.reduce([1], false) = ");
        TensorVar r32 = reg("r", DTypes.F32, MMA_C.reduce(new int[] {1}, true));
        expect(prog(VIEW_X, LOAD_A, exec(new Reduce(r32, A, 1, ReduceOp.SUM, true))), "body[2]", "reduce",
                "dtype of out 'r' (f32) differs from dtype of src 'a' (f16)");
    }

    @Test
    void squeezeAndUnsqueeze() {
        TensorVar u = reg("u", DTypes.F16, MMA_C.unsqueeze(0));
        TensorVar uBad = reg("u", DTypes.F16, MMA_C.unsqueeze(2));
        expect(prog(VIEW_X, LOAD_A, exec(new Unsqueeze(uBad, A, List.of(0)))), "body[2]", "unsqueeze",
                "but must be src.layout.unsqueeze([0])");
        expect(prog(VIEW_X, LOAD_A, exec(new Unsqueeze(u, A, List.of(0))), exec(new Squeeze(A, u, List.of(1)))),
                "body[3]", "squeeze", "cannot compute src.layout.squeeze([1])");
        TensorVar s = reg("s", DTypes.F16, MMA_C.unsqueeze(0).squeeze(0));
        valid(prog(VIEW_X, LOAD_A, exec(new Unsqueeze(u, A, List.of(0))), exec(new Squeeze(s, u, List.of(0)))));
    }

    @Test
    void transposeAndReshape() {
        TensorVar t = reg("t", DTypes.F16, MMA_C.permute(1, 0));
        expect(prog(VIEW_X, LOAD_A, exec(new Transpose(B, A))), "body[2]", "transpose",
                "layout of out 'b' is local(2,1).spatial(8,4).local(1,2) but must be src.layout.permute(1, 0) = ");
        TensorVar three = reg("three", DTypes.F16, MMA_C.unsqueeze(0));
        expect(prog(VIEW_X, LOAD_A, exec(new Unsqueeze(three, A, List.of(0))), exec(new Transpose(t, three))),
                "body[3]", "transpose", "src 'three' must have rank 2, but has rank 3 [1, 16, 8]");
        TensorVar r = reg("r", DTypes.F16, Layouts.spatial(8, 4).local(4, 2)); // 256 elements
        expect(prog(VIEW_X, LOAD_A, exec(new Reshape(r, A))), "body[2]", "reshape",
                "out 'r' has 256 elements but src 'a' has 128");
        valid(prog(VIEW_X, LOAD_A, exec(new Transpose(t, A))));
    }

    @Test
    void assign() {
        TensorVar o = reg("o", DTypes.F16, L2);
        expect(prog(VIEW_X, LOAD_A, exec(new AllocateRegister(o, null)), exec(new AssignTensor(o, A))), "body[3]", "assign",
                "type of dst 'o'", "differs from type of src 'a'");
        expect(prog(VIEW_X, exec(new AssignTensor(A, GX))), "body[1]", "assign", "src 'gx' must be a register tensor");
        valid(prog(VIEW_X, LOAD_A, exec(new AssignTensor(B, A))));
    }

    // ---------------------------------------------------------------- semaphores, free, print

    @Test
    void semaphores() {
        TensorVar sem = global("sem", DTypes.I32, rowMajor("m")), semU = global("sem", DTypes.U32, rowMajor("m"));
        Stmt alloc = exec(new AllocateGlobal(sem));
        expect(prog(exec(new AllocateGlobal(semU)), exec(new LockSemaphore(semU, List.of(bx()), c(1)))), "body[1]",
                "lock_semaphore", "sem 'sem' must have dtype i32 (a semaphore), not u32");
        expect(prog(alloc, exec(new LockSemaphore(sem, List.of(bx(), c(0)), c(1)))), "body[1]", "lock_semaphore",
                "index: 2 given but sem 'sem' has rank 1");
        expect(prog(alloc, exec(new ReleaseSemaphore(sem, List.of(bx()), Expr.f32(1)))), "body[1]", "release_semaphore",
                "value `1.0` must be i32, not f32");
        expect(prog(VIEW_X, LOAD_A, exec(new ReleaseSemaphore(A, List.of(c(0), c(0)), c(1)))), "body[2]",
                "release_semaphore", "sem 'a' must be a global tensor");
    }

    @Test
    void freeShared() {
        expect(prog(VIEW_X, LOAD_A, exec(new FreeShared(A))), "body[2]", "free_shared", "tensor 'a' must be a shared tensor");
        expect(prog(ALLOC_SA, exec(new FreeShared(SA)), exec(new FreeShared(SA))), "body[2]", "free_shared",
                "shared tensor 'sa' is freed twice (already freed at body[1])");
        expect(prog(ALLOC_SA, exec(new FreeShared(SA)), exec(new LoadShared(A, SA, List.of(c(0), c(0))))), "body[2]",
                "load_shared", "shared tensor 'sa' is used after free_shared at body[1]");
        expect(prog(VIEW_X, LOAD_B, ALLOC_SA, new Stmt.If(Expr.bool(true), seq(exec(new FreeShared(SA))), null),
                exec(new StoreShared(B, SA, List.of(c(0), c(0))))), "body[4]", "store_shared", "used after free_shared at body[3].if.then[0]");
        // allocating again revives the name
        valid(prog(ALLOC_SA, exec(new FreeShared(SA)), ALLOC_SA, exec(new LoadShared(A, SA, List.of(c(0), c(0)))),
                exec(new FreeShared(SA))));
    }

    @Test
    void print() {
        expect(prog(exec(new Print(null, List.of(), null))), "body[0]", "print", "message is missing");
        expect(prog(exec(new Print("x", List.of(i32("q")), null))), "body[0]", "print", "scalar 'q' is not defined");
        valid(prog(VIEW_X, LOAD_A, exec(new Print("a = ", List.of(bx(), Expr.f32(1)), A))));
    }
}
