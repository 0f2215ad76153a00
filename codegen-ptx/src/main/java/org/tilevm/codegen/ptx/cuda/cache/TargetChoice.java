package org.tilevm.codegen.ptx.cuda.cache;

import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Chooses what NVRTC compiles for a device. A cubin for the device's own architecture when NVRTC
 * supports it exactly (no JIT at load, and the code is what {@code ptxas} chose for that chip);
 * otherwise PTX for the highest {@code compute_XX} NVRTC supports at or below the device, which the
 * driver compiles forward for the device (a plain {@code compute_XX} is valid on every later
 * architecture; a cubin is not portable across major versions, so it is never used as a fallback).
 *
 * <p>TileVM's kernels use {@code mma.sync}, {@code ldmatrix} and {@code cp.async}, which need sm_80:
 * a device below compute capability 8.0, or a choice that would fall below compute_80, is rejected.
 */
public final class TargetChoice {
    /** The oldest architecture TileVM's generated code runs on. */
    public static final int MIN_ARCH = 80;

    private TargetChoice() {}

    /** {@link #choose(int, int, Collection)} with NVRTC's list as {@code nvrtcGetSupportedArchs} gives it. */
    public static CompileTarget choose(int major, int minor, int... nvrtcArchs) {
        return choose(major, minor, IntStream.of(nvrtcArchs).boxed().toList());
    }

    /**
     * The target for a device of compute capability {@code major.minor}, given the architectures
     * NVRTC supports (numbers such as 75, 80, 86, 89, 90, 100, 120; order and duplicates do not matter).
     *
     * @throws UnsupportedDeviceException when the device is older than sm_80, or NVRTC offers no
     *                                    architecture between sm_80 and the device
     */
    public static CompileTarget choose(int major, int minor, Collection<Integer> nvrtcArchs) {
        if (major < 1 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("compute capability " + major + "." + minor + " is not a valid major.minor pair");
        }
        int device = 10 * major + minor;
        String cc = major + "." + minor + " (sm_" + device + ")";
        if (device < MIN_ARCH) {
            throw new UnsupportedDeviceException("the GPU has compute capability " + cc + ", but TileVM's kernels need 8.0 (sm_80) "
                    + "or newer: they use mma.sync, ldmatrix and cp.async");
        }
        TreeSet<Integer> archs = new TreeSet<>(nvrtcArchs);
        if (archs.isEmpty()) {
            throw new UnsupportedDeviceException("NVRTC reports no supported GPU architectures; cannot compile for compute capability " + cc);
        }
        if (archs.contains(device)) return CompileTarget.cubin(device);
        Integer below = archs.floor(device);
        if (below == null) {
            throw new UnsupportedDeviceException("NVRTC cannot target compute capability " + cc + ": the oldest architecture it supports is sm_"
                    + archs.first() + " (supported: " + list(archs) + "); use an NVRTC release that still supports this GPU");
        }
        if (below < MIN_ARCH) {
            throw new UnsupportedDeviceException("NVRTC supports no architecture from sm_80 up to the device's sm_" + device
                    + " (supported: " + list(archs) + "), and TileVM's kernels need compute_80 or newer");
        }
        return CompileTarget.ptx(below);
    }

    private static String list(Collection<Integer> archs) {
        return archs.stream().map(a -> "sm_" + a).collect(Collectors.joining(", "));
    }
}
