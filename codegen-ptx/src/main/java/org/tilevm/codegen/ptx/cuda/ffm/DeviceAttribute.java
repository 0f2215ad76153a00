package org.tilevm.codegen.ptx.cuda.ffm;

/**
 * The {@code CUdevice_attribute} values TileVM reads with {@code cuDeviceGetAttribute} (numbers
 * from {@code cuda.h} of CUDA 13; they are stable across driver versions).
 */
public enum DeviceAttribute {
    MAX_THREADS_PER_BLOCK(1),
    MAX_GRID_DIM_X(5),
    MAX_GRID_DIM_Y(6),
    MAX_GRID_DIM_Z(7),
    /** Shared memory a block gets without opting in (48 KB). */
    MAX_SHARED_MEMORY_PER_BLOCK(8),
    WARP_SIZE(10),
    MAX_REGISTERS_PER_BLOCK(12),
    /** SM clock in kHz. */
    CLOCK_RATE(13),
    MULTIPROCESSOR_COUNT(16),
    /** Peak memory clock in kHz. */
    MEMORY_CLOCK_RATE(36),
    GLOBAL_MEMORY_BUS_WIDTH(37),
    L2_CACHE_SIZE(38),
    UNIFIED_ADDRESSING(41),
    COMPUTE_CAPABILITY_MAJOR(75),
    COMPUTE_CAPABILITY_MINOR(76),
    MAX_SHARED_MEMORY_PER_MULTIPROCESSOR(81),
    /** Shared memory a block can get after {@code cuFuncSetAttribute(MAX_DYNAMIC_SHARED_SIZE_BYTES)}. */
    MAX_SHARED_MEMORY_PER_BLOCK_OPTIN(97);

    /** The C enum value. */
    public final int code;

    DeviceAttribute(int code) { this.code = code; }
}
