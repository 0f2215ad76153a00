package org.tilevm.spec.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tilevm.spec.print.Ir.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Swizzle;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Every instruction record, printed. */
class InstructionPrinterTest {
    static final RegisterLayout L8x4 = Layouts.spatial(8, 4);          // [8, 4], 32 threads
    static final TensorVar X = reg("x", DTypes.F16, L8x4), Y = reg("y", DTypes.F16, L8x4);
    static final TensorVar XF = reg("xf", DTypes.F32, L8x4), M = reg("m", DTypes.BOOL, L8x4);
    static final TensorVar S = shared("s", DTypes.F16, SharedLayout.rowMajor(8, 4));
    static final TensorVar G = global("g", DTypes.F16, rowMajor("n", "4"));
    static final TensorVar SEM = global("sem", DTypes.I32, rowMajor("8"));
    static final Var I = i32("i");

    /** One example of every instruction kind, with its expected text. */
    static Map<Instruction, String> examples() {
        Map<Instruction, String> m = new LinkedHashMap<>();
        String rx = " : register<f16>[8, 4] spatial(8,4)";
        m.put(new AllocateRegister(X, new Expr.FloatConst(1.5, DTypes.F16)), "x = allocate_register init 1.5_f16" + rx);
        m.put(new AllocateRegister(X, null), "x = allocate_register" + rx);
        m.put(new AllocateShared(S), "s = allocate_shared : shared<f16>[8, 4] strides [4, 1]");
        m.put(new FreeShared(S), "free_shared s");
        m.put(new AllocateGlobal(SEM), "sem = allocate_global : global<i32>[8] strides [1]");
        m.put(new GlobalView(G, Param.pointer("p", DTypes.F16)), "g = global_view p : global<f16>[n, 4] strides [4, 1]");
        m.put(new LoadGlobal(X, G, List.of(mul(I, c(8)), c(0))), "x = load_global g[i * 8, 0]" + rx);
        m.put(new StoreGlobal(X, G, List.of(add(I, c(1)), c(0))), "store_global x to g[i + 1, 0]");
        m.put(new LoadShared(X, S, List.of(c(0), c(0))), "x = load_shared s[0, 0]" + rx);
        m.put(new StoreShared(Y, S, List.of(c(0), I)), "store_shared y to s[0, i]");
        m.put(new CopyAsync(S, G, List.of(I, c(0))), "copy_async g[i, 0] to s");
        m.put(new CopyAsyncCommitGroup(), "copy_async_commit_group");
        m.put(new CopyAsyncWaitGroup(2), "copy_async_wait_group 2");
        m.put(new CopyAsyncWaitAll(), "copy_async_wait_all");
        m.put(new Dot(XF, X, Y, XF), "xf = dot x, y, xf : register<f32>[8, 4] spatial(8,4)");
        m.put(new Cast(XF, X), "xf = cast x : register<f32>[8, 4] spatial(8,4)");
        m.put(new View(reg("v", DTypes.I16, L8x4), X), "v = view x : register<i16>[8, 4] spatial(8,4)");
        m.put(new ElementwiseUnary(Y, UnaryOp.EXP, X), "y = unary exp x : register<f16>[8, 4] spatial(8,4)");
        m.put(new ElementwiseUnary(Y, UnaryOp.BIT_NOT, X), "y = unary bit_not x : register<f16>[8, 4] spatial(8,4)");
        m.put(new ElementwiseBinary(Y, BinaryOp.SUB, X, Y), "y = binary x - y : register<f16>[8, 4] spatial(8,4)");
        m.put(new ElementwiseBinary(Y, BinaryOp.MAX, X, Y), "y = binary max(x, y) : register<f16>[8, 4] spatial(8,4)");
        m.put(new ElementwiseBinary(M, BinaryOp.LE, X, Y), "m = binary x <= y : register<u1>[8, 4] spatial(8,4)");
        m.put(new ElementwiseScalar(Y, BinaryOp.ADD, X, add(I, c(1))), "y = binary_scalar x + (i + 1) : register<f16>[8, 4] spatial(8,4)");
        m.put(new ElementwiseScalar(Y, BinaryOp.MIN, X, c(-2)), "y = binary_scalar min(x, (-2)) : register<f16>[8, 4] spatial(8,4)");
        m.put(new Where(Y, M, X, Y), "y = where m, x, y : register<f16>[8, 4] spatial(8,4)");
        TensorVar r = reg("r", DTypes.F16, L8x4.reduce(new int[] {1}, true));
        m.put(new Reduce(r, X, 1, ReduceOp.MAX, true), "r = reduce max x dim 1 keepdim : register<f16>[8, 1] spatial(8,1).replicated(4)");
        TensorVar r2 = reg("r2", DTypes.F16, L8x4.reduce(new int[] {0}, false));
        m.put(new Reduce(r2, X, 0, ReduceOp.SUM, false), "r2 = reduce sum x dim 0 : register<f16>[4] " + L8x4.reduce(new int[] {0}, false));
        TensorVar q = reg("q", DTypes.F16, r.registerLayout().squeeze(1));
        m.put(new Squeeze(q, r, List.of(1)), "q = squeeze r dims [1] : register<f16>[8] " + q.registerLayout());
        TensorVar u = reg("u", DTypes.F16, L8x4.unsqueeze(0));
        m.put(new Unsqueeze(u, X, List.of(0)), "u = unsqueeze x dims [0] : register<f16>[1, 8, 4] " + u.registerLayout());
        TensorVar t = reg("t", DTypes.F16, L8x4.permute(1, 0));
        m.put(new Transpose(t, X), "t = transpose x : register<f16>[4, 8] columnSpatial(4,8)");
        TensorVar f = reg("f", DTypes.F16, L8x4.reshape(2, 4, 4));
        m.put(new Reshape(f, X), "f = reshape x : register<f16>[2, 4, 4] spatial(2,4,4)");
        m.put(new Reshape(reg("f1", DTypes.F16, L8x4.reshape(32)), X), "f1 = reshape x : register<f16>[32] spatial(32)");
        m.put(new AssignTensor(Y, X), "y = assign x : register<f16>[8, 4] spatial(8,4)");
        m.put(new SyncThreads(), "sync");
        m.put(new LockSemaphore(SEM, List.of(bx()), c(3)), "lock_semaphore sem[blockIdx.x], 3");
        m.put(new ReleaseSemaphore(SEM, List.of(bx()), add(I, c(1))), "release_semaphore sem[blockIdx.x], i + 1");
        m.put(new Print("acc \"k\"=\n", List.of(I, bx()), X), "print \"acc \\\"k\\\"=\\n\" [i, blockIdx.x] x");
        m.put(new Print("é", List.of(), null), "print \"\\u00e9\" []");
        return m;
    }

