package org.tilevm.codegen.ptx.cuda;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.codegen.ptx.cuda.TirKernels.*;
import static org.tilevm.codegen.ptx.tir.ScalarType.*;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.TStmt.*;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirVerifier;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.print.ProgramPrinter;

/** The text the CUDA printer produces: its shape, the PTX it embeds, its helpers and its errors. */
class CudaPrinterTest {

    private static final String ALL = CudaPrinter.print(TirKernels.all());

    @Test
    void fixturesAreValidThreadLevelPrograms() {
        for (ThreadProgram p : TirKernels.all()) assertEquals(List.of(), TirVerifier.verify(p), p.name());
    }

    @Test
    void embedsTheExpectedPtxAndCudaConstructs() {
        for (String s : List.of(
                "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%10, %11, %12, %13};",
                "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32", "mma.sync.aligned.m16n8k8.row.col.f32.f16.f16.f32",
                "mma.sync.aligned.m16n8k8.row.col.f32.bf16.bf16.f32", "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32",
                "mma.sync.aligned.m16n8k32.row.col.s32.u8.u8.s32",
                "ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];",
                "ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16", "ldmatrix.sync.aligned.m8n8.x1.shared.b16",
                "cp.async.cg.shared.global [%0], [%1], 16, %2;", "cp.async.ca.shared.global [%0], [%1], 8, %2;",
                "cp.async.ca.shared.global [%0], [%1], 4, %2;", "cp.async.commit_group;", "cp.async.wait_group 1;",
                "cp.async.wait_group 0;", "cvta.to.shared.u64", "const unsigned tv_smem_base = tv_cvta_shared(smem);",
                "lop3.b32", "tv_lop3<0xea>(", "prmt.b32", "add.rn.f16x2", "sub.rn.f16x2", "mul.rn.f16x2", "fma.rn.f16x2",
                "fma.rn.bf16x2", "shfl.sync.idx.b32 %0, %1, %2, 0x1f, 0xffffffff;", "shfl.sync.up.b32 %0, %1, %2, 0x0,",
                "shfl.sync.down.b32", "shfl.sync.bfly.b32", "__syncthreads();", "ld.acquire.gpu.global.u32",
                "st.release.gpu.global.u32", "printf(\"x=%d z=%f p=%d \\\"q\\\"\\n\", x, (double)z, (int)p);",
                "#pragma unroll\n", "#pragma unroll 2\n", "while (it < n) {", "break;", "} else {",
                "__fadd_rn(", "__fsub_rn(", "__fmul_rn(", "__fdiv_rn(", "__dadd_rn(", "__fsqrt_rn(", "__dsqrt_rn(",
                "tv_u32x4", "tv_u32x2", "tv_ldbits<1>(", "tv_stbits<1>(", "atomicAnd(", "atomicOr(", "__funnelshift_r(",
                "cvt.rzi.s32.f32", "cvt.rzi.u64.f64", "extern __shared__ __align__(128) unsigned char smem[];",
                "extern \"C\" __global__ void __launch_bounds__(128, 1) k_memory(unsigned char* __restrict__ out, "
                        + "unsigned char* __restrict__ src) {")) {
            assertTrue(ALL.contains(s), "missing: " + s);
        }
    }

    @Test
    void isSelfContainedAndBalanced() {
        assertFalse(ALL.contains("#include"));
        String code = codeOnly(ALL);
        for (String pair : List.of("{}", "()", "[]")) {
            int depth = 0;
            for (char c : code.toCharArray()) {
                if (c == pair.charAt(0)) depth++;
                if (c == pair.charAt(1)) depth--;
                assertTrue(depth >= 0, "unbalanced " + pair);
            }
            assertEquals(0, depth, "unbalanced " + pair);
        }
        assertEquals(4, count(ALL, "extern \"C\" __global__"));
    }

    @Test
    void registerArraysAreIndexedByConstantsOnly() {
        Matcher decl = Pattern.compile("unsigned (\\w+)\\[(\\d+)\\] = \\{0\\};").matcher(ALL);
        int arrays = 0;
        while (decl.find()) {
            arrays++;
            Matcher use = Pattern.compile("\\b" + decl.group(1) + "\\[([^\\]]*)\\]").matcher(ALL);
            while (use.find()) assertTrue(use.group(1).matches("\\d+"), decl.group(1) + "[" + use.group(1) + "]");
        }
        assertTrue(arrays >= 20, "arrays: " + arrays);
    }

    @Test
    void carriesTheSourceProgramAndCommentsAsComments() {
        ThreadProgram p = TirKernels.tensorCore();
        String text = CudaPrinter.print(p);
        for (String line : ProgramPrinter.print(p.source()).strip().split("\n")) {
            assertTrue(text.contains(("//   " + line).stripTrailing() + "\n"), "source line: " + line);
        }
        assertTrue(text.contains("  // stage 16 bytes per thread, then 4 + 8 bytes\n"));
        assertTrue(text.startsWith("// Generated by the TileVM CUDA printer"));
        assertTrue(text.contains("// kernel k_tensor_core: 128 threads, 8192 bytes of dynamic shared memory, grid [2, 2, 1]"));
    }

