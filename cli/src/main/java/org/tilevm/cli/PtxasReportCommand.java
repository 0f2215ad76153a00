package org.tilevm.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tilevm.codegen.ptx.GpuCodegen;
import org.tilevm.codegen.ptx.cuda.CudaPrinter;
import org.tilevm.codegen.ptx.cuda.CudaToolchain;
import org.tilevm.codegen.ptx.cuda.PtxasInfo;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.stdlib.quant.QMatmulConfig;
import org.tilevm.stdlib.quant.QuantizedMatmul;

/**
 * {@code tilevm ptxas-report}: compiles every stdlib kernel ({@link QMatmulConfig#catalog()})
 * offline with nvcc/ptxas for each target and prints a Markdown table of registers, spills, stack
 * and shared memory per kernel (the table committed under {@code bench/results/}).
 */
final class PtxasReportCommand implements Command {
    private static final OptionSpec SPEC = OptionSpec.builder()
            .value("--targets", "LIST", "comma-separated architectures (default sm_80,sm_90)")
            .value("--m", "M", "rows the kernels are specialized for (default 16)")
            .value("--n", "N", "columns (default 4096)")
            .value("--k", "K", "depth (default 4096)")
            .value("--out", "FILE", "write the table to FILE instead of standard output")
            .build();

    @Override public String name() { return "ptxas-report"; }

    @Override public String summary() { return "compile every stdlib kernel with nvcc/ptxas and tabulate registers, spills, shared memory"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
        List<String> targets = new ArrayList<>();
        for (String t : o.string("--targets", "sm_80,sm_90").split(",")) {
            try {
                targets.add(GpuCodegen.checkTarget(t.strip()));
            } catch (IllegalArgumentException e) {
                throw new CliException("--targets: " + e.getMessage(), e);
            }
        }
        int m = o.positiveInt("--m", 16), n = o.positiveInt("--n", 4096), k = o.positiveInt("--k", 4096);
        CudaToolchain toolchain = CudaToolchain.require();
        List<QMatmulConfig> catalog = QMatmulConfig.catalog();
        List<ThreadProgram> programs = new ArrayList<>();
        for (QMatmulConfig c : catalog) {
            programs.add(GpuCodegen.lower(QuantizedMatmul.program(c), QuantizedMatmul.shapeArguments(m, n, k, c.groupSize())));
        }
        String source = CudaPrinter.print(programs);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Kernels of QMatmulConfig.catalog() specialized for M=%d N=%d K=%d, compiled by %s.%n%n",
                m, n, k, toolchain.nvcc().getFileName()));
        sb.append("| kernel | target | registers | spill stores (B) | spill loads (B) | stack (B) | dynamic shared (B) | hardware ops |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        int spilling = 0;
        for (String target : targets) {
            Map<String, PtxasInfo> info = new HashMap<>();
            for (PtxasInfo i : toolchain.ptxasInfo(source, target)) info.put(i.kernel(), i);
            for (ThreadProgram p : programs) {
                PtxasInfo i = info.get(CudaPrinter.kernelName(p));
                if (i == null) throw new IllegalStateException("ptxas reported nothing for " + p.name() + " on " + target);
                if (i.spillStoreBytes() + i.spillLoadBytes() > 0) spilling++;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s |%n", p.name(), target, i.registers(),
                        i.spillStoreBytes(), i.spillLoadBytes(), i.stackFrameBytes(), p.sharedBytes(), ops(CudaPrinter.print(p))));
            }
        }
        sb.append(String.format(Locale.ROOT, "%n%d kernels x %d targets, %d with spills.%n", programs.size(), targets.size(), spilling));
        String file = o.string("--out", null);
        if (file == null) out.print(sb);
        else {
            Files.writeString(Path.of(file), sb.toString(), StandardCharsets.UTF_8);
            out.printf(Locale.ROOT, "wrote %s: %d kernels x %d targets, %d with spills%n", file, programs.size(), targets.size(), spilling);
        }
        return Main.EXIT_OK;
    }

    /** The notable hardware operations in a kernel's CUDA. */
    static String ops(String cuda) {
        List<String> found = new ArrayList<>();
        String body = cuda.substring(Math.max(0, cuda.indexOf("__global__")));
        if (body.contains("cp.async.cg") || body.contains("cp.async.ca")) found.add("cp.async");
        if (body.contains("ldmatrix")) found.add("ldmatrix");
        if (body.contains("mma.sync")) found.add("mma");
        if (body.contains("tv_lop3") || body.contains("lop3.b32")) found.add("lop3");
        if (body.contains("tv_prmt") || body.contains("prmt.b32")) found.add("prmt");
        return found.isEmpty() ? "-" : String.join(" ", found);
    }
}
