package org.tilevm.codegen.ptx.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compiles and runs a C++ program on the host (g++ or c++ from PATH) so that the printer's portable
 * helpers can be checked against the Java reference without a GPU. The shim maps the few CUDA
 * intrinsics the portable helpers use to standard C++.
 */
final class HostCpp {
    private HostCpp() {}

    static final String SHIM = """
            #include <cstdio>
            #include <cstring>
            #include <cmath>
            #include <cstdlib>
            #define __device__
            #define __forceinline__ inline
            static inline unsigned __float_as_uint(float f) { unsigned u; std::memcpy(&u, &f, 4); return u; }
            static inline float __uint_as_float(unsigned u) { float f; std::memcpy(&f, &u, 4); return f; }
            static inline long long __double_as_longlong(double d) { long long u; std::memcpy(&u, &d, 8); return u; }
            static inline double __longlong_as_double(long long u) { double d; std::memcpy(&d, &u, 8); return d; }
            static inline int __clz(unsigned x) { return x ? __builtin_clz(x) : 32; }
            static inline int __clzll(unsigned long long x) { return x ? __builtin_clzll(x) : 64; }
            static inline float __fmul_rn(float a, float b) { return a * b; }
            """;

    static Optional<Path> compiler() {
        for (String name : List.of("g++", "c++", "clang++")) {
            String path = System.getenv("PATH");
            if (path == null) return Optional.empty();
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Compiles {@code SHIM + source} and runs it with its standard input from {@code input}; returns
     * the program's standard output.
     */
    static String run(Path cxx, String source, byte[] input) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tilevm-host");
        try {
            Path src = dir.resolve("t.cpp"), exe = dir.resolve("t"), out = dir.resolve("out.txt"), in = dir.resolve("in.bin");
            Files.writeString(src, SHIM + source);
            Files.write(in, input);
            exec(dir, out, List.of(cxx.toString(), "-O0", "-std=c++17", "-ffp-contract=off", "-o", exe.toString(), src.toString()),
                    null);
            exec(dir, out, List.of(exe.toString()), in);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void exec(Path dir, Path out, List<String> cmd, Path in) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        if (in != null) pb.redirectInput(in.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            String log = Files.readString(out);
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "):\n"
                    + log.substring(0, Math.min(log.length(), 4000)));
        }
    }
}
