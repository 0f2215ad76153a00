package org.tilevm.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tilevm.codegen.ptx.GpuCodegen;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.dtype.DType;
import org.tilevm.stdlib.quant.QMatmulConfig;
import org.tilevm.stdlib.quant.QuantizedMatmul;

/**
 * {@code tilevm compile qmatmul ...}: the GPU code of a stdlib kernel, lowered for the given shape's
 * divisibility signature, as thread-level IR, CUDA C++ (self-contained), PTX or SASS for a target.
 */
final class CompileCommand implements Command {
    private static final OptionSpec SPEC = OptionSpec.builder()
            .positional("KERNEL", "the stdlib kernel: qmatmul", true)
            .value("--type", "T", "weight dtype, any type of 1..8 bits (default " + DemoCommand.DEFAULT_TYPE + ")")
            .value("--group", "G", "rows of W per scale group along K (default " + DemoCommand.DEFAULT_GROUP + ")")
            .value("--a-type", "f16|f32", "activation dtype (default f16)")
            .value("--m", "M", "rows of A and C the code is specialized for (default " + DemoCommand.DEFAULT_M + ")")
            .value("--n", "N", "columns of W and C (default " + DemoCommand.DEFAULT_N + ")")
            .value("--k", "K", "columns of A, rows of W (default " + DemoCommand.DEFAULT_K + ")")
            .value("--target", "sm_NN", "GPU architecture: " + String.join(", ", GpuCodegen.TARGETS) + " (default sm_90)")
            .value("--emit", "cuda|ptx|sass|tir", "what to write (default cuda; ptx and sass need nvcc/ptxas, sass also cuobjdump or nvdisasm)")
            .value("--out", "FILE", "write to FILE instead of standard output")
            .build();

    @Override public String name() { return "compile"; }

    @Override public String summary() { return "write the GPU code (CUDA C++, PTX, SASS or thread-level IR) of a stdlib kernel"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public String details() {
        return """
                The kernel is lowered for launches whose sizes have the divisibility of M, N, K (the
                largest power of two up to 16 dividing each: it decides vector widths and cp.async);
                zero points are used for unsigned integer weight types, as the quantizer makes them.
                The CUDA C++ needs no headers: nvcc -cubin -arch=sm_90 compiles it as it is.
                Example: tilevm compile qmatmul --type u4 --group 128 --target sm_80 --emit ptx --out k.ptx""";
    }

    @Override
    public int run(Options o, PrintStream out) throws Exception {
        String kernel = o.positional(0, null);
        if (!"qmatmul".equals(kernel)) throw new CliException("unknown kernel '" + kernel + "': expected qmatmul");
        DType type = o.dtype("--type", DType.parse(DemoCommand.DEFAULT_TYPE));
        if (type.bits() > 8) throw new CliException("--type: weight type must have 1..8 bits, got " + type.name());
        DType aType = DemoCommand.activationType(o.string("--a-type", "f16"));
        int group = o.positiveInt("--group", DemoCommand.DEFAULT_GROUP);
        int m = o.positiveInt("--m", DemoCommand.DEFAULT_M), n = o.positiveInt("--n", DemoCommand.DEFAULT_N),
                k = o.positiveInt("--k", DemoCommand.DEFAULT_K);
        String target = o.string("--target", "sm_90");
        try {
            GpuCodegen.checkTarget(target);
        } catch (IllegalArgumentException e) {
            throw new CliException("--target: " + e.getMessage(), e);
        }
        GpuCodegen.Emit emit = emit(o.string("--emit", "cuda"));
        QMatmulConfig config = QMatmulConfig.of(aType, type, group, QMatmulConfig.zeroPointsByDefault(type));
        ThreadProgram tp = GpuCodegen.lower(QuantizedMatmul.program(config), QuantizedMatmul.shapeArguments(m, n, k, group));
        String text = GpuCodegen.emit(tp, emit, target);
        String file = o.string("--out", null);
        if (file == null) {
            out.print(text);
            if (!text.endsWith("\n")) out.println();
        } else {
            try {
                Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                throw new CliException("--out: cannot write " + file + ": " + e.getMessage(), e);
            }
            out.printf(Locale.ROOT, "wrote %s: %s for %s (%s, %d lines)%n", file, tp.name(), target,
                    emit.name().toLowerCase(Locale.ROOT), text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0));
        }
        return Main.EXIT_OK;
    }

    static GpuCodegen.Emit emit(String text) {
        return switch (text) {
            case "cuda" -> GpuCodegen.Emit.CUDA;
            case "ptx" -> GpuCodegen.Emit.PTX;
            case "sass" -> GpuCodegen.Emit.SASS;
            case "tir" -> GpuCodegen.Emit.TIR;
            default -> throw new CliException("--emit: expected cuda, ptx, sass or tir, got '" + text + "'");
        };
    }
}
