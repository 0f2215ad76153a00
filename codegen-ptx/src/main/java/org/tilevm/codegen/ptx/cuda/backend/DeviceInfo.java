package org.tilevm.codegen.ptx.cuda.backend;

/**
 * What TileVM needs to know about a GPU: what code it runs and the limits a launch must respect.
 *
 * @param ordinal                 the device's CUDA ordinal
 * @param name                    e.g. {@code NVIDIA H100 80GB HBM3}
 * @param capability              compute capability
 * @param multiprocessors         SM count
 * @param maxSharedPerBlock       shared memory per block without opting in (48 KB)
 * @param maxSharedPerBlockOptin  shared memory per block after raising the kernel's limit
 * @param maxGridY                largest grid extent along y (and z, in practice the same)
 * @param maxGridZ                largest grid extent along z
 * @param totalMemory             bytes of device memory
 * @param driverVersion           {@code cuDriverGetVersion}: 1000 * major + 10 * minor
 */
public record DeviceInfo(int ordinal, String name, ComputeCapability capability, int multiprocessors, int maxSharedPerBlock,
                         int maxSharedPerBlockOptin, int maxGridY, int maxGridZ, long totalMemory, int driverVersion) {
    /** "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 79.1 GiB, driver CUDA 13.0)". */
    public String describe() {
        return String.format("%s (%s, %d SMs, %.1f GiB, driver CUDA %d.%d)", name, capability.sm(), multiprocessors,
                totalMemory / (1024.0 * 1024 * 1024), driverVersion / 1000, driverVersion % 1000 / 10);
    }
}
