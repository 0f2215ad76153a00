package org.tilevm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on, for the header of committed results: CPU model, logical CPUs,
 * SIMD extensions (AVX-512 or not), last-level cache, JDK and Vector API width. Read from
 * {@code /proc/cpuinfo} on Linux; other systems get the architecture only.
 */
public final class MachineInfo {
    private MachineInfo() {}

    /** Markdown list lines describing this machine. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        String model = "unknown", flags = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
                if (key.equals("model name") && model.equals("unknown")) model = value;
                if (key.equals("flags") && flags.isEmpty()) flags = value;
            }
        } catch (IOException e) {
            model = System.getProperty("os.arch");
        }
        lines.add("- CPU: " + model + ", " + Runtime.getRuntime().availableProcessors() + " logical CPUs, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        lines.add("- SIMD: " + simd(" " + flags + " ") + "; " + vectorWidth(" " + flags + " "));
        lines.add("- last-level cache: " + (CacheInfo.lastLevelBytes() >> 20) + " MiB (inputs rotate over copies totalling more than twice that)");
        lines.add("- JDK: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")");
        return lines;
    }

    /**
     * The Vector API's preferred f32 vector, read reflectively when this JVM has the incubator module
     * (the benchmark forks always do; the launching JVM may not), else what the CPU flags imply.
     */
    static String vectorWidth(String flags) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Class<?> fv = Class.forName("jdk.incubator.vector.FloatVector");
                Object species = fv.getField("SPECIES_PREFERRED").get(null);
                int bits = (int) species.getClass().getMethod("vectorBitSize").invoke(species);
                return "Vector API preferred species " + bits + " bits (" + bits / 32 + " f32 lanes)";
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall through to the flags
            }
        }
        String bits = flags.contains(" avx512f ") ? "512" : flags.contains(" avx2 ") ? "256" : "128 or less";
        return "Vector API preferred species " + bits + " bits (from the CPU flags; on x86 the JDK prefers the widest AVX)";
    }

    static String simd(String flags) {
        List<String> has = new ArrayList<>();
        for (String f : new String[] {"avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx2", "fma", "avx_vnni", "asimd", "sve"}) {
            if (flags.contains(" " + f + " ")) has.add(f);
        }
        boolean avx512 = has.contains("avx512f");
        String summary = avx512 ? "AVX-512" : has.contains("avx2") ? "AVX2, no AVX-512" : "no AVX2";
        return summary + (has.isEmpty() ? "" : " (" + String.join(" ", has).toLowerCase(Locale.ROOT) + ")");
    }
}