    @Test
    void isDeterministicAndBatchesShareHelpers() {
        assertEquals(ALL, CudaPrinter.print(TirKernels.all()));
        ThreadProgram e = TirKernels.expressions();
        assertEquals(CudaPrinter.print(e), CudaPrinter.print(List.of(e)));
        assertEquals(1, count(ALL, "unsigned tv_fenc_mag32("), "each helper once");
        CudaException dup = assertThrows(CudaException.class, () -> CudaPrinter.print(List.of(e, e)));
        assertEquals("two kernels named k_expressions", dup.getMessage());
    }

    @Test
    void emitsOnlyTheHelpersUsed() {
        String bare = CudaPrinter.print(program("k_bare", List.of(OUT), 0, List.of(new BarSync())));
        assertFalse(bare.contains("static __device__"), bare);
        String one = CudaPrinter.print(program("k_one", List.of(OUT), 0, List.of(new TStmt.Array("o", 1),
                new SetBits("o", 0, 32, new Encode(DTypes.F4E2M1, new Decode(DTypes.F4E2M1, u32(5)), Rounding.CAST)))));
        assertTrue(one.contains("tv_dec_f4e2m1(") && one.contains("tv_enc_f4e2m1_cast_f32(") && one.contains("tv_fenc_mag32("));
        assertFalse(one.contains("tv_dec_f16") || one.contains("tv_fenc_mag64") || one.contains("tv_lop3"), one);
    }

    @Test
    void eachFixedHelperDefinesOneFunctionSoNoneIsEmittedUnused() {
        // a static function that no kernel calls makes nvcc warn; every helper entry is one function
        // (or one template, or a struct), and the printer requires exactly the entries it calls
        for (String name : FixedHelpers.names()) {
            String code = FixedHelpers.get(name).code();
            long functions = code.lines().filter(l -> l.startsWith("static __device__ __forceinline__")).count();
            assertTrue(functions <= 1, name + " defines " + functions + " functions"); // unused templates are fine
            String overload = name.replaceAll("_f(32|64)$", ""); // tv_fmin_f32 defines the float overload of tv_fmin
            assertTrue(code.contains(" " + name + "(") || code.contains(" " + overload + "(") || code.contains(" " + name + " {"),
                    name + " does not define " + name);
        }
    }

    @Test
    void scalarParametersUseTheirCTypesAndBecomeValues() {
        String text = CudaPrinter.print(TirKernels.expressions());
        assertTrue(text.contains("k_expressions(unsigned char* __restrict__ out, int n, unsigned short tv_arg_s, bool flag, "
                + "long long big, float f, signed char tv_arg_q, unsigned char tv_arg_w8, unsigned short tv_arg_h) {"), text);
        assertTrue(text.contains("  float s = tv_dec_f16((unsigned)tv_arg_s);  // s: f16\n"));
        assertTrue(text.contains("  int q = (int)tv_arg_q;  // q: i3\n"));
        assertTrue(text.contains("  float w8 = tv_dec_f8e4m3((unsigned)tv_arg_w8);  // w8: f8e4m3\n"));
        for (DType t : DTypes.all()) {
            String c = CudaTypes.scalarParamCType(t);
            int bytes = CudaTypes.scalarParamBytes(t);
            assertTrue(bytes * 8 >= Math.min(t.bits(), 32) || t.bits() == 64, t + " -> " + c);
            assertEquals(t.bits() > 32 ? 8 : t.bits() > 16 ? 4 : t.bits() > 8 ? 2 : 1, bytes, t.name());
        }
        assertEquals("bool", CudaTypes.scalarParamCType(DTypes.BOOL));
        assertEquals("signed char", CudaTypes.scalarParamCType(DTypes.I4));
        assertEquals("unsigned short", CudaTypes.scalarParamCType(DTypes.BF16));
        assertEquals("float", CudaTypes.scalarParamCType(DTypes.F32));
        assertEquals("long long", CudaTypes.scalarParamCType(DTypes.I64));
        assertEquals("unsigned char* __restrict__", CudaTypes.paramCType(Param.pointer("p", DTypes.F16)));
    }

