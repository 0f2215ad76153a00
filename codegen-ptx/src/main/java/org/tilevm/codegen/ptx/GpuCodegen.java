package org.tilevm.codegen.ptx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tilevm.codegen.ptx.cuda.CudaCompileException;
import org.tilevm.codegen.ptx.cuda.CudaPrinter;
import org.tilevm.codegen.ptx.cuda.CudaToolchain;
import org.tilevm.codegen.ptx.lower.Lowering;
import org.tilevm.codegen.ptx.lower.Specialization;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.codegen.ptx.tir.TirText;
import org.tilevm.codegen.ptx.tir.TirVerifier;
import org.tilevm.spec.ir.Program;

/**
 * The GPU code generator as one call: a block-level program and its launch arguments (for the
 * divisibility signature) to thread-level IR, CUDA C++, PTX, a cubin or SASS for a target
 * architecture. PTX, cubin and SASS need the CUDA toolchain ({@code nvcc}, {@code ptxas};
 * {@code cuobjdump} or {@code nvdisasm} for SASS) on PATH or under CUDA_HOME / CUDA_PATH.
 */
public final class GpuCodegen {
    private GpuCodegen() {}

    /** The architectures the code generator targets (mma.sync, ldmatrix and cp.async need sm_80). */
    public static final List<String> TARGETS = List.of("sm_80", "sm_86", "sm_89", "sm_90");

    /** What to produce. */
    public enum Emit { TIR, CUDA, PTX, SASS }

    /** Lowers {@code program} for launches with (scalar) arguments like {@code args}, and verifies the result. */
    public static ThreadProgram lower(Program program, Map<String, ?> args) {
        ThreadProgram tp = Lowering.lower(program, Specialization.of(program, args));
        TirVerifier.check(tp);
        return tp;
    }

    /** @throws IllegalArgumentException naming the accepted targets */
    public static String checkTarget(String target) {
        if (!TARGETS.contains(target)) {
            throw new IllegalArgumentException("unknown target '" + target + "': expected one of " + String.join(", ", TARGETS));
        }
        return target;
    }

    /** The text of {@code emit} for {@code target} (TIR and CUDA need no toolchain). */
    public static String emit(ThreadProgram tp, Emit emit, String target) {
        checkTarget(target);
        return switch (emit) {
            case TIR -> TirText.render(tp);
            case CUDA -> CudaPrinter.print(tp);
            case PTX -> CudaToolchain.require().compilePtx(CudaPrinter.print(tp), target);
            case SASS -> sass(CudaToolchain.require().compileCubin(CudaPrinter.print(tp), target));
        };
    }

    /** Disassembles a cubin with {@code cuobjdump -sass} or {@code nvdisasm}. */
    static String sass(byte[] cubin) {
        Optional<Path> tool = locate("cuobjdump").or(() -> locate("nvdisasm"));
        if (tool.isEmpty()) {
            throw new CudaCompileException("--emit sass needs cuobjdump or nvdisasm (CUDA toolkit) on PATH or in "
                    + "$CUDA_HOME/bin; neither was found", "");
        }
        try {
            Path dir = Files.createTempDirectory("tilevm-sass");
            try {
                Path in = dir.resolve("kernel.cubin");
                Files.write(in, cubin);
                List<String> cmd = new ArrayList<>();
                cmd.add(tool.get().toString());
                if (tool.get().getFileName().toString().startsWith("cuobjdump")) cmd.add("-sass");
                cmd.add(in.toString());
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new CudaCompileException(tool.get().getFileName() + " failed on the cubin", out);
                }
                return out;
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new CudaCompileException("cannot run " + tool.get() + ": " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CudaCompileException("interrupted while disassembling", "");
        }
    }

    private static Optional<Path> locate(String tool) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) for (String d : path.split(java.io.File.pathSeparator)) if (!d.isEmpty()) dirs.add(Path.of(d));
        for (String v : List.of("CUDA_HOME", "CUDA_PATH")) {
            String h = System.getenv(v);
            if (h != null && !h.isBlank()) dirs.add(Path.of(h, "bin"));
        }
        for (Path d : dirs) {
            Path p = d.resolve(tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