    @Test
    void everyInstructionPrints() {
        examples().forEach((ins, text) -> assertEquals(text, ProgramPrinter.print(ins), ins.opName()));
    }

    @Test
    void examplesAndTableCoverEveryInstructionKind() {
        Set<Class<?>> permitted = new HashSet<>(Arrays.asList(Instruction.class.getPermittedSubclasses()));
        Set<Class<?>> covered = new HashSet<>();
        examples().keySet().forEach(i -> covered.add(i.getClass()));
        assertEquals(permitted, covered);
        assertEquals(permitted, new HashSet<>(InstructionFormats.classes()));
    }

    @Test
    void sharedLayoutsPrintModesSwizzleAndBase() {
        assertEquals("shared<f16>[16, 64] strides [64, 1] swizzle(3, 3, 3)",
                ProgramPrinter.print(new TensorType.Shared(DTypes.F16, SharedLayout.swizzledRowMajor(16, 64, 2))));
        assertEquals("shared<u8>[16, 8] strides [1, 16]",
                ProgramPrinter.print(new TensorType.Shared(DTypes.U8, SharedLayout.columnMajor(16, 8))));
        SharedLayout tiled = SharedLayout.of(new int[] {16, 8}, new int[] {2, 8, 8}, new int[] {64, 8, 1});
        assertEquals("shared<f16>[16, 8] modes [(2, 8):(64, 8), 8:1]",
                ProgramPrinter.print(new TensorType.Shared(DTypes.F16, tiled)));
        SharedLayout slice = SharedLayout.rowMajor(16, 16).slice(new int[] {8, 0}, new int[] {8, 16});
        assertEquals("shared<f16>[8, 16] strides [16, 1] base 128",
                ProgramPrinter.print(new TensorType.Shared(DTypes.F16, slice)));
        assertEquals("shared<f16>[8, 4] strides [4, 1] swizzle(1, 0, 2)",
                ProgramPrinter.print(new TensorType.Shared(DTypes.F16,
                        SharedLayout.rowMajor(8, 4).withSwizzle(new Swizzle(1, 0, 2)))));
    }
}