    @Test
    void literalsRoundTrip() {
        assertEquals("(-2147483647 - 1)", CudaTypes.literal(Integer.MIN_VALUE, I32));
        assertEquals("(-7)", CudaTypes.literal(-7, I32));
        assertEquals("4294967295u", CudaTypes.literal(-1, U32));
        assertEquals("(-9223372036854775807ll - 1)", CudaTypes.literal(Long.MIN_VALUE, I64));
        assertEquals("18446744073709551615ull", CudaTypes.literal(-1, U64));
        assertEquals("__uint_as_float(0x7fc00000u)", CudaTypes.literal(0x7fc00000L, F32));
        assertEquals("(-0.0f)", CudaTypes.literal(Float.floatToRawIntBits(-0.0f) & 0xFFFF_FFFFL, F32));
        assertEquals("1.4E-45f", CudaTypes.literal(1, F32));
        assertEquals("__longlong_as_double(0xfff0000000000000ll)",
                CudaTypes.literal(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), F64));
        assertEquals("true", CudaTypes.literal(1, PRED));
    }

    @Test
    void signedArithmeticWrapsThroughUnsignedAndFloatsAreNotContracted() {
        TExpr x = v("x", I32), f = v("f", F32);
        String s = expr(bin(BOp.ADD, bin(BOp.MUL, x, i32(-3)), new ThreadIdx()), x, f);
        assertEquals("(int)(((unsigned)x * (unsigned)(-3)) + threadIdx.x)", s);
        assertEquals("x >> (n & 31)", expr(bin(BOp.SHR, x, v("n", I32)), x, f));
        assertEquals("(int)((unsigned)x << 1)", expr(bin(BOp.SHL, x, i32(33)), x, f));
        assertEquals("tv_sdiv(x, 7)", expr(bin(BOp.DIV, x, i32(7)), x, f));
        assertEquals("__fadd_rn(__fmul_rn(f, f), 1.0f)", expr(bin(BOp.ADD, bin(BOp.MUL, f, f), f32(1.0f)), x, f));
        assertEquals("tv_cvt_s32_f32(f)", expr(new Convert(I32, f), x, f));
        assertEquals("__float_as_uint(f)", expr(new Bitcast(U32, f), x, f));
    }

    private static String expr(TExpr e, TExpr... vars) {
        return CudaExprPrinter.strip(new CudaExprPrinter(new Prelude(false), a -> 4).expr(e));
    }

    @Test
    void namesThatAreNotCIdentifiersAreRewritten() {
        assertEquals("x0", CudaNames.of("x0"));
        assertEquals("v_int", CudaNames.of("int"));
        assertEquals("v_a_b", CudaNames.of("a.b"));
        assertEquals("v_tv_tmp", CudaNames.of("tv_tmp"));
        assertEquals("v_smem", CudaNames.of("smem"));
        assertEquals("v_1x", CudaNames.of("1x"));
    }

    @Test
    void errorsNameTheKernelTheStatementAndTheCause() {
        CudaException e = assertThrows(CudaException.class, () -> CudaPrinter.print(program("k_bad", List.of(OUT), 0,
                List.of(new TStmt.Array("r", 2), new TStmt.Array("o", 1), new SetBits("o", 0, 32, new GetBits("r", 40, 32))))));
        assertEquals("kernel k_bad, statement 3 (SetBits of 'o'): bits [40, 72) are outside register array 'r' of 2 words "
                + "(64 bits)", e.getMessage());
        e = assertThrows(CudaException.class, () -> CudaPrinter.print(program("k_bad", List.of(OUT), 0,
                List.of(new Load(TStmt.Space.GLOBAL, "nope", 0, 32, "out", i64(0), 32, tru())))));
        assertEquals("kernel k_bad, statement 1 (Load of 32 bits into 'nope'): register array 'nope' is not declared",
                e.getMessage());
        e = assertThrows(CudaException.class, () -> CudaPrinter.print(program("k_bad", List.of(OUT, Param.scalar("n",
                DTypes.I32)), 0, List.of(new TStmt.Array("a", 1), new Load(TStmt.Space.GLOBAL, "a", 0, 32, "n", i64(0), 32,
                tru())))));
        assertEquals("kernel k_bad, statement 2 (Load of 32 bits into 'a'): 'n' is not a pointer parameter of kernel k_bad",
                e.getMessage());
        e = assertThrows(CudaException.class, () -> CudaPrinter.print(program("k_bad", List.of(OUT), 0, List.of(
                new TStmt.Array("a", 4), new Mma(MmaShape.M16N8K32, DTypes.F16, DTypes.F32, "a", 0, "a", 0, "a", 0, "a", 0)))));
        assertTrue(e.getMessage().startsWith("kernel k_bad, statement 2 (Mma M16N8K32 f16): no mma.sync m16n8k32 for f16 inputs "
                + "with f32 accumulators (forms: m16n8k16 f16/bf16 inputs"), e.getMessage());
        e = assertThrows(CudaException.class, () -> CudaPrinter.print(program("k_bad", List.of(OUT), 0, List.of(
                new Let(v("y", I32), bin(BOp.ADD, i32(1), u32(2)))))));
        assertEquals("kernel k_bad, statement 1 (Let y): binary ADD: operand types I32 and U32 differ", e.getMessage());
    }

    /** The text without comments and string literals (for the bracket balance check). */
    private static String codeOnly(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"");
            int c = l.indexOf("//");
            sb.append(c >= 0 ? l.substring(0, c) : l).append('\n');
        }
        return sb.toString();
    }

    private static int count(String text, String s) {
        int n = 0;
        for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) n++;
        return n;
    }

}
