package org.tilevm.codegen.ptx.cuda;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.codegen.ptx.cuda.TirKernels.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.*;
import org.tilevm.codegen.ptx.tir.TStmt;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.FloatType;

/**
 * The printed kernels compile with nvcc for sm_80 and sm_90 without warnings, spills or local
 * memory (except {@code printf}'s argument buffer), and the PTX contains the vector and atomic
 * accesses the printer aims for. Skipped where nvcc is not installed. Kernels are batched into
 * one translation unit per nvcc call (five calls in all).
 */
class CudaCompileTest {
    private static CudaToolchain cuda;

    @BeforeAll
    static void findToolchain() {
        cuda = CudaToolchain.find().orElse(null);
    }

    private static void assumeCuda() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cuda != null, "nvcc/ptxas not found on PATH, CUDA_HOME or CUDA_PATH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sm_80", "sm_90"})
    void everyConstructCompilesWithoutSpills(String arch) {
        assumeCuda();
        List<ThreadProgram> kernels = new ArrayList<>(TirKernels.all());
        kernels.add(dtypes());
        String log = cuda.compileLog(CudaPrinter.print(kernels), arch);
        assertFalse(log.toLowerCase().contains("warning"), log);
        Map<String, PtxasInfo> info = PtxasInfo.parse(log).stream().collect(Collectors.toMap(PtxasInfo::kernel, Function.identity()));
        assertEquals(kernels.stream().map(CudaPrinter::kernelName).collect(Collectors.toSet()), info.keySet());
        for (PtxasInfo i : info.values()) {
            assertEquals(arch, i.arch());
            assertFalse(i.spills(), i.toString());
            assertTrue(i.registers() > 0 && i.registers() <= 255, i.toString());
            // printf's arguments live in a local buffer; nothing else may use local memory
            if (!i.kernel().equals("k_expressions")) assertEquals(0, i.stackFrameBytes(), i.toString());
        }
    }

    @Test
    void ptxUsesVectorAccessesAtomicsAndTensorCores() {
        assumeCuda();
        String ptx = cuda.compilePtx(CudaPrinter.print(List.of(TirKernels.memory(), TirKernels.tensorCore())), "sm_90");
        for (String s : List.of("ld.global.nc.v4.u32", "ld.global.nc.v2.u32", "st.global.v4.u32", "st.global.v2.u32",
                "ld.shared.v4.u32", "st.shared.v4.u32", "st.shared.v2.u32", "atom.global.and.b32", "atom.global.or.b32",
                "atom.shared.and.b32", "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32", "ldmatrix.sync.aligned.m8n8.x4",
                "cp.async.cg.shared.global", "cp.async.wait_group 1")) {
            assertTrue(ptx.contains(s), "PTX lacks " + s);
        }
        assertFalse(ptx.contains("ld.local") || ptx.contains("st.local"), "register arrays went to local memory");
    }

    @Test
    void compileErrorsCarryTheLogAndTheKernel() {
        assumeCuda();
        String broken = "extern \"C\" __global__ void __launch_bounds__(32) k_broken(int* p) { p[0] = undeclared_name; }\n";
        CudaCompileException e = assertThrows(CudaCompileException.class, () -> cuda.compileCubin(broken, "sm_90"));
        assertTrue(e.getMessage().startsWith("nvcc -cubin for sm_90 of kernel k_broken failed (exit "), e.getMessage());
        assertTrue(e.log().contains("undeclared_name"), e.log());
        assertTrue(e.getMessage().contains(e.log().strip()));
    }

    /** Decode and both encodings of every dtype, and casts from every dtype to three others. */
    static ThreadProgram dtypes() {
        List<TStmt> b = new ArrayList<>();
        b.add(new TStmt.Array("r", 2));
        b.add(new TStmt.Array("o", 1));
        b.add(new TStmt.Load(TStmt.Space.GLOBAL, "r", 0, 64, "src", gbit(0, 2), 64, tru()));
        TExpr f = new Bitcast(ScalarType.F32, new GetBits("r", 0, 32));
        TExpr d = new Bitcast(ScalarType.F64, new GetBits("r", 0, 64));
        TExpr x = new Bitcast(ScalarType.I32, new GetBits("r", 32, 32));
        List<DType> all = DTypes.all();
        int w = 0;
        for (int k = 0; k < all.size(); k++) {
            DType t = all.get(k);
            TExpr code = new GetBits("r", 0, t.bits());
            TExpr v = new Decode(t, code);
            b.addAll(emit("o", w++, v));
            if (t instanceof FloatType) {
                for (Rounding r : Rounding.values()) {
                    b.addAll(emit("o", w++, new Encode(t, f, r)));
                    b.addAll(emit("o", w++, new Encode(t, d, r)));
                }
            } else {
                b.addAll(emit("o", w++, new Encode(t, t.bits() == 64 ? new Convert(ScalarType.I64, x) : x, Rounding.ARITH)));
            }
            for (int j = 1; j <= 3; j++) b.addAll(emit("o", w++, new CastCode(t, all.get((k + 7 * j) % all.size()), code)));
        }
        return program("k_dtypes", List.of(OUT, IN), 0, b);
    }
}
