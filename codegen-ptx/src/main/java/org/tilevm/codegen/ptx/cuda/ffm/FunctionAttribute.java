package org.tilevm.codegen.ptx.cuda.ffm;

/** The {@code CUfunction_attribute} values TileVM uses (numbers from {@code cuda.h} of CUDA 13). */
public enum FunctionAttribute {
    MAX_THREADS_PER_BLOCK(0),
    /** Static shared memory of the kernel. */
    SHARED_SIZE_BYTES(1),
    CONST_SIZE_BYTES(2),
    /** Local memory (stack, spills) per thread. */
    LOCAL_SIZE_BYTES(3),
    NUM_REGS(4),
    PTX_VERSION(5),
    BINARY_VERSION(6),
    /** The dynamic shared memory a launch may ask for; must be raised above 48 KB before such a launch. */
    MAX_DYNAMIC_SHARED_SIZE_BYTES(8);

    /** The C enum value. */
    public final int code;

    FunctionAttribute(int code) { this.code = code; }
}
