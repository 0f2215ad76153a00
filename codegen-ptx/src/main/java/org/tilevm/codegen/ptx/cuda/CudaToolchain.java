package org.tilevm.codegen.ptx.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The offline CUDA toolchain: {@code nvcc} and {@code ptxas}, found on {@code PATH}, then in
 * {@code $CUDA_HOME/bin}, then in {@code $CUDA_PATH/bin} (no machine paths are built in). It
 * compiles printed translation units to cubin or PTX and reports {@code ptxas -v} statistics; the
 * runtime path (NVRTC and the driver) does not need it, but tests and benchmarks use it to check
 * that kernels compile for a target and do not spill.
 */
public final class CudaToolchain {
    private static final Pattern ARCH = Pattern.compile("sm_[0-9]{2,3}[a-z]?");
    private static final Pattern KERNEL = Pattern.compile(
            "__global__\\s+void\\s+(?:__launch_bounds__\\s*\\([^)]*\\)\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final long TIMEOUT_SECONDS = 600;

    private final Path nvcc;
    private final Path ptxas;

    private CudaToolchain(Path nvcc, Path ptxas) {
        this.nvcc = nvcc;
        this.ptxas = ptxas;
    }

    /** The toolchain of this process's environment, if both tools are found. */
    public static Optional<CudaToolchain> find() { return find(System.getenv()); }

    /** The toolchain that environment {@code env} ({@code PATH}, {@code CUDA_HOME}, {@code CUDA_PATH}) leads to. */
    public static Optional<CudaToolchain> find(Map<String, String> env) {
        List<Path> dirs = searchPath(env);
        Optional<Path> nvcc = locate("nvcc", dirs), ptxas = locate("ptxas", dirs);
        return nvcc.isPresent() && ptxas.isPresent() ? Optional.of(new CudaToolchain(nvcc.get(), ptxas.get())) : Optional.empty();
    }

    /** As {@link #find()}, failing with a message that says where it looked. */
    public static CudaToolchain require() {
        return find().orElseThrow(() -> new CudaCompileException("no CUDA toolchain: nvcc and ptxas were not found on PATH, "
                + "in $CUDA_HOME/bin or in $CUDA_PATH/bin (searched: " + searchPath(System.getenv()) + ")", ""));
    }

    /** PATH entries, then CUDA_HOME/bin and CUDA_PATH/bin. */
    static List<Path> searchPath(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        String path = env.get("PATH");
        if (path != null) {
            for (String d : path.split(Pattern.quote(File.pathSeparator))) if (!d.isEmpty()) dirs.add(Path.of(d));
        }
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = env.get(var);
            if (home != null && !home.isBlank()) dirs.add(Path.of(home, "bin"));
        }
        return dirs;
    }

    private static Optional<Path> locate(String tool, List<Path> dirs) {
        for (Path d : dirs) {
            for (String name : List.of(tool, tool + ".exe")) {
                Path p = d.resolve(name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Path nvcc() { return nvcc; }

    public Path ptxas() { return ptxas; }

    /** {@code nvcc -cubin -arch=ARCH}: the cubin of a translation unit. */
    public byte[] compileCubin(String source, String arch) {
        return withTempDir(dir -> {
            Path out = dir.resolve("kernel.cubin");
            nvcc(dir, source, arch, "-cubin", out);
            return Files.readAllBytes(out);
        });
    }

    /** {@code nvcc -ptx -arch=ARCH}: the PTX of a translation unit. */
    public String compilePtx(String source, String arch) {
        return withTempDir(dir -> {
            Path out = dir.resolve("kernel.ptx");
            nvcc(dir, source, arch, "-ptx", out);
            return Files.readString(out, StandardCharsets.UTF_8);
        });
    }

    /** {@code nvcc -cubin -Xptxas -v}: the statistics of every kernel of a translation unit, in ptxas' order. */
    public List<PtxasInfo> ptxasInfo(String source, String arch) { return PtxasInfo.parse(compileLog(source, arch)); }

    /** The whole output of {@code nvcc -cubin -Xptxas -v} (warnings and ptxas statistics). */
    public String compileLog(String source, String arch) {
        return withTempDir(dir -> nvcc(dir, source, arch, "-cubin", dir.resolve("kernel.cubin"), "-Xptxas", "-v"));
    }

    /** The statistics of kernel {@code kernel} of a translation unit. */
    public PtxasInfo ptxasInfo(String source, String arch, String kernel) {
        return ptxasInfo(source, arch).stream().filter(i -> i.kernel().equals(kernel)).findFirst()
                .orElseThrow(() -> new CudaCompileException("ptxas reported no kernel " + kernel + " for " + arch, ""));
    }

    /** {@code ptxas -v -arch=ARCH} of PTX text: the statistics of its entry functions. */
    public List<PtxasInfo> assemble(String ptx, String arch) {
        checkArch(arch);
        return withTempDir(dir -> {
            Path in = dir.resolve("kernel.ptx");
            Files.writeString(in, ptx);
            String log = run(dir, List.of(ptxas.toString(), "-v", "-arch=" + arch, "-o", dir.resolve("kernel.cubin").toString(),
                    in.toString()), "ptxas for " + arch + " of " + entries(ptx));
            return PtxasInfo.parse(log);
        });
    }

    private String nvcc(Path dir, String source, String arch, String mode, Path out, String... extra) throws IOException {
        checkArch(arch);
        Path in = dir.resolve("kernel.cu");
        Files.writeString(in, source);
        List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), mode, "-arch=" + arch));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-o", out.toString(), in.toString()));
        return run(dir, cmd, "nvcc " + mode + " for " + arch + " of " + kernelsOf(source));
    }

    private static void checkArch(String arch) {
        if (!ARCH.matcher(arch).matches()) throw new IllegalArgumentException("target '" + arch + "': expected sm_NN, e.g. sm_90");
    }

    /** The kernel names of a CUDA translation unit (for messages). */
    static String kernelsOf(String source) {
        List<String> names = new ArrayList<>();
        Matcher m = KERNEL.matcher(source);
        while (m.find()) names.add(m.group(1));
        return names.isEmpty() ? "a translation unit without kernels" : "kernel " + String.join(", ", names);
    }

    private static String entries(String ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\.entry\\s+([A-Za-z_$][A-Za-z0-9_$]*)").matcher(ptx);
        while (m.find()) names.add(m.group(1));
        return "entry " + String.join(", ", names);
    }

    /** Runs a tool; its merged output, or a {@link CudaCompileException} with it when the tool fails. */
    private static String run(Path dir, List<String> cmd, String what) throws IOException {
        Path log = dir.resolve("log.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CudaCompileException(what + " timed out after " + TIMEOUT_SECONDS + " s", Files.readString(log));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CudaCompileException(what + " was interrupted", "");
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new CudaCompileException(what + " failed (exit " + p.exitValue() + "):", text);
        return text;
    }

    private interface Job<T> {
        T run(Path dir) throws IOException;
    }

    private static <T> T withTempDir(Job<T> job) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tilevm-cuda");
            return job.run(dir);
        } catch (IOException e) {
            throw new CudaCompileException("CUDA toolchain I/O failed: " + e.getMessage(), "");
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // a leftover temporary directory is harmless
                }
            }
        }
    }
}
