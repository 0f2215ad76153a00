package org.tilevm.codegen.ptx.cuda.ffm;

import java.util.List;

/**
 * The two native libraries TileVM's GPU path binds: the CUDA driver (installed with the NVIDIA
 * display driver) and NVRTC, the runtime CUDA C++ compiler (part of the CUDA toolkit, or the
 * {@code nvidia-cuda-nvrtc} Python wheel). Each lists its sonames in order of preference and the
 * folders of the Python wheels that ship it.
 */
public enum CudaLibrary {
    /** {@code libcuda.so.1}; no wheel ships it (it must match the kernel module). */
    DRIVER("the CUDA driver", List.of("libcuda.so.1"), "libcuda.so", List.of(), null),
    /** {@code libnvrtc.so.13}, then {@code .so.12}; wheels: {@code nvidia/cu13/lib} (CUDA 13), {@code nvidia/cuda_nvrtc/lib} (CUDA 12). */
    NVRTC("NVRTC", List.of("libnvrtc.so.13", "libnvrtc.so.12"), "libnvrtc.so",
            List.of("nvidia/cu13/lib", "nvidia/cuda_nvrtc/lib"), "libnvrtc-builtins.so.");

    private final String title;
    private final List<String> sonames;
    private final String filePrefix;
    private final List<String> wheelDirs;
    private final String companionPrefix;

    CudaLibrary(String title, List<String> sonames, String filePrefix, List<String> wheelDirs, String companionPrefix) {
        this.title = title;
        this.sonames = sonames;
        this.filePrefix = filePrefix;
        this.wheelDirs = wheelDirs;
        this.companionPrefix = companionPrefix;
    }

    /**
     * The name prefix of the companion library that must be loaded from the same folder before
     * this one when it is loaded by path, given this library's file name; null when none.
     * {@code libnvrtc.so.13} opens {@code libnvrtc-builtins.so.13.0} by soname at its first
     * compilation, which the loader finds only on its search path, not next to libnvrtc in a
     * wheel folder; loaded first, it is found by soname.
     */
    public String companionPrefix(String fileName) {
        if (companionPrefix == null || !matchesFileName(fileName)) return null;
        String version = fileName.substring(filePrefix.length());
        if (!version.startsWith(".") || version.length() < 2) return null;
        int dot = version.indexOf('.', 1);
        return companionPrefix + (dot < 0 ? version.substring(1) : version.substring(1, dot)) + ".";
    }

    /** What it is, for messages ("NVRTC"). */
    public String title() { return title; }

    /** Sonames, preferred first. */
    public List<String> sonames() { return sonames; }

    /** Folders below a Python {@code site-packages} that hold it when installed from wheels. */
    public List<String> wheelDirs() { return wheelDirs; }

    /**
     * Whether a file the user named explicitly is this library: its name starts with
     * {@code libcuda.so} / {@code libnvrtc.so} (so {@code libnvrtc.so.13.0.88} counts, and
     * {@code libnvrtc-builtins.so.13.0} does not).
     */
    public boolean matchesFileName(String fileName) { return fileName.startsWith(filePrefix); }

    /** "NVRTC (libnvrtc.so.13 or libnvrtc.so.12)". */
    public String describe() { return title + " (" + String.join(" or ", sonames) + ")"; }
}
